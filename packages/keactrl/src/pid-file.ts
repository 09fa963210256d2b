// Where a daemon's PID file is, and whether the process it names is really that daemon. The name rule
// is the daemons' own (process package): `<config basename without extension>.<binary>.pid` in
// ${KEA_PIDFILE_DIR:-/usr/local/var/run/kea}. Kea's shell keactrl cuts the config name at the first dot
// instead of the last; we follow the daemons, since a mismatch would make keactrl miss a running daemon.
import { existsSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';

/** The daemons' default PID file directory for our /usr/local install (Kea's [runstatedir]/kea). */
export const DEFAULT_PIDFILE_DIR = '/usr/local/var/run/kea';

export function pidFileDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.KEA_PIDFILE_DIR;
  return dir !== undefined && dir !== '' ? dir : DEFAULT_PIDFILE_DIR;
}

export function pidFilePath(
  configFile: string,
  binaryName: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const base = basename(configFile);
  const stem = base.slice(0, base.length - extname(base).length);
  return join(pidFileDir(env), `${stem}.${binaryName}.pid`);
}

/** The PID in the file, or null when there is no file or it does not hold a positive integer. */
export function readPid(path: string): number | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  const match = /^\s*(\d+)\s*$/.exec(text);
  if (!match) return null;
  const pid = Number(match[1]);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
}

export interface ProcessProbe {
  /** Directory of the proc file system; null when the platform has none. */
  procDir: string | null;
}

const defaultProbe: ProcessProbe = { procDir: existsSync('/proc/self') ? '/proc' : null };

/**
 * True when `pid` is a live process that looks like `binaryName`. kill(pid, 0) alone is fooled by a
 * recycled PID and by zombies (a daemon whose parent never reaped it), so where /proc exists the
 * process must not be a zombie and its command line must mention the binary name.
 */
export function isProcessAlive(pid: number, binaryName: string, probe: ProcessProbe = defaultProbe): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: it exists but belongs to another user (a daemon running as kea while keactrl is not root).
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (probe.procDir === null) return true;
  let stat: string;
  let cmdline: string;
  try {
    stat = readFileSync(join(probe.procDir, String(pid), 'stat'), 'utf8');
    cmdline = readFileSync(join(probe.procDir, String(pid), 'cmdline'), 'utf8');
  } catch {
    // /proc mounted with hidepid hides other users' processes; kill() already said it exists.
    return true;
  }
  // The state letter follows the command name in parentheses, which may itself contain ')'.
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  if (state === 'Z' || state === 'X') return false;
  return cmdline.includes(binaryName);
}

export type DaemonState =
  | { readonly state: 'active'; readonly pid: number; readonly pidFile: string }
  | { readonly state: 'inactive'; readonly pidFile: string }
  /** The PID file is there but names no live daemon: it crashed or was killed. */
  | { readonly state: 'died'; readonly pid: number | null; readonly pidFile: string };

export function daemonState(
  binaryName: string,
  configFile: string,
  env: NodeJS.ProcessEnv = process.env,
  probe: ProcessProbe = defaultProbe,
): DaemonState {
  const pidFile = pidFilePath(configFile, binaryName, env);
  if (!existsSync(pidFile)) return { state: 'inactive', pidFile };
  const pid = readPid(pidFile);
  if (pid !== null && isProcessAlive(pid, binaryName, probe)) return { state: 'active', pid, pidFile };
  return { state: 'died', pid, pidFile };
}
