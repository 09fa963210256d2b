// Behaviour seen from outside the process: stdout/stderr lines, KEA_LOGGER_DESTINATION, -d, buffered
// files surviving process.exit().

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import type { ChildSpec } from './fixtures/child.js';

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'child.js');

function run(
  spec: ChildSpec,
  env: Record<string, string> = {},
): { stdout: string; stderr: string; pid: number } {
  const base = { ...process.env };
  delete base.KEA_LOGGER_DESTINATION;
  const r = spawnSync(process.execPath, [CHILD, JSON.stringify(spec)], {
    env: { ...base, ...env },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`child failed (${r.status}): ${r.stderr}`);
  return { stdout: r.stdout, stderr: r.stderr, pid: r.pid ?? 0 };
}

const LINE = (pid: number, name: string, sev: string, msg: string) =>
  new RegExp(
    `^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} ${sev.padEnd(5)} \\[${name.replaceAll('.', '\\.')}/${pid}\\.1\\] ${msg}$`,
  );

t.test('default: INFO and above to stdout in Kea line shape', async (t) => {
  const r = run({
    root: 'kea-ctrl-agent',
    logs: [
      { logger: 'kea-ctrl-agent.ctrl-agent', severity: 'INFO', args: ['2.2.0'] },
      { logger: 'kea-ctrl-agent.http', severity: 'DEBUG', level: 0 },
    ],
  });
  const lines = r.stdout.split('\n');
  t.equal(lines.length, 2, 'one line and the final newline');
  t.match(
    lines[0],
    LINE(
      r.pid,
      'kea-ctrl-agent.ctrl-agent',
      'INFO',
      'CTRL_AGENT_STARTED Kea Control Agent version 2\\.2\\.0 started',
    ),
  );
  t.equal(r.stderr, '');
});

t.test('logging without initLogging still goes to stdout at INFO', async (t) => {
  const r = run({
    logs: [
      { logger: 'x.y', severity: 'WARN', args: ['hi'] },
      { logger: 'x.y', severity: 'DEBUG' },
    ],
  });
  t.match(r.stdout.trimEnd(), LINE(r.pid, 'x.y', 'WARN', 'CHILD_TEST_MESSAGE child says hi'));
  t.equal(r.stdout.trimEnd().split('\n').length, 1);
});

t.test('KEA_LOGGER_DESTINATION=stderr', async (t) => {
  const r = run(
    { root: 'kea-dhcp4', logs: [{ logger: 'kea-dhcp4.dhcp4', severity: 'ERROR', args: ['e'] }] },
    {
      KEA_LOGGER_DESTINATION: 'stderr',
    },
  );
  t.equal(r.stdout, '');
  t.match(r.stderr.trimEnd(), LINE(r.pid, 'kea-dhcp4.dhcp4', 'ERROR', 'CHILD_TEST_MESSAGE child says e'));
});

t.test('KEA_LOGGER_DESTINATION=<file>', async (t) => {
  const file = join(t.testdir(), 'startup.log');
  const r = run(
    { root: 'kea-dhcp4', logs: [{ logger: 'kea-dhcp4', severity: 'INFO', args: ['f'] }] },
    {
      KEA_LOGGER_DESTINATION: file,
    },
  );
  t.equal(r.stdout, '');
  t.match(
    readFileSync(file, 'utf8').trimEnd(),
    LINE(r.pid, 'kea-dhcp4', 'INFO', 'CHILD_TEST_MESSAGE child says f'),
  );
});

t.test('unusable KEA_LOGGER_DESTINATION falls back to stdout and says so', async (t) => {
  const r = run(
    { root: 'kea-dhcp4', logs: [{ logger: 'kea-dhcp4', severity: 'INFO', args: ['g'] }] },
    {
      KEA_LOGGER_DESTINATION: join(t.testdir(), 'missing/dir/x.log'),
    },
  );
  const lines = r.stdout.trimEnd().split('\n');
  t.match(
    lines[0],
    / ERROR \[kea-dhcp4\/\d+\.1\] LOG_BAD_DESTINATION unrecognized log destination: .*missing\/dir\/x\.log/,
  );
  t.match(lines[1], LINE(r.pid, 'kea-dhcp4', 'INFO', 'CHILD_TEST_MESSAGE child says g'));
});

t.test('verbose (-d) prints debug messages up to level 99', async (t) => {
  const r = run({
    root: 'kea-dhcp4',
    verbose: true,
    logs: [
      { logger: 'kea-dhcp4.packets', severity: 'DEBUG', level: 99, args: ['d99'] },
      { logger: 'kea-dhcp4.packets', severity: 'DEBUG', level: 100, args: ['d100'] },
    ],
  });
  t.match(r.stdout.trimEnd(), LINE(r.pid, 'kea-dhcp4.packets', 'DEBUG', 'CHILD_TEST_MESSAGE child says d99'));
  t.notMatch(r.stdout, 'd100');
});

t.test('configured stderr output and an entry without output_options (stdout)', async (t) => {
  const r = run({
    root: 'kea-dhcp4',
    loggers: [
      { name: 'kea-dhcp4', severity: 'INFO', output_options: [{ output: 'stderr', pattern: '%p %c %m%n' }] },
      { name: 'kea-dhcp4.leases', severity: 'WARN' },
    ],
    logs: [
      { logger: 'kea-dhcp4.dhcp4', severity: 'INFO', args: ['to-stderr'] },
      { logger: 'kea-dhcp4.leases', severity: 'INFO', args: ['dropped'] },
      { logger: 'kea-dhcp4.leases', severity: 'WARN', args: ['to-stdout'] },
    ],
  });
  t.equal(r.stderr, 'INFO kea-dhcp4.dhcp4 CHILD_TEST_MESSAGE child says to-stderr\n');
  t.match(
    r.stdout.trimEnd(),
    LINE(r.pid, 'kea-dhcp4.leases', 'WARN', 'CHILD_TEST_MESSAGE child says to-stdout'),
  );
});

t.test('flush=false output reaches the file even on process.exit()', async (t) => {
  const file = join(t.testdir(), 'buffered.log');
  run({
    root: 'kea-dhcp4',
    loggers: [{ name: 'kea-dhcp4', output_options: [{ output: file, flush: false, pattern: '%m%n' }] }],
    logs: [{ logger: 'kea-dhcp4', severity: 'INFO' }],
    repeat: 1000,
    end: 'exit',
  });
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
  t.equal(lines.length, 1000);
  t.equal(lines[999], 'CHILD_TEST_MESSAGE child says 999');
});

t.test('shutdownLogging flushes buffered output', async (t) => {
  const file = join(t.testdir(), 'shutdown.log');
  run({
    root: 'kea-dhcp4',
    loggers: [{ name: 'kea-dhcp4', output_options: [{ output: file, flush: false, pattern: '%m%n' }] }],
    logs: [{ logger: 'kea-dhcp4', severity: 'INFO' }],
    repeat: 10,
    end: 'shutdown',
  });
  t.equal(readFileSync(file, 'utf8').trimEnd().split('\n').length, 10);
});
