// The foreground supervisor with real child processes and shortened timings: restart with doubling
// delays up to the cap, back to the first delay after a stable run, SIGKILL for a daemon that ignores
// SIGTERM, and no restarts once stopping.
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import {
  DEFAULT_SUPERVISOR_TIMINGS,
  memoryOutput,
  nextBackoff,
  restartDelay,
  Supervisor,
  type SupervisorTimings,
} from '../src/index.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const node = process.execPath;

/** Polls until `cond` holds; node children take a variable time to start on a loaded machine. */
async function waitFor(cond: () => boolean, timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) return false;
    await sleep(20);
  }
  return true;
}

function delays(lines: string[]): number[] {
  return lines.flatMap((l) => {
    const m = / in ([\d.]+) s$/.exec(l);
    return m ? [Number(m[1])] : [];
  });
}

t.test('backoff arithmetic: 1 s doubling to 30 s, reset after 60 s of running', async (t) => {
  const d = DEFAULT_SUPERVISOR_TIMINGS;
  const seq = [d.initialBackoffMs];
  for (let i = 0; i < 6; i++) seq.push(nextBackoff(seq[seq.length - 1]!, d));
  t.same(seq, [1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  t.equal(restartDelay(16000, 59_999, d), 16000);
  t.equal(restartDelay(16000, 60_000, d), 1000);
  t.equal(d.killTimeoutMs, 10_000);
});

t.test('a crashing daemon is restarted with growing delays up to the cap', async (t) => {
  const timings: SupervisorTimings = {
    initialBackoffMs: 40,
    maxBackoffMs: 160,
    stableMs: 10_000,
    killTimeoutMs: 500,
  };
  const out = memoryOutput();
  const sup = new Supervisor(
    [{ name: 'crasher', command: node, args: ['-e', 'process.exit(3)'], env: process.env }],
    out,
    timings,
  );
  sup.start();
  t.ok(await waitFor(() => delays(out.stderr).length >= 5), 'five restarts');
  await sup.stop();
  const d = delays(out.stderr);
  t.same(d.slice(0, 5), [0.04, 0.08, 0.16, 0.16, 0.16]);
  t.match(out.stderr[0], /^WARNING\/keactrl: crasher \(PID \d+\) exited with code 3; restart 1 in 0\.04 s$/);
  const startsBeforeStop = out.stdout.filter((l) => l.includes('Starting')).length;
  await sleep(400);
  t.equal(out.stdout.filter((l) => l.includes('Starting')).length, startsBeforeStop, 'no restart after stop');
});

t.test('a run longer than stableMs resets the delay', async (t) => {
  const timings: SupervisorTimings = {
    initialBackoffMs: 30,
    maxBackoffMs: 1000,
    stableMs: 100,
    killTimeoutMs: 500,
  };
  const out = memoryOutput();
  const sup = new Supervisor(
    [
      {
        name: 'flaky',
        command: node,
        args: ['-e', 'setTimeout(() => process.exit(1), 250)'],
        env: process.env,
      },
    ],
    out,
    timings,
  );
  sup.start();
  t.ok(await waitFor(() => delays(out.stderr).length >= 3), 'three restarts');
  await sup.stop();
  const d = delays(out.stderr);
  t.ok(
    d.every((x) => x === 0.03),
    `all delays are the first one: ${d.join(' ')}`,
  );
});

t.test(
  'stop: SIGTERM, then SIGKILL for a daemon that ignores it; killed-by-signal is reported',
  async (t) => {
    const timings: SupervisorTimings = {
      initialBackoffMs: 50,
      maxBackoffMs: 100,
      stableMs: 10_000,
      killTimeoutMs: 300,
    };
    const out = memoryOutput();
    // The child says it is ready (SIGTERM handler in place) by creating a file.
    const ready = join(tmpdir(), `keactrl-stubborn-${process.pid}`);
    t.teardown(() => rmSync(ready, { force: true }));
    const stubborn =
      "process.on('SIGTERM', () => {}); require('fs').writeFileSync(process.argv[1], ''); setInterval(() => {}, 1000)";
    const sup = new Supervisor(
      [{ name: 'stubborn', command: node, args: ['-e', stubborn, ready], env: process.env }],
      out,
      timings,
    );
    sup.start();
    t.ok(await waitFor(() => existsSync(ready)), 'child ready');
    const pid = sup.pids().stubborn!;
    t.ok(pid > 0);
    const started = Date.now();
    await sup.stop();
    t.ok(Date.now() - started >= 290, 'waited for the kill timeout');
    t.throws(() => process.kill(pid, 0), { code: 'ESRCH' }, 'the daemon is gone');
    t.match(out.stderr.join('\n'), /stubborn \(PID \d+\) ignored SIGTERM for 0\.3 s, sending SIGKILL/);
    t.same(sup.pids(), { stubborn: null });
  },
);

t.test('a binary that cannot be spawned is retried like a crash', async (t) => {
  const timings: SupervisorTimings = {
    initialBackoffMs: 30,
    maxBackoffMs: 60,
    stableMs: 10_000,
    killTimeoutMs: 100,
  };
  const out = memoryOutput();
  const sup = new Supervisor(
    [{ name: 'ghost', command: '/nonexistent/kea-ghost', args: [], env: process.env }],
    out,
    timings,
  );
  sup.start();
  t.ok(await waitFor(() => delays(out.stderr).length >= 2), 'two retries');
  await sup.stop();
  t.match(
    out.stderr[0],
    /ghost \(PID none\) could not be started: spawn \/nonexistent\/kea-ghost ENOENT; restart 1 in 0\.03 s/,
  );
});
