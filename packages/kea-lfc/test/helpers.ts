// Shared by the kea-lfc tests: where the programs are and how to run them on a set of files.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const OUR_LFC = fileURLToPath(new URL('../../bin/kea-lfc', import.meta.url));
export const REAL_LFC = '/usr/sbin/kea-lfc';

export function haveRealLfc(): boolean {
  return existsSync(REAL_LFC);
}

/** Runs a kea-lfc as the memfile manager would on lease file `name`. */
export function runLfcOn(bin: string, family: 4 | 6, name: string): { status: number | null; out: string } {
  const r = spawnSync(
    bin,
    [
      family === 4 ? '-4' : '-6',
      '-x',
      `${name}.2`,
      '-i',
      `${name}.1`,
      '-o',
      `${name}.output`,
      '-f',
      `${name}.completed`,
      '-p',
      `${name}.pid`,
      '-c',
      'ignored-path',
      '-d',
    ],
    { encoding: 'utf8' },
  );
  return { status: r.status, out: r.stdout + r.stderr };
}
