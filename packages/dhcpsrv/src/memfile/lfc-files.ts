// The file names of one memfile lease database and the LFC PID file check, shared by the
// memfile manager and the kea-lfc program.
import { readFileSync } from 'node:fs';

/** Kea's Memfile_LeaseMgr::appendSuffix. */
export function lfcFileNames(name: string) {
  return {
    current: name,
    /** The server's handed-over copy, LFC's -i. */
    input: `${name}.1`,
    /** Result of the previous cleanup, LFC's -x. */
    previous: `${name}.2`,
    output: `${name}.output`,
    /** LFC's -f: output once complete, before it becomes .2. */
    finish: `${name}.completed`,
    pid: `${name}.pid`,
  };
}

/** PID written in a PID file, or null when there is no readable number in it. */
export function readPidFile(path: string): number | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** kill(pid, 0) as Kea's PIDFile::check uses it: EPERM still means the process exists. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether `path` names a live process other than this one (Kea's PIDFile::check). */
export function pidFileIsLive(path: string): boolean {
  const pid = readPidFile(path);
  return pid !== null && pid !== process.pid && isProcessAlive(pid);
}
