// Whether a daemon binary can actually run. A Kea user's keactrl.conf points at /usr/local/sbin/<name>;
// in our install that is a symlink to packages/<name>/bin/<name>, a launcher that only works once the
// package is compiled, so "the file exists" is not enough: keactrl must never claim to start a daemon
// that cannot run.
import { accessSync, constants, existsSync, realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export type InstallState =
  | { readonly installed: true }
  | { readonly installed: false; readonly reason: string };

export function checkInstalled(binaryPath: string): InstallState {
  try {
    accessSync(binaryPath, constants.X_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return {
      installed: false,
      reason: code === 'EACCES' ? `${binaryPath} is not executable` : `no ${binaryPath}`,
    };
  }
  let real: string;
  try {
    real = realpathSync(binaryPath);
  } catch {
    return { installed: false, reason: `cannot resolve ${binaryPath}` };
  }
  // A workspace launcher: <package>/bin/<name> next to <package>/package.json; it imports dist/src/main.js.
  const binDir = dirname(real);
  const packageDir = dirname(binDir);
  if (basename(binDir) === 'bin' && existsSync(join(packageDir, 'package.json'))) {
    const main = join(packageDir, 'dist', 'src', 'main.js');
    if (!existsSync(main)) return { installed: false, reason: `${real} is not built (no ${main})` };
  }
  return { installed: true };
}
