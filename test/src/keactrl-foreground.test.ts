// System test of `keactrl start --foreground` (container mode) with fake daemons: the daemons run as
// keactrl's children, SIGHUP to keactrl reloads them, a killed daemon is restarted after 1 s and then
// after 2 s when it dies again at once, and SIGTERM stops everything and exits 0.
import { existsSync } from 'node:fs';
import t from 'tap';
import {
  alive,
  makeSetup,
  readPidOrZero,
  runKeactrl,
  spawnForeground,
  waitFor,
} from './fixtures/keactrl-fixture.js';

const s = makeSetup();
const fg = spawnForeground(['start', '--foreground', '-c', s.conf, '-s', 'dhcp4,ctrl_agent'], s.env);
t.teardown(() => {
  fg.child.kill('SIGKILL');
  for (const b of ['kea-dhcp4', 'kea-ctrl-agent']) {
    const pid = readPidOrZero(s, b);
    if (pid > 0 && alive(pid)) process.kill(pid, 'SIGKILL');
  }
  s.cleanup();
});

const running = (b: string) => {
  const pid = readPidOrZero(s, b);
  return pid > 0 && alive(pid);
};

t.test('both daemons start as children and status sees them', async (t) => {
  t.ok(await waitFor(() => running('kea-dhcp4') && running('kea-ctrl-agent')), fg.output.stderr);
  t.match(fg.output.stdout, /Starting .*kea-dhcp4 -c .* -d \(supervised, PID \d+\)/);
  const st = await runKeactrl(['status', '-c', s.conf], s.env);
  t.match(st.stdout, 'DHCPv4 server: active\n');
  t.match(st.stdout, 'Control Agent: active\n');
});

t.test('SIGHUP to keactrl reaches every daemon', async (t) => {
  fg.child.kill('SIGHUP');
  t.ok(await waitFor(() => s.hups('kea-dhcp4') === 1 && s.hups('kea-ctrl-agent') === 1), 'one reload each');
});

t.test('a killed daemon comes back after 1 s, then after 2 s; the other is untouched', async (t) => {
  const agent = s.readPid('kea-ctrl-agent');
  const first = s.readPid('kea-dhcp4');
  let killedAt = Date.now();
  process.kill(first, 'SIGKILL');
  t.ok(await waitFor(() => running('kea-dhcp4') && s.readPid('kea-dhcp4') !== first), 'restarted once');
  const firstGap = Date.now() - killedAt;
  t.ok(firstGap >= 950, `first restart after ${firstGap} ms`);
  t.match(
    fg.output.stderr,
    `WARNING/keactrl: kea-dhcp4 (PID ${first}) was killed by SIGKILL; restart 1 in 1 s`,
  );

  const second = s.readPid('kea-dhcp4');
  killedAt = Date.now();
  process.kill(second, 'SIGKILL');
  t.ok(await waitFor(() => running('kea-dhcp4') && s.readPid('kea-dhcp4') !== second), 'restarted twice');
  const secondGap = Date.now() - killedAt;
  t.ok(secondGap >= 1950, `second restart after ${secondGap} ms (backoff doubled)`);
  t.match(
    fg.output.stderr,
    `WARNING/keactrl: kea-dhcp4 (PID ${second}) was killed by SIGKILL; restart 2 in 2 s`,
  );
  t.equal(s.readPid('kea-ctrl-agent'), agent, 'the agent kept running');
});

t.test('SIGTERM stops the daemons and keactrl exits 0', async (t) => {
  const pids = [s.readPid('kea-dhcp4'), s.readPid('kea-ctrl-agent')];
  fg.child.kill('SIGTERM');
  const code = await Promise.race([fg.closed, new Promise((r) => setTimeout(() => r('timeout'), 20_000))]);
  t.equal(code, 0, fg.output.stderr);
  t.match(fg.output.stdout, 'INFO/keactrl: SIGTERM received, stopping the servers.');
  for (const pid of pids) t.notOk(alive(pid), `PID ${pid} is gone`);
  t.notOk(existsSync(s.pidFile('kea-dhcp4')), 'PID files removed by the daemons on SIGTERM');
});
