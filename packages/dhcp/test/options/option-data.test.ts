import t from 'tap';
import { standardRegistry } from '../../src/defs/registry.js';
import { ERR_DHCP_CONFIG } from '../../src/errors.js';
import { parseHexData, resolveOptionData } from '../../src/options/option-data.js';
import { parseOptionDef } from '../../src/options/option-def.js';
import { hex } from './helpers.js';

const reg4 = standardRegistry(4).extend([
  parseOptionDef({ name: 'my-opt', code: 1, type: 'uint16', space: 'my-space' }, 4),
]);
const reg6 = standardRegistry(6);

t.test('resolution by name, by code, by both', (t) => {
  const byName = resolveOptionData({ name: 'routers', data: '192.0.2.1' }, 4, reg4);
  t.equal(byName.code, 3);
  t.equal(byName.space, 'dhcp4');
  t.same(byName.payload, hex('c0000201'));
  t.equal(byName.csvFormat, true);
  t.equal(byName.formattedValue, '192.0.2.1');
  t.equal(byName.alwaysSend, false);
  t.equal(byName.neverSend, false);
  const byCode = resolveOptionData(
    { code: 3, data: '192.0.2.1', 'always-send': true, 'never-send': true },
    4,
    reg4,
  );
  t.same(byCode.payload, hex('c0000201'));
  t.equal(byCode.def?.name, 'routers');
  t.equal(byCode.alwaysSend, true);
  t.equal(byCode.neverSend, true);
  t.same(
    resolveOptionData({ name: 'routers', code: 3, data: '192.0.2.1' }, 4, reg4).payload,
    hex('c0000201'),
  );
  const user = resolveOptionData({ name: 'my-opt', space: 'my-space', data: '0x10' }, 4, reg4);
  t.same(user.payload, hex('0010'));
  const six = resolveOptionData({ name: 'preference', data: '0xf0' }, 6, reg6);
  t.same(six.payload, hex('f0'));
  t.equal(six.space, 'dhcp6');
  const ctx = resolveOptionData(
    { name: 'routers', data: '192.0.2.1', comment: 'c', 'user-context': { a: 1 } },
    4,
    reg4,
  );
  t.same(ctx.userContext, { a: 1 });
  t.equal(ctx.comment, 'c');
  t.end();
});

t.test('hex data with csv-format false', (t) => {
  // A definition exists: the bytes must still make the option Kea would build.
  const r = resolveOptionData({ name: 'routers', data: 'C0 00 02 01', 'csv-format': false }, 4, reg4);
  t.same(r.payload, hex('c0000201'));
  t.equal(r.formattedValue, '', 'no csv text to echo');
  // No definition: only hex with a code.
  const raw = resolveOptionData({ code: 224, data: '0xabc', 'csv-format': false }, 4, reg4);
  t.same(raw.payload, hex('0abc'));
  t.equal(raw.def, undefined);
  t.same(
    resolveOptionData({ code: 224, data: "'text'", 'csv-format': false }, 4, reg4).payload,
    Buffer.from('text'),
  );
  t.same(resolveOptionData({ code: 224, 'csv-format': false }, 4, reg4).payload, hex(''), 'no data: empty');
  t.same(
    resolveOptionData({ name: 'domain-name', data: '61 62 00 00', 'csv-format': false }, 4, reg4).payload,
    hex('6162'),
    "a string option loses its trailing NULs, as Kea's option object does",
  );
  t.end();
});

t.test("Kea's hex data forms", (t) => {
  t.same(parseHexData('0a:0b:c'), hex('0a0b0c'));
  t.same(parseHexData('0a 0b'), hex('0a0b'));
  t.same(parseHexData('0xabc'), hex('0abc'));
  t.same(parseHexData('abc'), hex('0abc'));
  t.same(parseHexData(''), hex(''));
  t.same(parseHexData(" ' a b ' "), Buffer.from('a b'));
  for (const s of ['0Xab', 'zz', 'a::b', 'abc:', '123:4567', "''"]) {
    t.throws(() => parseHexData(s), { code: ERR_DHCP_CONFIG }, s);
  }
  t.end();
});

t.test('every error path', (t) => {
  const bad: [string, unknown, 4 | 6, RegExp][] = [
    ['not a map', [], 4, /map/],
    ['unknown key', { name: 'routers', data: '', foo: 1 }, 4, /foo/],
    ['wrong type', { name: 'routers', 'always-send': 'yes' }, 4, /always-send/],
    ['v4 code above 255', { code: 256, data: '', 'csv-format': false }, 4, /256/],
    ['v6 code above 65535', { code: 70000, data: '', 'csv-format': false }, 6, /70000/],
    ['negative code', { code: -1, data: '' }, 4, /-1/],
    ['space in name', { name: 'a b' }, 4, /space/],
    ['bad space name', { name: 'routers', space: 'a b' }, 4, /space name/],
    ['dhcp6 space in v4', { name: 'routers', space: 'dhcp6' }, 4, /reserved/],
    ['dhcp4 space in v6', { name: 'preference', space: 'dhcp4' }, 6, /reserved/],
    ['neither code nor name', { data: '1' }, 4, /code' or 'name/],
    ['unknown name', { name: 'no-such-option', data: '1' }, 4, /no definition.*no-such-option/],
    ['unknown name, hex', { name: 'no-such-option', data: '01', 'csv-format': false }, 4, /no definition/],
    ['no definition, csv', { code: 224, data: '1' }, 4, /csv-format false/],
    ['no definition, explicit csv', { code: 224, data: '1', 'csv-format': true }, 4, /csv-format false/],
    ['name and code disagree', { name: 'routers', code: 4, data: '192.0.2.1' }, 4, /does not match/],
    ['PAD', { code: 0, data: '', 'csv-format': false }, 4, /PAD/],
    ['END', { code: 255, data: '', 'csv-format': false }, 4, /END/],
    ['dhcp6 code 0', { code: 0, data: '', 'csv-format': false }, 6, /reserved/],
    ['bad csv value', { name: 'routers', data: '192.0.2.300' }, 4, /routers.*192\.0\.2\.300/],
    ['missing value', { name: 'interface-mtu' }, 4, /no option value/],
    ['bad hex', { name: 'routers', data: 'xyz', 'csv-format': false }, 4, /hex/],
    [
      'hex not matching the definition',
      { name: 'routers', data: 'c00002', 'csv-format': false },
      4,
      /does not match/,
    ],
  ];
  for (const [why, entry, u, msg] of bad) {
    t.throws(
      () => resolveOptionData(entry, u, u === 4 ? reg4 : reg6),
      { code: ERR_DHCP_CONFIG, message: msg },
      why,
    );
  }
  t.end();
});
