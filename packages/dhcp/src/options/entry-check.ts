// Checks of a config entry's keys and value types, as Kea's SimpleParser::checkKeywords does for
// option-data and option-def maps: an unknown key or a value of the wrong JSON type is refused.
import { DhcpConfigError } from '../errors.js';

export type JsonKind = 'string' | 'integer' | 'boolean' | 'map';

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'real';
  if (typeof v === 'object') return 'map';
  return typeof v;
}

/** Throws DhcpConfigError when `entry` is not a map, has a key not in `spec`, or a wrongly typed value. */
export function checkEntry(entry: unknown, spec: Readonly<Record<string, JsonKind>>, what: string): void {
  if (kindOf(entry) !== 'map') throw new DhcpConfigError(`${what} entry must be a map, got ${kindOf(entry)}`);
  for (const [key, value] of Object.entries(entry as Record<string, unknown>)) {
    const want = spec[key];
    if (want === undefined) throw new DhcpConfigError(`unsupported parameter '${key}' in ${what}`);
    const got = kindOf(value);
    if (got !== want) throw new DhcpConfigError(`'${key}' in ${what} must be a ${want}, got ${got}`);
  }
}

/** Kea's rule for option and space names: letters, digits, '-' and '_', not starting or ending with '-'/'_'. */
export function isValidOptionName(name: string): boolean {
  return /^[A-Za-z0-9]([A-Za-z0-9_-]*[A-Za-z0-9])?$/.test(name);
}
