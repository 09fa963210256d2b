// The daemon as a process: shutdown with an exit value, PID files (KEA_PIDFILE_DIR, a second instance,
// a stale file), and signals (HUP reloads, TERM/INT stop). Each test runs the fixture program.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { BINARY, CONFIG_KEY } from './fixtures/app.js';
import {
  answers,
  runDaemonOnce,
  section,
  send,
  socketSection,
  spawnDaemon,
  startChild,
  tempDir,
  waitFor,
  writeConfig,
} from './helpers.js';

function setup(t: Parameters<typeof tempDir>[0], extra: Record<string, never> = {}) {
  const dir = tempDir(t);
  const socket = join(dir, 'ctrl.sock');
  const configFile = writeConfig(join(dir, 'kea-test.conf'), {
    'valid-lifetime': 1000,
    'control-socket': socketSection(socket),
    ...extra,
  });
  const pidFile = join(dir, `kea-test.${BINARY}.pid`);
  return { dir, socket, configFile, pidFile, env: { KEA_PIDFILE_DIR: dir } };
}

t.test('shutdown with exit-value: exit code, PID file and socket file removed', async (t) => {
  const { socket, configFile, pidFile, env } = setup(t);
  const child = await startChild(t, configFile, socket, env);
  t.equal(readFileSync(pidFile, 'utf8').trim(), String(child.pid), 'PID file in KEA_PIDFILE_DIR');
  const status = await send(socket, 'status-get');
  t.equal((status.arguments as { pid: number }).pid, child.pid);
  const a = await send(socket, 'shutdown', { 'exit-value': 3 });
  t.same(a, { result: 0, text: 'Shutting down.' });
  const { code } = await child.exited;
  t.equal(code, 3);
  t.notOk(existsSync(pidFile), 'PID file removed');
  t.notOk(existsSync(socket), 'socket file removed');
  t.match(
    child.stdout(),
    /INFO {2}\[kea-test-daemon\.testd\/\d+\.1\] DCTL_SHUTDOWN kea-test-daemon has shut down/,
  );
});

t.test('shutdown without arguments exits 0', async (t) => {
  const { socket, configFile, pidFile, env } = setup(t);
  const child = await startChild(t, configFile, socket, env);
  t.equal((await send(socket, 'shutdown')).result, 0);
  t.equal((await child.exited).code, 0);
  t.notOk(existsSync(pidFile));
});

t.test('a second instance with the same config refuses to start', async (t) => {
  const { socket, configFile, pidFile, env } = setup(t);
  const first = await startChild(t, configFile, socket, env);
  const second = await runDaemonOnce(t, ['-c', configFile], env);
  t.equal(second.code, 1);
  t.match(second.stdout + second.stderr, /DCTL_ALREADY_RUNNING/);
  t.match(second.stderr, `names process ${first.pid}, which is still running`);
  t.ok(await answers(socket), 'the first one keeps answering');
  t.equal(readFileSync(pidFile, 'utf8').trim(), String(first.pid), 'PID file still names the first');
  t.equal((await send(socket, 'status-get')).result, 0);
});

t.test('a second instance on another config but the same socket fails and leaves the first', async (t) => {
  const { dir, socket, configFile, pidFile, env } = setup(t);
  await startChild(t, configFile, socket, env);
  const otherConf = writeConfig(join(dir, 'other.conf'), { 'control-socket': socketSection(socket) });
  const other = await runDaemonOnce(t, ['-c', otherConf], env);
  t.equal(other.code, 1);
  t.match(other.stderr, /in use/);
  t.ok(await answers(socket), 'the first one keeps answering');
  t.ok(existsSync(pidFile));
  t.notOk(existsSync(join(dir, `other.${BINARY}.pid`)), "the failed instance's PID file is removed");
});

t.test('a stale PID file (dead process, or garbage) is taken over', async (t) => {
  const { socket, configFile, pidFile, env } = setup(t);
  const dead = spawnSync('true').pid;
  for (const content of [`${dead}\n`, 'not a pid\n']) {
    writeFileSync(pidFile, content);
    const child = await startChild(t, configFile, socket, env);
    t.equal(readFileSync(pidFile, 'utf8').trim(), String(child.pid), `took over ${JSON.stringify(content)}`);
    child.proc.kill('SIGTERM');
    t.equal((await child.exited).code, 0);
  }
});

t.test('SIGHUP reloads the config file; a broken file keeps the running config', async (t) => {
  const { socket, configFile, env } = setup(t);
  const child = await startChild(t, configFile, socket, env);
  writeConfig(configFile, { 'valid-lifetime': 2000, 'control-socket': socketSection(socket) });
  child.proc.kill('SIGHUP');
  await waitFor('the reloaded config', async () => {
    const got = await send(socket, 'config-get');
    return section(got.arguments)['valid-lifetime'] === 2000;
  });
  t.match(child.stdout(), /DCTL_CFG_FILE_RELOAD_SIGNAL_RECVD OS signal SIGHUP received/);

  writeFileSync(configFile, `{ "${CONFIG_KEY}": { "valid-lifetime": 3000, "bogus": true } }\n`);
  child.proc.kill('SIGHUP');
  await waitFor('the reload error in the log', () => /DCTL_CFG_FILE_RELOAD_ERROR/.test(child.stdout()));
  t.match(
    child.stdout(),
    /ERROR \[kea-test-daemon\.testd\/\d+\.1\] DCTL_CFG_FILE_RELOAD_ERROR configuration reload failed: .*kea-test\.conf:1:\d+: Testd\.bogus: unknown keyword "bogus"/,
  );
  const got = await send(socket, 'config-get');
  t.equal(section(got.arguments)['valid-lifetime'], 2000, 'old config kept');
  t.ok(child.running());
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  t.test(`${signal} stops the daemon with exit 0 and removes its files`, async (t) => {
    const { socket, configFile, pidFile, env } = setup(t);
    const child = await startChild(t, configFile, socket, env);
    t.ok(existsSync(pidFile));
    child.proc.kill(signal);
    const { code } = await child.exited;
    t.equal(code, 0);
    t.notOk(existsSync(pidFile), 'PID file removed');
    t.notOk(existsSync(socket), 'socket file removed');
    t.match(child.stdout(), `DCTL_SHUTDOWN_SIGNAL_RECVD OS signal ${signal} received`);
  });
}

t.test('a daemon with nothing open (no control socket) keeps running until signalled', async (t) => {
  const dir = tempDir(t);
  const configFile = writeConfig(join(dir, 'kea-test.conf'), { 'valid-lifetime': 1000 });
  const child = spawnDaemon(t, ['-c', configFile], { KEA_PIDFILE_DIR: dir });
  await waitFor(
    'the daemon to have started',
    () => /DCTL_STARTING/.test(child.stdout()) && existsSync(join(dir, `kea-test.${BINARY}.pid`)),
  );
  await new Promise((r) => setTimeout(r, 1500));
  t.ok(child.running(), 'still running 1.5 s after start');
  child.proc.kill('SIGTERM');
  t.equal((await child.exited).code, 0);
});
