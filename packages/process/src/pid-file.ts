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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class PidFile {
  private written = false;
  constructor(readonly path: string) {}

  /** Throws when another live process holds the file; otherwise writes our PID. */
  acquire(): void {
    let existing = Number.NaN;
    try {
      existing = Number.parseInt(readFileSync(this.path, 'utf8').trim(), 10);
    } catch {
      // no file: nobody runs with this config
    }
    if (Number.isInteger(existing) && existing > 0 && existing !== process.pid && isAlive(existing)) {
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
