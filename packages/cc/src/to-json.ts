// JSON text as Kea prints it: map keys in sorted order (Kea keeps maps in a std::map), so
// answers and written configs are stable and diff cleanly against real Kea's.

import { KeaError } from '@kea-ts/util';
import { KEA_ERR_CC_TO_JSON } from './errors.js';

/** Far beyond any real config or answer; protects the recursion below. */
const MAX_DEPTH = 2000;

function write(value: unknown, depth: number, ancestors: Set<object>): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return value.toString();
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (value === null) return 'null';
  const obj = value as { toJSON?: () => unknown };
  if (typeof obj.toJSON === 'function') return write(obj.toJSON(), depth, ancestors);
  if (depth >= MAX_DEPTH)
    throw new KeaError(KEA_ERR_CC_TO_JSON, `value nested more than ${MAX_DEPTH} levels`);
  if (ancestors.has(obj)) throw new KeaError(KEA_ERR_CC_TO_JSON, 'value contains a cycle');
  ancestors.add(obj);
  let out: string;
  if (Array.isArray(obj)) {
    const parts: string[] = [];
    for (const item of obj) parts.push(write(item, depth + 1, ancestors) ?? 'null');
    out = `[${parts.join(',')}]`;
  } else if (obj instanceof Map) {
    out = writeEntries(
      [...obj.entries()].map(([k, v]) => [String(k), v]),
      depth,
      ancestors,
    );
  } else {
    out = writeEntries(Object.entries(obj), depth, ancestors);
  }
  ancestors.delete(obj);
  return out;
}

function writeEntries(entries: [string, unknown][], depth: number, ancestors: Set<object>): string {
  // Default sort compares UTF-16 code units, which matches std::string order for BMP text.
  entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const parts: string[] = [];
  for (const [k, v] of entries) {
    const text = write(v, depth + 1, ancestors);
    if (text !== undefined) parts.push(`${JSON.stringify(k)}:${text}`);
  }
  return `{${parts.join(',')}}`;
}

/**
 * Compact JSON with object keys sorted. Members whose value is undefined are left out (as in
 * JSON.stringify); non-finite numbers print as null; bigints print as exact integers.
 */
export function toJson(value: unknown): string {
  return write(value, 0, new Set()) ?? 'null';
}
