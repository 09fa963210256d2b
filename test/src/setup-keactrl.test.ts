// The README's first command on this machine, end to end: scripts/setup installs, builds and starts the
// suite with the configs/ defaults; the README's curl command answers; keactrl status notices a daemon
// that died; keactrl start and stop work on the installed defaults.
import { existsSync, readFileSync } from 'node:fs';
import t from 'tap';
import { curl, repoRoot, runSync } from './lib/harness.js';

const etc = '/usr/local/etc/kea';
const keactrlConf = `${etc}/keactrl.conf`;
const agentPidFile = '/usr/local/var/run/kea/kea-ctrl-agent.kea-ctrl-agent.pid';
const keactrl = (...args: string[]) => runSync('/usr/local/sbin/keactrl', [...args, '-c', keactrlConf]);
// keactrl starts whichever daemons the workspace has built; the others say "not installed".
const built = (name: string) => existsSync(`${repoRoot}/packages/${name}/dist/src/main.js`);
const expected = (label: string, name: string, enabled = true) =>
  new RegExp(`${label}: ${built(name) ? (enabled ? 'active' : 'inactive') : 'not installed'}`);

t.test('scripts/setup, curl, keactrl status/start/stop on the installed defaults', async (t) => {
  t.teardown(() => {
    keactrl('stop');
  });
  // A leftover from an earlier run must not make this one pass.
  keactrl('stop');

  const setup = runSync('bash', [`${repoRoot}/scripts/setup`], { timeout: 300_000 });
  t.equal(setup.status, 0, setup.stderr);
  t.match(setup.stdout, /Control Agent: active/);
  t.match(setup.stdout, expected('DHCPv4 server', 'kea-dhcp4'));
  t.match(setup.stdout, expected('DHCPv6 server', 'kea-dhcp6'));
  t.match(
    setup.stdout,
    expected('DHCP DDNS', 'kea-dhcp-ddns', false),
    'dhcp_ddns=no in the shipped keactrl.conf',
  );
  t.match(setup.stdout, /HTTP 200: \[\{"arguments":\["build-report",/);

  const password = readFileSync(`${etc}/kea-api-password`, 'utf8').trim();
  t.ok(password.length >= 16, 'a generated password is in place');
  const res = curl([
    '-u',
    `admin:${password}`,
    '--cacert',
    `${etc}/tls/ca.pem`,
    'https://127.0.0.1:8000/',
    '-d',
    '{"command":"list-commands"}',
  ]);
  t.equal(res.status, 200, res.stderr);
  t.match(res.json, [{ result: 0, arguments: ['build-report', 'config-get'] }]);
  if (built('kea-dhcp4')) {
    // The installed agent forwards to the installed DHCPv4 server over its control socket.
    const forwarded = curl([
      '-u',
      `admin:${password}`,
      '--cacert',
      `${etc}/tls/ca.pem`,
      'https://127.0.0.1:8000/',
      '-d',
      '{"command":"config-get","service":["dhcp4"]}',
    ]);
    t.match(forwarded.json, [{ result: 0, arguments: { Dhcp4: { 'valid-lifetime': 3600 } } }]);
  }
  const wrong = curl([
    '-u',
    'admin:nope',
    '--cacert',
    `${etc}/tls/ca.pem`,
    'https://127.0.0.1:8000/',
    '-d',
    '{}',
  ]);
  t.equal(wrong.status, 401, 'the installed agent requires the password');

  t.match(keactrl('status').stdout, /Control Agent: active/);
  const pid = Number(readFileSync(agentPidFile, 'utf8').trim());
  process.kill(pid, 'SIGKILL');
  await new Promise((r) => setTimeout(r, 300));
  const died = keactrl('status');
  t.match(died.stdout, /Control Agent: inactive \(died/, 'a killed daemon shows in status');

  const start = keactrl('start');
  t.equal(start.status, 0, start.stderr);
  t.match(keactrl('status').stdout, /Control Agent: active/);
  const stop = keactrl('stop');
  t.equal(stop.status, 0, stop.stderr);
  const after = keactrl('status');
  t.match(after.stdout, /Control Agent: inactive/);
  t.notMatch(after.stdout, /died/, 'a clean stop leaves no stale PID file');
});
