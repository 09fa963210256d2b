// `keactrl start --foreground`: the selected servers run as children of keactrl, which stays in the
// foreground until SIGTERM or SIGINT (then stops them all and exits 0) and passes SIGHUP on as a reload.
import { type Context, sleep } from './context.js';
import { planStart, preparePidDir } from './start.js';
import { DEFAULT_SUPERVISOR_TIMINGS, Supervisor, type SupervisorTimings } from './supervisor.js';

export async function foregroundCommand(
  ctx: Context,
  timings: SupervisorTimings = DEFAULT_SUPERVISOR_TIMINGS,
): Promise<number> {
  const plan = planStart(ctx);
  if (plan.launches.length === 0) {
    ctx.out.error('no server to supervise.');
    return 1;
  }
  preparePidDir(ctx);
  const supervisor = new Supervisor(
    plan.launches.map((l) => ({ name: l.binaryName, command: l.binaryPath, args: l.args, env: ctx.env })),
    ctx.out,
    timings,
  );
  return new Promise<number>((resolve) => {
    let stopping = false;
    const onHup = () => supervisor.reload();
    const onStop = (signal: NodeJS.Signals) => {
      // A second signal while stopping is ignored: dying now would orphan daemons mid-shutdown.
      if (stopping) return;
      stopping = true;
      ctx.out.info(`${signal} received, stopping the servers.`);
      void supervisor.stop().then(async () => {
        process.off('SIGHUP', onHup);
        process.off('SIGTERM', onStop);
        process.off('SIGINT', onStop);
        // Let the last lines reach a pipe before the caller exits.
        await sleep(0);
        resolve(0);
      });
    };
    process.on('SIGHUP', onHup);
    process.on('SIGTERM', onStop);
    process.on('SIGINT', onStop);
    supervisor.start();
  });
}
