// keactrl's own version: the package version, read once from package.json so it cannot drift.
import { readFileSync } from 'node:fs';

let cached: string | undefined;

export function keactrlVersion(): string {
  if (cached === undefined) {
    // dist/src/version.js -> ../../package.json is the package root in both src and dist layouts.
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    cached = pkg.version ?? 'unknown';
  }
  return cached;
}
