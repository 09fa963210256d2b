import t from 'tap';
import { ERR_DHCP_CONFIG } from '../../src/errors.js';
import { parseOptionDef } from '../../src/options/option-def.js';

t.test('valid option-def entries', (t) => {
  const d = parseOptionDef(
    {
      name: 'my-lengthy-option',
      code: 224,
      space: 'my-fancy-space',
      type: 'record',
      'record-types': 'ipv4-address, psid, tuple, fqdn, string',
      array: false,
      encapsulate: '',
      comment: 'c',
      'user-context': { a: 1 },
    },
    4,
  );
  t.same(d.recordTypes, ['ipv4-address', 'psid', 'tuple', 'fqdn', 'string']);
  t.equal(d.space, 'my-fancy-space');
  const d6 = parseOptionDef({ name: 's46-priority', code: 111, type: 'uint16', array: true }, 6);
  t.equal(d6.space, 'dhcp6', 'space defaults to the daemon top-level space');
  t.equal(d6.array, true);
  const enc = parseOptionDef({ name: 'enc', code: 232, type: 'empty', space: 'a', encapsulate: 'b' }, 4);
  t.equal(enc.encapsulate, 'b');
  t.equal(parseOptionDef({ name: 'big', code: 65535, type: 'uint8', space: 'x' }, 6).code, 65535);
  t.end();
});

t.test('every refusal Kea makes', (t) => {
  const bad: [string, unknown, 4 | 6][] = [
    ['not a map', 'x', 4],
    ['unknown key', { name: 'a', code: 1, type: 'uint8', space: 's', foo: 1 }, 4],
    ['wrong JSON type', { name: 'a', code: '1', type: 'uint8', space: 's' }, 4],
    ['missing name', { code: 1, type: 'uint8' }, 4],
    ['missing code', { name: 'a', type: 'uint8' }, 4],
    ['missing type', { name: 'a', code: 1 }, 4],
    ['negative code', { name: 'a', code: -1, type: 'uint8', space: 's' }, 4],
    ['v4 code above 255', { name: 'a', code: 256, type: 'uint8', space: 's' }, 4],
    ['v6 code above 65535', { name: 'a', code: 65536, type: 'uint8', space: 's' }, 6],
    ['bad space name', { name: 'a', code: 1, type: 'uint8', space: '-s' }, 4],
    ['PAD in dhcp4', { name: 'a', code: 0, type: 'uint8' }, 4],
    ['END in dhcp4', { name: 'a', code: 255, type: 'uint8' }, 4],
    ['0 in dhcp6', { name: 'a', code: 0, type: 'uint8' }, 6],
    [
      'array that encapsulates',
      { name: 'a', code: 1, type: 'uint8', array: true, encapsulate: 'x', space: 's' },
      4,
    ],
    ['encapsulates its own space', { name: 'a', code: 1, type: 'uint8', encapsulate: 's', space: 's' }, 4],
    [
      'record-types without record',
      { name: 'a', code: 1, type: 'uint8', 'record-types': 'uint8', space: 's' },
      4,
    ],
    [
      'unknown record field',
      { name: 'a', code: 1, type: 'record', 'record-types': 'uint8, foo', space: 's' },
      4,
    ],
    [
      'empty record field',
      { name: 'a', code: 1, type: 'record', 'record-types': 'uint8, empty', space: 's' },
      4,
    ],
    ['bad option name', { name: 'a b', code: 1, type: 'uint8', space: 's' }, 4],
    ['name ending with -', { name: 'ab-', code: 1, type: 'uint8', space: 's' }, 4],
    ['bad encapsulated name', { name: 'a', code: 1, type: 'empty', encapsulate: 'x y', space: 's' }, 4],
    ['unknown type', { name: 'a', code: 1, type: 'uint64', space: 's' }, 4],
    ['internal type', { name: 'a', code: 1, type: 'internal', space: 's' }, 4],
    ['record of one field', { name: 'a', code: 1, type: 'record', 'record-types': 'uint8', space: 's' }, 4],
    [
      'string before the end',
      { name: 'a', code: 1, type: 'record', 'record-types': 'string, uint8', space: 's' },
      4,
    ],
    [
      'binary before the end',
      { name: 'a', code: 1, type: 'record', 'record-types': 'binary, uint8', space: 's' },
      4,
    ],
    [
      'record array ending in string',
      { name: 'a', code: 1, type: 'record', array: true, 'record-types': 'uint8, string', space: 's' },
      4,
    ],
    ['array of strings', { name: 'a', code: 1, type: 'string', array: true, space: 's' }, 4],
    ['array of binary', { name: 'a', code: 1, type: 'binary', array: true, space: 's' }, 4],
    ['array of empty', { name: 'a', code: 1, type: 'empty', array: true, space: 's' }, 4],
  ];
  for (const [why, entry, u] of bad) t.throws(() => parseOptionDef(entry, u), { code: ERR_DHCP_CONFIG }, why);
  t.end();
});
