// `keactrl start`: decide which daemons to start, then start each one detached from keactrl and wait
// until its PID file names a live process. Unlike Kea's shell script, which backgrounds the daemon and
// exits at once, we wait so that "started" is a fact and a daemon that dies at startup is reported.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { binaryNameOf, type Context, daemonArgs, daemonOutputFile, sleep, stateOf } from './context.js';
import { checkInstalled } from './installed.js';
import { pidFileDir } from './pid-file.js';
import type { ServerInfo } from './servers.js';

export interface Launch {
  readonly server: ServerInfo;
  readonly binaryPath: string;
  readonly binaryName: string;
  readonly args: readonly string[];
  /** The PID a stale PID file holds, so it is not mistaken for the new daemon. */
  readonly stalePid: number | null;
}

export interface StartPlan {
  readonly launches: Launch[];
  /** Something the user asked for cannot be started. */
  readonly failed: boolean;
}

/** Which of the selected servers to start, saying why each of the others is left alone. */
export function planStart(ctx: Context): StartPlan {
  const launches: Launch[] = [];
  let failed = false;
  for (const s of ctx.selected) {
    const sc = ctx.conf.servers[s.key];
    const name = binaryNameOf(ctx, s);
    if (!sc.enabled) {
      // Kea skips disabled servers silently; say so only when the user named the server.
      if (ctx.explicit)
        ctx.out.info(`${name} is disabled in ${ctx.conf.path} (${s.key}=no), not starting it.`);
      continue;
    }
    const state = stateOf(ctx, s);
    if (state.state === 'active') {
      ctx.out.info(`${name} appears to be running: PID ${state.pid}, PID file ${state.pidFile}.`);
      continue;
    }
    const inst = checkInstalled(sc.binaryPath);
    if (!inst.installed) {
      ctx.out.warn(`${name}: not installed (${inst.reason})`);
      // With "all", an absent daemon is a fact of this install, not an error; a named one is.
      if (ctx.explicit) failed = true;
      continue;
    }
    if (sc.configFile === '') {
      ctx.out.error(`${s.configVar} parameter not specified in ${ctx.conf.path}`);
      failed = true;
      continue;
    }
    if (!existsSync(sc.configFile)) {
      ctx.out.error(`${name}: configuration file ${sc.configFile} does not exist.`);
      failed = true;
      continue;
    }
    const stalePid = state.state === 'died' ? state.pid : null;
    launches.push({
      server: s,
      binaryPath: sc.binaryPath,
      binaryName: name,
      args: daemonArgs(ctx, s),
      stalePid,
    });
  }
  return { launches, failed };
}

export function commandLine(l: Pick<Launch, 'binaryPath' | 'args'>): string {
  return [l.binaryPath, ...l.args].join(' ');
}

export interface StartTimings {
  readonly pollMs: number;
  readonly timeoutMs: number;
}

export const DEFAULT_START_TIMINGS: StartTimings = { pollMs: 50, timeoutMs: 10_000 };

async function launchDetached(ctx: Context, l: Launch, timings: StartTimings): Promise<boolean> {
  const outFile = daemonOutputFile(ctx.conf, l.binaryName);
  let fd: number;
  try {
    mkdirSync(dirname(outFile), { recursive: true });
    fd = openSync(outFile, 'a');
    writeSync(fd, `--- ${new Date().toISOString()} keactrl: ${commandLine(l)}\n`);
  } catch (err) {
    ctx.out.error(`${l.binaryName}: failed to start, cannot open ${outFile}: ${(err as Error).message}`);
    return false;
  }
  ctx.out.info(`Starting ${commandLine(l)}`);
  // setsid (detached) so the daemon outlives keactrl and its terminal; its output goes to a file so
  // whoever reads keactrl's stdout sees EOF as soon as keactrl exits.
  const child = spawn(l.binaryPath, l.args, { detached: true, stdio: ['ignore', fd, fd], env: ctx.env });
  closeSync(fd);
  let exited: string | null = null;
  child.on('exit', (code, signal) => {
    exited = signal ? `killed by ${signal}` : `exit code ${code}`;
  });
  child.on('error', (err) => {
    exited = err.message;
  });
  child.unref();

  const deadline = Date.now() + timings.timeoutMs;
  for (;;) {
    // Checked before the PID file so that a daemon that wrote its PID and then died is not "started".
    if (exited !== null) {
      ctx.out.error(`${l.binaryName}: failed to start (${exited}), see ${outFile}`);
      return false;
    }
    const state = stateOf(ctx, l.server);
    if (state.state === 'active' && state.pid !== l.stalePid) {
      ctx.out.info(`${l.binaryName} started, PID ${state.pid}.`);
      return true;
    }
    if (Date.now() >= deadline) {
      ctx.out.error(
        `${l.binaryName}: failed to start, no live PID in ${state.pidFile} after ${timings.timeoutMs / 1000} s` +
          ` (PID ${child.pid ?? '?'} left running), see ${outFile}`,
      );
      return false;
    }
    await sleep(timings.pollMs);
  }
}

/** Makes sure the daemons can write their PID files; they refuse to start without one. */
export function preparePidDir(ctx: Context): void {
  try {
    mkdirSync(pidFileDir(ctx.env), { recursive: true });
  } catch {
    // The daemon will say why it cannot write there, in its own output file.
  }
}

export async function startCommand(
  ctx: Context,
  timings: StartTimings = DEFAULT_START_TIMINGS,
): Promise<number> {
  const plan = planStart(ctx);
  if (plan.launches.length > 0) preparePidDir(ctx);
  const results = await Promise.all(plan.launches.map((l) => launchDetached(ctx, l, timings)));
  return plan.failed || results.includes(false) ? 1 : 0;
}
