import t, { type Test } from 'tap';
import { ERR_DHCP_CONFIG, ERR_DHCP_PARSE } from '../../src/errors.js';
import { splitCsv } from '../../src/options/csv.js';
import {
  appendSuboptions,
  decodeOptionValue,
  encodeOptionValue,
  optionValueToText,
} from '../../src/options/option-value.js';
import { defineOption, type OptionDefinitionInput, type Universe } from '../../src/types.js';
import { hex } from './helpers.js';

function def(space: string, input: OptionDefinitionInput) {
  return defineOption(space, input);
}

/** data text -> payload == bytes, payload -> text == printed, printed -> payload == bytes. */
function check(
  t: Test,
  d: ReturnType<typeof def>,
  data: string,
  bytes: Buffer,
  printed: string,
  u: Universe = 4,
): void {
  t.same(encodeOptionValue(d, splitCsv(data), u), bytes, `'${data}' encodes`);
  t.equal(optionValueToText(d, bytes, u), printed, `prints as '${printed}'`);
  t.same(encodeOptionValue(d, splitCsv(printed), u), bytes, `'${printed}' encodes the same`);
}

t.test('single values, arrays, records', (t) => {
  check(
    t,
    def('dhcp4', { name: 'time-offset', code: 2, type: 'int32' }),
    '-25200',
    hex('ffff9d90'),
    '-25200',
  );
  check(
    t,
    def('dhcp4', { name: 'routers', code: 3, type: 'ipv4-address', array: true }),
    '192.0.2.2, 192.0.2.3',
    hex('c0000202 c0000203'),
    '192.0.2.2, 192.0.2.3',
  );
  // Record: boolean then an array of addresses (slp-directory-agent).
  check(
    t,
    def('dhcp4', {
      name: 'slp-da',
      code: 78,
      type: 'record',
      array: true,
      recordTypes: ['boolean', 'ipv4-address'],
    }),
    'true, 192.0.2.59, 192.0.2.60',
    hex('01 # mandatory\n c000023b c000023c # DAs'),
    'true, 192.0.2.59, 192.0.2.60',
  );
  // A record whose string field is last; commas in it are escaped on output.
  const rec = def('x', { name: 'r', code: 1, type: 'record', recordTypes: ['uint16', 'string'] });
  check(t, rec, '7, a\\,b', hex('0007 612c62'), '7, a\\,b');
  // Extra fields after a single value are ignored, as in Kea.
  t.same(encodeOptionValue(def('x', { name: 'u', code: 1, type: 'uint8' }), ['1', '2'], 4), hex('01'));
  t.same(encodeOptionValue(def('x', { name: 'e', code: 1, type: 'empty' }), [], 4), hex(''));
  t.end();
});

t.test('encoding errors name the option', (t) => {
  const u8 = def('dhcp4', { name: 'ttl', code: 23, type: 'uint8' });
  t.throws(() => encodeOptionValue(u8, [], 4), { code: ERR_DHCP_CONFIG, message: /ttl.*no option value/ });
  t.throws(() => encodeOptionValue(u8, ['300'], 4), { code: ERR_DHCP_CONFIG, message: /out of range/ });
  const rec = def('x', { name: 'r', code: 1, type: 'record', recordTypes: ['uint16', 'string'] });
  t.throws(() => encodeOptionValue(rec, ['1'], 4), { code: ERR_DHCP_CONFIG, message: /2 fields expected/ });
  const e = def('x', { name: 'e', code: 1, type: 'empty' });
  t.throws(() => encodeOptionValue(e, ['1'], 4), { code: ERR_DHCP_CONFIG });
  // An empty integer list is refused by Kea's integer-array option.
  const arr = def('x', { name: 'a', code: 1, type: 'uint16', array: true });
  t.throws(() => encodeOptionValue(arr, [], 4), { code: ERR_DHCP_CONFIG, message: /empty/ });
  t.end();
});

t.test('decoding: array truncation rules and typed errors', (t) => {
  const boolArr = def('x', { name: 'b', code: 1, type: 'boolean', array: true });
  t.same(decodeOptionValue(boolArr, hex('01 00'), 4).fields.length, 2);
  const psidArr = def('x', { name: 'p', code: 1, type: 'psid', array: true });
  const d = decodeOptionValue(psidArr, hex('04 3000 # 3/4\n 01 80 # cut short'), 4);
  t.equal(d.fields.length, 1, 'a cut-short fixed element is dropped, as OptionCustom does');
  const addrs = def('x', { name: 'a', code: 1, type: 'ipv4-address', array: true });
  t.throws(() => decodeOptionValue(addrs, hex('c0000201 c0'), 4), { code: ERR_DHCP_PARSE });
  t.same(decodeOptionValue(addrs, hex(''), 4).fields, [], 'an empty address list is valid');
  const str = def('x', { name: 's', code: 1, type: 'string' });
  t.throws(() => decodeOptionValue(str, hex(''), 4), { code: ERR_DHCP_PARSE });
  t.throws(() => decodeOptionValue(str, hex('0000'), 4), { code: ERR_DHCP_PARSE });
  t.equal(optionValueToText(str, hex('616200'), 4), 'ab', 'trailing NUL dropped');
  const u16 = def('x', { name: 'u', code: 1, type: 'uint16' });
  t.throws(() => decodeOptionValue(u16, hex('01'), 4), { code: ERR_DHCP_PARSE });
  t.same(decodeOptionValue(u16, hex('0001 ff'), 4).trailing, hex('ff'), 'extra bytes are kept as trailing');
  t.end();
});

t.test('encapsulated sub-options are kept as raw slices', (t) => {
  const v4 = def('dhcp4', {
    name: 'vendor-encapsulated-options',
    code: 43,
    type: 'empty',
    encapsulate: 'vso',
  });
  const p = hex('01 02 aabb # sub 1\n 02 00 # sub 2, empty\n 03 05 01 # truncated');
  const d = decodeOptionValue(v4, p, 4);
  t.equal(d.suboptionSpace, 'vso');
  t.same(
    d.suboptions.map((s) => [s.code, s.data.toString('hex')]),
    [
      [1, 'aabb'],
      [2, ''],
    ],
  );
  t.same(d.trailing, hex('030501'));
  const v6 = def('dhcp6', { name: 'x', code: 99, type: 'uint8', encapsulate: 'sub6' });
  const d6 = decodeOptionValue(v6, hex('07 # field\n 0001 0002 cafe # sub 1'), 6);
  t.same(d6.fields[0]!.value, 7);
  t.same(d6.suboptions[0]!.data, hex('cafe'));
  t.same(appendSuboptions(v6, hex('07'), d6.suboptions, 6), hex('07 0001 0002 cafe'));
  t.end();
});

t.test("Kea's dedicated formats", (t) => {
  // Option 125: enterprise number then data-len in v4; sub-options grow data-len.
  const vivso = def('dhcp4', { name: 'vivso-suboptions', code: 125, type: 'uint32' });
  t.same(encodeOptionValue(vivso, ['4491'], 4), hex('0000118b # CableLabs\n 00 # data-len'));
  const withSubs = appendSuboptions(vivso, hex('0000118b00'), [{ code: 2, data: hex('c0000201') }], 4);
  t.same(withSubs, hex('0000118b 06 # data-len\n 02 04 c0000201'));
  const d = decodeOptionValue(vivso, withSubs, 4);
  t.equal(d.suboptionSpace, 'vendor-4491');
  t.equal(d.suboptions[0]!.code, 2);
  const vopts6 = def('dhcp6', { name: 'vendor-opts', code: 17, type: 'uint32' });
  t.same(encodeOptionValue(vopts6, ['4294967295'], 6), hex('ffffffff # no data-len in v6'));
  // Option 124: Kea reads one tuple per enterprise number in v4.
  const vivco = def('dhcp4', {
    name: 'vivco-suboptions',
    code: 124,
    type: 'record',
    recordTypes: ['uint32', 'binary'],
  });
  const bytes = encodeOptionValue(vivco, splitCsv('4491, 03 AA BB CC'), 4);
  t.same(bytes, hex('0000118b 03 aabbcc'));
  t.throws(() => encodeOptionValue(vivco, splitCsv('4491, 05 AA'), 4), { code: ERR_DHCP_CONFIG });
  t.equal(
    optionValueToText(vivco, hex('0000118b 03 616263'), 4),
    '4491, 03616263',
    'printed as the definition types it',
  );
  // Client FQDN (81) with the E flag: a partial name has no root label.
  const fqdn4 = def('dhcp4', {
    name: 'fqdn',
    code: 81,
    type: 'record',
    recordTypes: ['uint8', 'uint8', 'uint8', 'fqdn'],
  });
  t.equal(optionValueToText(fqdn4, hex('05 00 00 04 686f7374'), 4), '5, 0, 0, host');
  t.equal(optionValueToText(fqdn4, hex('05 00 00 04 686f7374 00'), 4), '5, 0, 0, host.');
  t.equal(optionValueToText(fqdn4, hex('01 00 00 686f7374'), 4), '1, 0, 0, host', 'ASCII without E');
  // v4 fqdn arrays may use compression (domain-search, 119).
  const search = def('dhcp4', { name: 'domain-search', code: 119, type: 'fqdn', array: true });
  t.equal(
    optionValueToText(search, hex('07 6578616d706c65 03 636f6d 00 03 777777 c000'), 4),
    'example.com., www.example.com.',
  );
  t.same(
    encodeOptionValue(search, splitCsv('example.com, example.org'), 4),
    hex('07 6578616d706c65 03 636f6d 00 07 6578616d706c65 03 6f7267 00'),
  );
  t.end();
});
