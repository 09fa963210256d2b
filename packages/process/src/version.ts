// Version texts: -v, -V (extended, also version-get's 'extended') and -W (build report).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const VERSION = '0.1.0';
/** The Kea release whose configs, files, commands and logs this suite reproduces. */
export const KEA_COMPATIBLE = '2.2.0';

export function versionText(): string {
  return VERSION;
}

export function extendedVersionText(): string {
  return [
    `${VERSION} (kea-ts, compatible with ISC Kea ${KEA_COMPATIBLE})`,
    `Node.js ${process.version} (V8 ${process.versions.v8}, OpenSSL ${process.versions.openssl})`,
    `linked with: log4js, undici, zod, yargs, node-forge`,
  ].join('\n');
}

function workspaceRoot(): string {
  // dist/src/version.js -> packages/process -> packages -> workspace root
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
}

/** The build report of -W and build-report: what was built, with what, from where. */
export function buildReportText(binary: string): string {
  const lines = [
    `Package:`,
    `  Name:           kea-ts`,
    `  Version:        ${VERSION}`,
    `  Compatible with ISC Kea ${KEA_COMPATIBLE}`,
    `  Program:        ${binary}`,
    `Runtime:`,
    `  Node.js:        ${process.version}`,
    `  V8:             ${process.versions.v8}`,
    `  OpenSSL:        ${process.versions.openssl}`,
    `  Platform:       ${process.platform} ${process.arch}`,
    `Installation:`,
    `  Workspace:      ${workspaceRoot()}`,
    `  PID file dir:   ${pidFileDir()}`,
  ];
  try {
    const pkg = JSON.parse(readFileSync(join(workspaceRoot(), 'package.json'), 'utf8')) as {
      packageManager?: string;
    };
    if (pkg.packageManager) lines.push(`  Built with:     ${pkg.packageManager}`);
  } catch {
    // a copied dist without the workspace: nothing more to say
  }
  return lines.join('\n');
}

/** Where PID files go: KEA_PIDFILE_DIR, else the runstatedir of a Kea built with prefix /usr/local. */
export function pidFileDir(): string {
  return process.env.KEA_PIDFILE_DIR || '/usr/local/var/run/kea';
}
