// Shared by the packet-layer tests: commented hex byte vectors, fixtures, and the typed-error check.
import { readFileSync } from 'node:fs';
import type { Test } from 'tap';
import { DhcpPackError, DhcpParseError } from '../../src/errors.js';

/** Strips blanks and `# comments`, so a vector is written one commented field a line. */
export function hex(commented: string): Buffer {
  const digits = commented
    .split('\n')
    .map((l) => l.replace(/#.*$/, ''))
    .join('')
    .replace(/\s+/g, '');
  return Buffer.from(digits, 'hex');
}

/** `n` zero bytes as hex. */
export function zeros(n: number): string {
  return '00'.repeat(n);
}

/** A JSON fixture from packages/dhcp/test/fixtures (tests run from dist/test/<dir>/). */
export function fixture<T>(relative: string): T {
  const url = new URL(`../../../test/fixtures/${relative}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as T;
}

/** `fn` throws a DhcpParseError whose message matches `match`. */
export function parseFails(t: Test, fn: () => unknown, match: RegExp, what: string): void {
  try {
    fn();
    t.fail(`${what}: no error`);
  } catch (e) {
    t.ok(e instanceof DhcpParseError, `${what}: DhcpParseError`);
    t.match((e as Error).message, match, what);
  }
}

/** `fn` throws a DhcpPackError whose message matches `match`. */
export function packFails(t: Test, fn: () => unknown, match: RegExp, what: string): void {
  try {
    fn();
    t.fail(`${what}: no error`);
  } catch (e) {
    t.ok(e instanceof DhcpPackError, `${what}: DhcpPackError`);
    t.match((e as Error).message, match, what);
  }
}
