// Keeps daemons running as children of a foreground keactrl (`keactrl start --foreground`), for
// containers where keactrl is the main process and nothing else restarts a crashed daemon. A daemon
// that exits on its own is restarted after a delay that starts at 1 s and doubles up to 30 s; the
// delay goes back to 1 s once a run has lasted a minute, so a daemon that crashes now and then is
// restarted quickly while one that cannot start at all does not spin.
import { type ChildProcess, spawn } from 'node:child_process';
import type { Output } from './output.js';

export interface SupervisorTimings {
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
  /** A run at least this long counts as stable and resets the backoff. */
  readonly stableMs: number;
  /** After SIGTERM on shutdown, wait this long before SIGKILL. */
  readonly killTimeoutMs: number;
}

export const DEFAULT_SUPERVISOR_TIMINGS: SupervisorTimings = {
  initialBackoffMs: 1_000,
  maxBackoffMs: 30_000,
  stableMs: 60_000,
  killTimeoutMs: 10_000,
};

export interface SupervisedDaemon {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}

/** The delay after the next crash, given the one just used. */
export function nextBackoff(currentMs: number, t: SupervisorTimings): number {
  return Math.min(currentMs * 2, t.maxBackoffMs);
}

/** The delay for a restart after a run of `ranMs`: back to the start once a run was stable. */
export function restartDelay(pendingMs: number, ranMs: number, t: SupervisorTimings): number {
  return ranMs >= t.stableMs ? t.initialBackoffMs : pendingMs;
}

interface Slot {
  readonly daemon: SupervisedDaemon;
  proc: ChildProcess | null;
  startedAt: number;
  delayMs: number;
  timer: NodeJS.Timeout | null;
  restarts: number;
  exited: Promise<void>;
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `was killed by ${signal}` : `exited with code ${code}`;
}

export class Supervisor {
  private readonly slots: Slot[];
  private stopping = false;

  constructor(
    daemons: readonly SupervisedDaemon[],
    private readonly out: Output,
    private readonly timings: SupervisorTimings = DEFAULT_SUPERVISOR_TIMINGS,
  ) {
    this.slots = daemons.map((daemon) => ({
      daemon,
      proc: null,
      startedAt: 0,
      delayMs: timings.initialBackoffMs,
      timer: null,
      restarts: 0,
      exited: Promise.resolve(),
    }));
  }

  start(): void {
    for (const slot of this.slots) this.spawn(slot);
  }

  /** PIDs of the daemons running now, by name (for tests and diagnostics). */
  pids(): Record<string, number | null> {
    return Object.fromEntries(this.slots.map((s) => [s.daemon.name, s.proc?.pid ?? null]));
  }

  /** SIGHUP to every running daemon: the daemons reload their configuration files. */
  reload(): void {
    for (const slot of this.slots) {
      if (slot.proc?.pid === undefined) continue;
      this.out.info(`Reloading ${slot.daemon.name} (PID ${slot.proc.pid})...`);
      slot.proc.kill('SIGHUP');
    }
  }

  /** Stops restarting, then SIGTERM to every daemon and SIGKILL to those still there after the timeout. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const slot of this.slots) {
      if (slot.timer) clearTimeout(slot.timer);
      slot.timer = null;
    }
    await Promise.all(this.slots.map((slot) => this.stopOne(slot)));
  }

  private async stopOne(slot: Slot): Promise<void> {
    const proc = slot.proc;
    if (proc?.pid === undefined) return;
    this.out.info(`Stopping ${slot.daemon.name} (PID ${proc.pid})...`);
    proc.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      slot.exited.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), this.timings.killTimeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (timedOut && slot.proc === proc) {
      this.out.warn(
        `${slot.daemon.name} (PID ${proc.pid}) ignored SIGTERM for ${this.timings.killTimeoutMs / 1000} s, sending SIGKILL`,
      );
      proc.kill('SIGKILL');
      await slot.exited;
    }
  }

  private spawn(slot: Slot): void {
    const { daemon } = slot;
    slot.startedAt = Date.now();
    // Own process group: a Ctrl-C on the terminal reaches keactrl only, which then stops the daemons
    // in order instead of racing them. Output is inherited: in a container it belongs on stdout.
    const proc = spawn(daemon.command, daemon.args, {
      detached: true,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: daemon.env,
    });
    slot.proc = proc;
    let settle: () => void = () => {};
    slot.exited = new Promise<void>((resolve) => {
      settle = resolve;
    });
    const line = [daemon.command, ...daemon.args].join(' ');
    this.out.info(`Starting ${line} (supervised, PID ${proc.pid ?? 'none'})`);
    // 'error' alone (spawn failed) or 'exit' alone or both may come; only the first one counts.
    const gone = (why: string) => {
      if (slot.proc !== proc) return;
      slot.proc = null;
      settle();
      this.onGone(slot, proc.pid, why);
    };
    proc.once('exit', (code, signal) => gone(describeExit(code, signal)));
    proc.once('error', (err) => gone(`could not be started: ${err.message}`));
  }

  private onGone(slot: Slot, pid: number | undefined, why: string): void {
    if (this.stopping) return;
    const delay = restartDelay(slot.delayMs, Date.now() - slot.startedAt, this.timings);
    slot.delayMs = nextBackoff(delay, this.timings);
    slot.restarts += 1;
    this.out.warn(
      `${slot.daemon.name} (PID ${pid ?? 'none'}) ${why}; restart ${slot.restarts} in ${delay / 1000} s`,
    );
    slot.timer = setTimeout(() => {
      slot.timer = null;
      if (!this.stopping) this.spawn(slot);
    }, delay);
  }
}
