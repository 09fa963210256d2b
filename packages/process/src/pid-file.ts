// PID files where Kea keeps them: <KEA_PIDFILE_DIR>/<config basename without extension>.<binary>.pid.
// A live PID in the file means another instance runs with this config: refuse to start.
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { KeaError } from '@kea-ts/util';
import { ERR_PROCESS_ALREADY_RUNNING, ERR_PROCESS_PID_FILE } from './errors.js';
import { pidFileDir } from './version.js';

export function pidFilePath(configFile: string, binary: string): string {
  const base = basename(configFile, extname(configFile));
  return join(pidFileDir(), `${base}.${binary}.pid`);
}

/**
 * Whether `pid` is a live instance of `binary`. Beyond kill(pid, 0), /proc tells a zombie (a killed
 * daemon whose parent never reaped it, common under container inits) and a PID the kernel has since
 * given to another program: neither holds the config.
 */
function isAlive(pid: number, binary: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return false;
    // The program is one of the first arguments (node's script or the binary itself), by base name:
    // an editor open on kea-dhcp4.conf does not count as kea-dhcp4.
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(0, 3);
    return args.some((arg) => basename(arg).replace(/\.[cm]?js$/, '') === binary);
  } catch {
    // No /proc (or it vanished meanwhile): trust kill(pid, 0).
    return true;
  }
}

export class PidFile {
  private written = false;
  constructor(
    readonly path: string,
    readonly binary: string,
  ) {}

  /** Throws when another live process holds the file; otherwise writes our PID. */
  acquire(): void {
    let existing = Number.NaN;
    try {
      existing = Number.parseInt(readFileSync(this.path, 'utf8').trim(), 10);
    } catch {
      // no file: nobody runs with this config
    }
    if (
      Number.isInteger(existing) &&
      existing > 0 &&
      existing !== process.pid &&
      isAlive(existing, this.binary)
    ) {
      throw new KeaError(
        ERR_PROCESS_ALREADY_RUNNING,
        `PID file ${this.path} names process ${existing}, which is still running`,
      );
    }
    try {
      mkdirSync(pidFileDir(), { recursive: true, mode: 0o750 });
      writeFileSync(this.path, `${process.pid}\n`, { mode: 0o644 });
    } catch (err) {
      throw new KeaError(
        ERR_PROCESS_PID_FILE,
        `cannot write PID file ${this.path}: ${(err as Error).message}`,
      );
    }
    this.written = true;
  }

  release(): void {
    if (!this.written) return;
    this.written = false;
    try {
      unlinkSync(this.path);
    } catch {
      // already removed
    }
  }
}
