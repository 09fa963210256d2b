// `keactrl status` and `keactrl version`. status reports all four servers whatever -s says, as Kea's
// does, and fails (exit 1) only where Kea's fails: when a daemon's configuration file is missing.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { type Context, stateOf } from './context.js';
import { checkInstalled } from './installed.js';
import { SERVERS } from './servers.js';
import { renderStatus, type ServerStatus } from './status.js';
import { keactrlVersion } from './version.js';

const execFileAsync = promisify(execFile);

export function collectStatus(ctx: Context): ServerStatus[] {
  return SERVERS.map((server) => ({
    server,
    installed: checkInstalled(ctx.conf.servers[server.key].binaryPath).installed,
    state: stateOf(ctx, server),
    configFile: ctx.conf.servers[server.key].configFile,
  }));
}

export function statusCommand(ctx: Context): number {
  const statuses = collectStatus(ctx);
  for (const line of renderStatus(statuses, ctx.conf.path)) ctx.out.line(line);
  for (const s of statuses) {
    // A server that is not built has no config to check yet; its line already says "not installed".
    if (!s.installed) continue;
    if (s.configFile === '') {
      ctx.out.error(`${s.server.configVar} parameter not specified in ${ctx.conf.path}`);
      return 1;
    }
    if (!existsSync(s.configFile)) {
      ctx.out.error(`Kea configuration file does not exist: ${s.configFile}`);
      return 1;
    }
  }
  return 0;
}

export async function versionCommand(ctx: Context): Promise<number> {
  ctx.out.line(`keactrl: ${keactrlVersion()}`);
  let failed = false;
  for (const s of ctx.selected) {
    const binaryPath = ctx.conf.servers[s.key].binaryPath;
    const inst = checkInstalled(binaryPath);
    if (!inst.installed) {
      ctx.out.line(`${s.binary}: not installed (${inst.reason})`);
      continue;
    }
    try {
      const { stdout } = await execFileAsync(binaryPath, ['-v'], { env: ctx.env, timeout: 10_000 });
      ctx.out.line(`${s.binary}: ${stdout.trim()}`);
    } catch (err) {
      ctx.out.error(`cannot get the version of ${binaryPath}: ${(err as Error).message.trim()}`);
      failed = true;
    }
  }
  return failed ? 1 : 0;
}
