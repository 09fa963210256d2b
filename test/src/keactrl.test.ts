// System test of the keactrl program (packages/keactrl/bin/keactrl) with a keactrl.conf in a temp dir
// and fake daemons (fixtures/keactrl-fixture.ts): start, status, reload, stop, a killed daemon showing
// in status, start failures, and that keactrl's pipes reach EOF while the daemons keep running.
import { existsSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { alive, KEACTRL_BIN, makeSetup, runKeactrl, waitFor } from './fixtures/keactrl-fixture.js';
import { runSync } from './lib/harness.js';

const s = makeSetup();
const c = ['-c', s.conf];
t.teardown(async () => {
  // Whatever happened, no fake daemon outlives the test.
  for (const b of ['kea-dhcp4', 'kea-ctrl-agent']) {
    try {
      process.kill(s.readPid(b), 'SIGKILL');
    } catch {}
  }
  s.cleanup();
});

const statusLines = (out: string) => out.trimEnd().split('\n');

t.test('-v and --version print the version, directly and through a symlink elsewhere', async (t) => {
  const direct = await runKeactrl(['-v'], s.env);
  t.equal(direct.code, 0);
  t.match(direct.stdout, /^\d+\.\d+\.\d+\n$/);
  const link = join(s.root, 'keactrl-link');
  symlinkSync(KEACTRL_BIN, link);
  const { spawnSync } = await import('node:child_process');
  const viaLink = spawnSync(link, ['--version'], { env: s.env, encoding: 'utf8' });
  t.equal(viaLink.status, 0, viaLink.stderr);
  t.equal(viaLink.stdout, direct.stdout);
});

t.test('status before start: inactive, not installed (missing and not built), Kea line order', async (t) => {
  const r = await runKeactrl(['status', ...c], s.env);
  t.equal(r.code, 0, r.stderr);
  t.same(statusLines(r.stdout), [
    'DHCPv4 server: inactive',
    'DHCPv6 server: not installed',
    'DHCP DDNS: not installed',
    'Control Agent: inactive',
    `Kea DHCPv4 configuration file: ${s.configFile('kea-dhcp4')}`,
    `Kea DHCPv6 configuration file: ${s.configFile('kea-dhcp6')}`,
    `Kea DHCP DDNS configuration file: ${s.configFile('kea-dhcp-ddns')}`,
    `Kea Control Agent configuration file: ${s.configFile('kea-ctrl-agent')}`,
    `keactrl configuration file: ${s.conf}`,
  ]);
});

t.test('start: starts what is installed, says what is not, returns with EOF on its pipes', async (t) => {
  const r = await runKeactrl(['start', ...c], s.env);
  t.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  const sbin = join(s.root, 'sbin');
  t.match(r.stdout, `INFO/keactrl: Starting ${sbin}/kea-dhcp4 -c ${s.configFile('kea-dhcp4')} -d\n`);
  t.match(
    r.stdout,
    `INFO/keactrl: Starting ${sbin}/kea-ctrl-agent -c ${s.configFile('kea-ctrl-agent')} -d\n`,
  );
  t.match(r.stdout, /INFO\/keactrl: kea-dhcp4 started, PID \d+\./);
  t.match(r.stderr, `WARNING/keactrl: kea-dhcp6: not installed (no ${sbin}/kea-dhcp6)`);
  t.match(r.stderr, /WARNING\/keactrl: kea-dhcp-ddns: not installed \(.*kea-dhcp-ddns is not built/);
  for (const b of ['kea-dhcp4', 'kea-ctrl-agent']) {
    t.ok(alive(s.readPid(b)), `${b} runs after keactrl exited`);
    // kea_verbose=yes adds -d; KEA_LOGGER_DESTINATION defaults to <localstatedir>/log/kea.log.
    t.same(s.daemonEnv(b), {
      args: ['-c', s.configFile(b), '-d'],
      dest: join(s.root, 'var', 'log', 'kea.log'),
    });
    t.match(readFileSync(join(s.root, 'var', 'log', 'kea', `${b}.out`), 'utf8'), `${b} running as PID`);
  }
});

t.test('status: active; a second start leaves running daemons alone', async (t) => {
  const pids = [s.readPid('kea-dhcp4'), s.readPid('kea-ctrl-agent')];
  const st = await runKeactrl(['status', ...c], s.env);
  t.same(statusLines(st.stdout).slice(0, 4), [
    'DHCPv4 server: active',
    'DHCPv6 server: not installed',
    'DHCP DDNS: not installed',
    'Control Agent: active',
  ]);
  const again = await runKeactrl(['start', ...c, '-s', 'dhcp4,ctrl_agent'], s.env);
  t.equal(again.code, 0, again.stderr);
  t.match(
    again.stdout,
    `kea-dhcp4 appears to be running: PID ${pids[0]}, PID file ${s.pidFile('kea-dhcp4')}.`,
  );
  t.notMatch(again.stdout, 'Starting');
  t.same([s.readPid('kea-dhcp4'), s.readPid('kea-ctrl-agent')], pids);
});

t.test('reload sends SIGHUP to the selected running daemons', async (t) => {
  const all = await runKeactrl(['reload', ...c], s.env);
  t.equal(all.code, 0, all.stderr);
  t.match(all.stdout, /Reloading kea-dhcp4 \(PID \d+\)\.\.\./);
  t.match(all.stdout, 'kea-dhcp6 is not running.');
  t.ok(await waitFor(() => s.hups('kea-dhcp4') === 1 && s.hups('kea-ctrl-agent') === 1), 'one SIGHUP each');
  const one = await runKeactrl(['reload', ...c, '-s', 'dhcp4'], s.env);
  t.equal(one.code, 0);
  t.ok(await waitFor(() => s.hups('kea-dhcp4') === 2), 'second SIGHUP for dhcp4');
  t.equal(s.hups('kea-ctrl-agent'), 1, 'the agent was not selected');
});

t.test('a killed daemon shows as inactive with the stale PID file', async (t) => {
  const pid = s.readPid('kea-dhcp4');
  process.kill(pid, 'SIGKILL');
  t.ok(await waitFor(() => !alive(pid)), 'killed');
  const r = await runKeactrl(['status', ...c], s.env);
  t.equal(r.code, 0);
  t.equal(
    statusLines(r.stdout)[0],
    `DHCPv4 server: inactive (died: stale PID file ${s.pidFile('kea-dhcp4')})`,
  );
  t.equal(statusLines(r.stdout)[3], 'Control Agent: active');
});

t.test('stop: SIGTERM and wait; stale and absent daemons are reported, not signalled', async (t) => {
  const agent = s.readPid('kea-ctrl-agent');
  const r = await runKeactrl(['stop', ...c], s.env);
  t.equal(r.code, 0, r.stderr);
  t.match(r.stdout, `INFO/keactrl: kea-dhcp4 is not running (stale PID file ${s.pidFile('kea-dhcp4')}).`);
  t.match(r.stdout, `INFO/keactrl: Stopping kea-ctrl-agent (PID ${agent})...`);
  t.match(r.stdout, 'INFO/keactrl: kea-ctrl-agent stopped.');
  t.notOk(alive(agent), 'the agent has exited when stop returns');
  t.notOk(existsSync(s.pidFile('kea-ctrl-agent')), 'the agent removed its PID file');
  const st = await runKeactrl(['status', ...c], s.env);
  t.equal(statusLines(st.stdout)[3], 'Control Agent: inactive');
});

t.test('start over a stale PID file works; a daemon that dies at startup is reported', async (t) => {
  const restarted = await runKeactrl(['start', ...c, '-s', 'dhcp4'], s.env);
  t.equal(restarted.code, 0, restarted.stderr);
  t.ok(alive(s.readPid('kea-dhcp4')));
  t.equal((await runKeactrl(['stop', ...c, '-s', 'dhcp4'], s.env)).code, 0);

  writeFileSync(s.configFile('kea-dhcp4'), '{ "FAIL": true }\n');
  const failed = await runKeactrl(['start', ...c, '-s', 'dhcp4'], s.env);
  t.equal(failed.code, 1);
  const out = join(s.root, 'var', 'log', 'kea', 'kea-dhcp4.out');
  t.match(failed.stderr, `ERROR/keactrl: kea-dhcp4: failed to start (exit code 2), see ${out}`);
  t.match(readFileSync(out, 'utf8'), 'kea-dhcp4: bad configuration in');
  writeFileSync(s.configFile('kea-dhcp4'), '{}\n');
  // A server that is not built yet has no config to check: its line says "not installed" instead.
  unlinkSync(s.configFile('kea-dhcp-ddns'));
  const notBuilt = await runKeactrl(['status', ...c], s.env);
  t.equal(notBuilt.code, 0, notBuilt.stderr);
  t.match(notBuilt.stdout, 'DHCP DDNS: not installed');
  writeFileSync(s.configFile('kea-dhcp-ddns'), '{}\n');
});

t.test('naming a server that is not installed, or disabled, is an error for start', async (t) => {
  const missing = await runKeactrl(['start', ...c, '-s', 'dhcp6'], s.env);
  t.equal(missing.code, 1);
  t.match(missing.stderr, 'kea-dhcp6: not installed');
  writeFileSync(s.conf, readFileSync(s.conf, 'utf8').replace('ctrl_agent=yes', 'ctrl_agent=No'));
  const disabled = await runKeactrl(['start', ...c, '-s', 'ctrl_agent'], s.env);
  t.equal(disabled.code, 0);
  t.match(disabled.stdout, 'kea-ctrl-agent is disabled');
  t.notOk(existsSync(s.pidFile('kea-ctrl-agent')), 'not started');
  writeFileSync(s.conf, readFileSync(s.conf, 'utf8').replace('ctrl_agent=No', 'ctrl_agent=yes'));
});

t.test('status fails when a configuration file is missing (as Kea)', async (t) => {
  unlinkSync(s.configFile('kea-dhcp4'));
  const r = await runKeactrl(['status', ...c], s.env);
  t.equal(r.code, 1);
  t.match(r.stderr, `ERROR/keactrl: Kea configuration file does not exist: ${s.configFile('kea-dhcp4')}`);
  t.equal(statusLines(r.stdout).length, 9, 'the status lines are printed first');
  writeFileSync(s.configFile('kea-dhcp4'), '{}\n');
});

t.test('version: keactrl, then each selected daemon by its -v, or why it cannot say', async (t) => {
  const r = await runKeactrl(['version', ...c], s.env);
  t.equal(r.code, 0, r.stderr);
  const lines = statusLines(r.stdout);
  t.match(lines[0], /^keactrl: \d+\.\d+\.\d+$/);
  t.same(lines.slice(1, 2), ['kea-dhcp4: 9.9.9-fake']);
  t.match(lines[2], /^kea-dhcp6: not installed \(no /);
  t.match(lines[3], /^kea-dhcp-ddns: not installed \(.* is not built/);
  t.equal(lines[4], 'kea-ctrl-agent: 9.9.9-fake');
  const one = await runKeactrl(['version', ...c, '-s', 'ctrl_agent'], s.env);
  t.equal(statusLines(one.stdout).length, 2, 'only the selected server');
});

t.test('a missing keactrl.conf and bad options fail with a message', async (t) => {
  const r = await runKeactrl(['status', '-c', join(s.root, 'nope.conf')], s.env);
  t.equal(r.code, 1);
  t.match(r.stderr, 'ERROR/keactrl: keactrl configuration file does not exist');
  const bad = await runKeactrl(['start', '-s', 'dhcp4,bogus', ...c], s.env);
  t.equal(bad.code, 1);
  t.match(bad.stderr, 'ERROR/keactrl: invalid server name: bogus');
  t.match(bad.stdout, /^usage: keactrl/);
});

t.test('a reader closing the pipe early (keactrl status | head -1) is no failure', async (t) => {
  const r = runSync('bash', ['-c', `set -o pipefail; ${KEACTRL_BIN} status ${c.join(' ')} | head -1`], {
    env: s.env,
  });
  t.equal(r.stdout.split('\n').filter(Boolean).length, 1);
  t.notMatch(r.stderr, /EPIPE|Unhandled/, 'no crash report');
});
