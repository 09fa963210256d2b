// kea-admin's command line: Kea's defaults, options in any order, and the usage errors Kea prints.
import t from 'tap';
import { parseAdminArgs } from '../src/cli.js';

const run = (argv: string[], env: NodeJS.ProcessEnv = {}) => {
  const c = parseAdminArgs(argv, env);
  if (c.kind !== 'run') throw new Error('expected a run');
  return c.args;
};

t.test("Kea's defaults", async (t) => {
  const a = run(['db-version', 'pgsql']);
  t.match(a, {
    host: 'localhost',
    user: 'keatest',
    password: 'keatest',
    name: 'keatest',
    family: 0,
    yes: false,
  });
  t.equal(a.port, undefined);
});

t.test('options', async (t) => {
  const a = run([
    'lease-dump',
    'mysql',
    '-u',
    'root',
    '-p',
    '',
    '-n',
    'db',
    '-h',
    '10.0.0.1',
    '-P',
    '3307',
    '-6',
    '-o',
    'f.csv',
    '-y',
  ]);
  t.match(a, {
    user: 'root',
    password: '',
    name: 'db',
    host: '10.0.0.1',
    port: 3307,
    family: 6,
    output: 'f.csv',
    yes: true,
  });
  t.equal(run(['db-init', 'pgsql', '--password']).password, '', '-p last: empty password');
  t.equal(run(['db-init', 'pgsql'], { KEA_ADMIN_DB_PASSWORD: 'envpw' }).password, 'envpw');
  t.equal(run(['db-init', 'pgsql', '-p', 'x'], { KEA_ADMIN_DB_PASSWORD: 'envpw' }).password, 'x', '-p wins');
  t.same(parseAdminArgs(['-v']), { kind: 'version' });
});

t.test('usage errors', async (t) => {
  const cases: [string[], string][] = [
    [[], 'missing command'],
    [['db-frob', 'pgsql'], 'invalid command: db-frob'],
    [['db-init'], 'missing backend'],
    [['db-init', 'oracle'], 'invalid backend: oracle'],
    [['db-init', 'pgsql', '-n'], '-n or --name requires a parameter'],
    [['db-init', 'pgsql', '--host'], '-h or --host requires a parameter'],
    [['lease-dump', 'pgsql', '-4', '-6'], 'you may not specify both -4 and -6'],
    [['db-init', 'pgsql', '-q'], 'invalid option: -q'],
    [['db-init', 'pgsql', '-x', 'a'], 'not supported yet: -x'],
  ];
  for (const [argv, message] of cases) {
    t.throws(() => parseAdminArgs(argv), { code: 'KEA_ERR_ADMIN_USAGE', message }, argv.join(' '));
  }
});
