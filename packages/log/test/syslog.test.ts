// Syslog output through libc: a python3 listener is bound at /dev/log (only when the machine has none
// and we are root; removed afterwards) and the datagrams libc's syslog() sends there are checked.

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import type { ChildSpec } from './fixtures/child.js';

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'child.js');
const DEV_LOG = '/dev/log';

const LISTENER = `
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(${JSON.stringify(DEV_LOG)})
print("ready", flush=True)
while True:
    data = s.recv(65536)
    print(data.decode("utf-8", "replace").replace("\\n", "\\\\n"), flush=True)
`;

const skip =
  process.getuid?.() !== 0
    ? 'needs root to bind /dev/log'
    : existsSync(DEV_LOG)
      ? 'a syslog daemon owns /dev/log; its datagrams cannot be intercepted'
      : spawnSync('python3', ['-c', 'import socket'], { stdio: 'ignore' }).status !== 0
        ? 'python3 is not available'
        : false;

t.test('messages reach /dev/log with facility, severity and Kea syslog pattern', { skip }, async (t) => {
  let listener: ChildProcess | null = null;
  const lines: string[] = [];
  t.teardown(() => {
    listener?.kill();
    // Only our listener's socket is removed: it printed 'ready' after binding a path that was absent.
    if (lines[0] === 'ready' && existsSync(DEV_LOG)) unlinkSync(DEV_LOG);
  });
  listener = spawn('python3', ['-c', LISTENER], { stdio: ['ignore', 'pipe', 'inherit'] });
  let waiting: (() => void) | null = null;
  let buf = '';
  listener.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buf += chunk;
    let nl = buf.indexOf('\n');
    while (nl >= 0) {
      // /dev/log is shared: real DHCP clients in other tests (dhclient, dhcpcd) log there too.
      const line = buf.slice(0, nl);
      if (line === 'ready' || line.includes(' kea-sl: ')) lines.push(line);
      buf = buf.slice(nl + 1);
      nl = buf.indexOf('\n');
    }
    waiting?.();
  });
  const waitFor = async (n: number): Promise<void> => {
    const deadline = Date.now() + 10000;
    while (lines.length < n && Date.now() < deadline) {
      await new Promise<void>((r) => {
        waiting = r;
        setTimeout(r, 200);
      });
    }
  };
  await waitFor(1);
  t.equal(lines[0], 'ready');

  const spec: ChildSpec = {
    root: 'kea-sl',
    loggers: [
      { name: 'kea-sl', output_options: [{ output: 'syslog' }] },
      { name: 'kea-sl.seven', output_options: [{ output: 'syslog:local7' }] },
    ],
    logs: [
      { logger: 'kea-sl.x', severity: 'WARN', args: ['100%s %n'] },
      { logger: 'kea-sl.seven', severity: 'INFO', args: ['seven'] },
    ],
  };
  const r = spawnSync(process.execPath, [CHILD, JSON.stringify(spec)], { encoding: 'utf8' });
  t.equal(r.status, 0, r.stderr);
  t.equal(r.stdout, '', 'nothing on stdout');
  await waitFor(3);
  // glibc's datagram: <facility*8+priority>timestamp ident: message, no trailing newline
  // local0 (16) WARN -> LOG_WARNING (4): 132; local7 (23) INFO -> LOG_INFO (6): 190
  t.match(
    lines[1],
    /^<132>\w{3} [ \d]\d \d\d:\d\d:\d\d kea-sl: WARN {2}\[kea-sl\.x\.1\] CHILD_TEST_MESSAGE child says 100%s %n$/,
  );
  t.match(
    lines[2],
    /^<190>\w{3} [ \d]\d \d\d:\d\d:\d\d kea-sl: INFO {2}\[kea-sl\.seven\.1\] CHILD_TEST_MESSAGE child says seven$/,
  );

  // Startup logging to syslog with a facility, before any configuration (local1 = 17, INFO: 142).
  const env = { ...process.env, KEA_LOGGER_DESTINATION: 'syslog:local1' };
  const startup: ChildSpec = {
    root: 'kea-sl',
    logs: [{ logger: 'kea-sl', severity: 'INFO', args: ['startup'] }],
  };
  const r2 = spawnSync(process.execPath, [CHILD, JSON.stringify(startup)], { encoding: 'utf8', env });
  t.equal(r2.status, 0, r2.stderr);
  await waitFor(4);
  t.match(
    lines[3],
    /^<142>\w{3} [ \d]\d \d\d:\d\d:\d\d kea-sl: INFO {2}\[kea-sl\.1\] CHILD_TEST_MESSAGE child says startup$/,
  );
});
