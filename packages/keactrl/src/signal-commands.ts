// `keactrl stop` and `keactrl reload`: signal the selected daemons found running through their PID
// files, whether or not keactrl.conf enables them (as Kea does). stop also waits for them to exit, so
// that `keactrl stop && keactrl start` cannot race a daemon that still holds its PID file and sockets.
import { binaryNameOf, type Context, sleep, stateOf } from './context.js';
import { isProcessAlive } from './pid-file.js';

export interface StopTimings {
  readonly pollMs: number;
  readonly timeoutMs: number;
}

export const DEFAULT_STOP_TIMINGS: StopTimings = { pollMs: 50, timeoutMs: 10_000 };

function notRunning(ctx: Context, name: string, state: ReturnType<typeof stateOf>): void {
  const hint = state.state === 'died' ? ` (stale PID file ${state.pidFile})` : '';
  ctx.out.info(`${name} is not running${hint}.`);
}

function send(ctx: Context, name: string, pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch (err) {
    ctx.out.error(`could not send ${signal} to ${name}, PID ${pid}: ${(err as Error).message}`);
    return false;
  }
}

export async function stopCommand(
  ctx: Context,
  timings: StopTimings = DEFAULT_STOP_TIMINGS,
): Promise<number> {
  let failed = false;
  const waiting: { name: string; pid: number }[] = [];
  for (const s of ctx.selected) {
    const name = binaryNameOf(ctx, s);
    const state = stateOf(ctx, s);
    if (state.state !== 'active') {
      notRunning(ctx, name, state);
      continue;
    }
    ctx.out.info(`Stopping ${name} (PID ${state.pid})...`);
    if (send(ctx, name, state.pid, 'SIGTERM')) waiting.push({ name, pid: state.pid });
    else failed = true;
  }
  const deadline = Date.now() + timings.timeoutMs;
  await Promise.all(
    waiting.map(async ({ name, pid }) => {
      while (isProcessAlive(pid, name)) {
        if (Date.now() >= deadline) {
          ctx.out.error(`${name} (PID ${pid}) is still running ${timings.timeoutMs / 1000} s after SIGTERM.`);
          failed = true;
          return;
        }
        await sleep(timings.pollMs);
      }
      ctx.out.info(`${name} stopped.`);
    }),
  );
  return failed ? 1 : 0;
}

export function reloadCommand(ctx: Context): number {
  let failed = false;
  for (const s of ctx.selected) {
    const name = binaryNameOf(ctx, s);
    const state = stateOf(ctx, s);
    if (state.state !== 'active') {
      notRunning(ctx, name, state);
      continue;
    }
    ctx.out.info(`Reloading ${name} (PID ${state.pid})...`);
    if (!send(ctx, name, state.pid, 'SIGHUP')) failed = true;
  }
  return failed ? 1 : 0;
}
