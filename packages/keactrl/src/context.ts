// What every keactrl command works from: the parsed keactrl.conf, the servers picked with -s, the
// environment handed to the daemons, and where output goes.
import { basename, join } from 'node:path';
import type { KeactrlConf } from './conf-file.js';
import type { Output } from './output.js';
import { type DaemonState, daemonState } from './pid-file.js';
import type { ServerInfo } from './servers.js';

export interface Context {
  readonly conf: KeactrlConf;
  /** Servers the command applies to, in Kea's order. */
  readonly selected: readonly ServerInfo[];
  /** True when -s named servers explicitly (not "all"). */
  readonly explicit: boolean;
  /** Environment for the daemons and for locating PID files (keactrl.conf exports applied). */
  readonly env: NodeJS.ProcessEnv;
  readonly out: Output;
}

/** Kea derives the binary name, and so the PID file name, from the configured path. */
export function binaryNameOf(ctx: Context, s: ServerInfo): string {
  return basename(ctx.conf.servers[s.key].binaryPath);
}

export function stateOf(ctx: Context, s: ServerInfo): DaemonState {
  return daemonState(binaryNameOf(ctx, s), ctx.conf.servers[s.key].configFile, ctx.env);
}

/**
 * Kea bakes localstatedir in at build time; we take it from keactrl.conf's prefix (ours says /usr/local,
 * which gives the same answer) so that a keactrl.conf with another prefix keeps its logs under it.
 */
export function localStateDir(conf: KeactrlConf): string {
  return join(conf.prefix !== '' ? conf.prefix : '/usr/local', 'var');
}

/** Where a detached daemon's stdout and stderr go (crash traces land here, not on keactrl's terminal). */
export function daemonOutputFile(conf: KeactrlConf, binaryName: string): string {
  return join(localStateDir(conf), 'log', 'kea', `${binaryName}.out`);
}

export function daemonArgs(ctx: Context, s: ServerInfo): string[] {
  const args = ['-c', ctx.conf.servers[s.key].configFile];
  if (ctx.conf.verbose) args.push('-d');
  return args;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
