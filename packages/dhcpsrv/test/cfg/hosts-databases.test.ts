// hosts-database / hosts-databases in config-test: accepted for mysql and postgresql (several, in
// order, readonly), refused with a clear error for memfile, without a name, or both keys at once.
import { parseJson } from '@kea-ts/cc';
import t from 'tap';
import {
  checkDhcp4Config,
  checkDhcp6Config,
  type Dhcp4Config,
  type Dhcp6Config,
  hostDatabases,
  hostDbKey,
  unparseDhcp4Config,
  unparseDhcp6Config,
} from '../../src/index.js';

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

t.test(
  'config-get lists them as hosts-databases, as Kea 2.2 does (one or several; none: no key)',
  async (t) => {
    const db = { type: 'postgresql', name: 'h', host: '127.0.0.1', user: 'postgres', readonly: true };
    const one = check(JSON.stringify({ Dhcp4: { 'hosts-database': db } })) as Dhcp4Config;
    t.same((unparseDhcp4Config(one) as Record<string, unknown>)['hosts-databases'], [db]);
    t.notOk('hosts-database' in (unparseDhcp4Config(one) as Record<string, unknown>));
    const two = check(
      JSON.stringify({ Dhcp6: { 'hosts-databases': [db, { ...db, name: 'g' }] } }),
    ) as Dhcp6Config;
    t.same((unparseDhcp6Config(two) as Record<string, unknown>)['hosts-databases'], [
      db,
      { ...db, name: 'g' },
    ]);
    const none = unparseDhcp4Config(check('{"Dhcp4": {}}') as Dhcp4Config) as Record<string, unknown>;
    t.notOk('hosts-databases' in none);
  },
);

for (const family of ['Dhcp4', 'Dhcp6'] as const) {
  t.test(
    `${family}: the connection recovery and TLS keys of SQL lease and hosts databases are accepted`,
    async (t) => {
      for (const [type, onFail] of [
        ['mysql', 'stop-retry-exit'],
        ['postgresql', 'serve-retry-exit'],
        ['mysql', 'serve-retry-continue'],
      ] as const) {
        const db = {
          type,
          name: 'k',
          'max-reconnect-tries': 3,
          'reconnect-wait-time': 100,
          'on-fail': onFail,
          'trust-anchor': 'ca.pem',
          'cert-file': 'c.pem',
          'key-file': 'k.pem',
          'cipher-list': 'AES256-SHA',
        };
        t.doesNotThrow(
          () => check(JSON.stringify({ [family]: { 'lease-database': db } })),
          `lease ${type} ${onFail}`,
        );
        t.doesNotThrow(
          () => check(JSON.stringify({ [family]: { 'hosts-database': db } })),
          `hosts ${type} ${onFail}`,
        );
        t.doesNotThrow(
          () => check(JSON.stringify({ [family]: { 'hosts-databases': [db, db] } })),
          `hosts-databases ${type}`,
        );
      }
      t.throws(
        () => check(`{"${family}": {"lease-database": {"type": "mysql", "name": "k", "on-fail": "retry"}}}`),
        /on-fail/,
        'an unknown on-fail value is an error',
      );
    },
  );
}
