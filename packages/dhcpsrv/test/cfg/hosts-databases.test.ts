// hosts-database / hosts-databases in config-test: accepted for mysql and postgresql (several, in
// order, readonly), refused with a clear error for memfile, without a name, or both keys at once.
import { parseJson } from '@kea-ts/cc';
import t from 'tap';
import { checkDhcp4Config, checkDhcp6Config, hostDatabases, hostDbKey } from '../../src/index.js';

function check(text: string) {
  const p = parseJson(text, { file: 'h.json' });
  const v = p.value as { Dhcp4?: never; Dhcp6?: never };
  const source = { file: 'h.json', positions: p.positions };
  return v.Dhcp4 !== undefined ? checkDhcp4Config(v.Dhcp4, source) : checkDhcp6Config(v.Dhcp6!, source);
}

t.test('accepted: one database, or several in order, readonly', async (t) => {
  const one = check('{"Dhcp4": {"hosts-database": {"type": "mysql", "name": "h", "readonly": true}}}');
  t.same(hostDatabases(one.section), [{ type: 'mysql', name: 'h', readonly: true }]);
  const two = check(`{"Dhcp6": {"hosts-databases": [
    {"type": "postgresql", "name": "a", "host": "127.0.0.1"}, {"type": "mysql", "name": "b"}]}}`);
  t.same(
    hostDatabases(two.section).map((d) => [d.type, d.name]),
    [
      ['postgresql', 'a'],
      ['mysql', 'b'],
    ],
    'in the order given',
  );
  t.equal(hostDbKey(check('{"Dhcp4": {}}').section), '[]', 'none configured');
});

t.test('refused with the key path', async (t) => {
  const cases: [string, RegExp][] = [
    [
      '{"Dhcp4": {"hosts-database": {"type": "memfile"}}}',
      /Dhcp4\.hosts-database\.type: .*memfile is not supported/,
    ],
    [
      '{"Dhcp6": {"hosts-databases": [{"type": "mysql"}]}}',
      /Dhcp6\.hosts-databases\[0\]: 'name' is required/,
    ],
    [
      '{"Dhcp4": {"hosts-database": {"type": "mysql", "name": "a"}, "hosts-databases": []}}',
      /Dhcp4\.hosts-databases: only one of hosts-database and hosts-databases/,
    ],
  ];
  for (const [text, want] of cases) t.throws(() => check(text), { message: want }, String(want));
});
