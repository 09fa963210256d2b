// PID file names (the daemons' rule) and liveness checks that do not trust a recycled PID or a zombie.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import {
  DEFAULT_PIDFILE_DIR,
  daemonState,
  isProcessAlive,
  pidFileDir,
  pidFilePath,
  readPid,
} from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'keactrl-pid-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

t.test('PID file names: <config name without extension>.<binary>.pid', async (t) => {
  const env = { KEA_PIDFILE_DIR: '/run/x' };
  t.equal(
    pidFilePath('/usr/local/etc/kea/kea-ctrl-agent.conf', 'kea-ctrl-agent', env),
    '/run/x/kea-ctrl-agent.kea-ctrl-agent.pid',
  );
  t.equal(pidFilePath('/etc/kea/kea4.json', 'kea-dhcp4', env), '/run/x/kea4.kea-dhcp4.pid');
  // Only the last extension goes, as the daemons do it.
  t.equal(pidFilePath('/etc/my.kea.conf', 'kea-dhcp6', env), '/run/x/my.kea.kea-dhcp6.pid');
  t.equal(pidFilePath('/etc/noext', 'kea-dhcp6', env), '/run/x/noext.kea-dhcp6.pid');
  t.equal(pidFileDir({}), DEFAULT_PIDFILE_DIR);
  t.equal(pidFileDir({ KEA_PIDFILE_DIR: '' }), '/usr/local/var/run/kea');
  t.equal(
    pidFilePath('/etc/kea/kea-dhcp4.conf', 'kea-dhcp4', {}),
    '/usr/local/var/run/kea/kea-dhcp4.kea-dhcp4.pid',
  );
});

t.test('readPid accepts one positive integer only', async (t) => {
  const cases: [string, number | null][] = [
    ['1234\n', 1234],
    ['  77  ', 77],
    ['0\n', null],
    ['-5', null],
    ['12 13', null],
    ['abc', null],
    ['', null],
  ];
  for (const [text, want] of cases) {
    const p = join(dir, 'x.pid');
    writeFileSync(p, text);
    t.equal(readPid(p), want, JSON.stringify(text));
  }
  t.equal(readPid(join(dir, 'absent.pid')), null);
});

t.test('isProcessAlive: the process must exist and look like the binary', async (t) => {
  // This process is "node ...": alive as node, not alive as a Kea daemon (a recycled PID).
  t.equal(isProcessAlive(process.pid, 'node'), true);
  t.equal(isProcessAlive(process.pid, 'kea-dhcp4'), false);
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.on('exit', resolve));
  t.equal(isProcessAlive(child.pid!, 'node'), false, 'an exited process is not alive');
});

t.test('isProcessAlive: a zombie is not alive (fake /proc)', async (t) => {
  const proc = join(dir, 'proc');
  mkdirSync(join(proc, String(process.pid)), { recursive: true });
  writeFileSync(join(proc, String(process.pid), 'cmdline'), 'node\0/usr/local/sbin/kea-dhcp4\0-c\0x\0');
  writeFileSync(join(proc, String(process.pid), 'stat'), `${process.pid} (node (x)) S 1 2 3`);
  t.equal(isProcessAlive(process.pid, 'kea-dhcp4', { procDir: proc }), true);
  writeFileSync(join(proc, String(process.pid), 'stat'), `${process.pid} (node (x)) Z 1 2 3`);
  t.equal(isProcessAlive(process.pid, 'kea-dhcp4', { procDir: proc }), false);
  // Without /proc, kill(pid, 0) is all there is.
  t.equal(isProcessAlive(process.pid, 'kea-dhcp4', { procDir: null }), true);
});

t.test('daemonState: inactive, active, died', async (t) => {
  const env = { KEA_PIDFILE_DIR: join(dir, 'run') };
  mkdirSync(env.KEA_PIDFILE_DIR);
  const pidFile = join(env.KEA_PIDFILE_DIR, 'kea-dhcp4.node.pid');
  t.same(daemonState('node', '/etc/kea-dhcp4.conf', env), { state: 'inactive', pidFile });
  writeFileSync(pidFile, `${process.pid}\n`);
  t.same(daemonState('node', '/etc/kea-dhcp4.conf', env), { state: 'active', pid: process.pid, pidFile });
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.on('exit', resolve));
  writeFileSync(pidFile, `${child.pid}\n`);
  t.same(daemonState('node', '/etc/kea-dhcp4.conf', env), { state: 'died', pid: child.pid, pidFile });
  writeFileSync(pidFile, 'garbage');
  t.same(daemonState('node', '/etc/kea-dhcp4.conf', env), { state: 'died', pid: null, pidFile });
});
