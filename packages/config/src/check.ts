// Checks a parsed config section against a zod schema and turns the first problem into one line naming
// file:line:column and the key path, as Kea's parsers do ("unknown keys are errors").
import type { JsonValue, Position } from '@kea-ts/cc';
import { formatPosition } from '@kea-ts/cc';
import { KeaError } from '@kea-ts/util';
import type { z } from 'zod';
import { ERR_CONFIG_INVALID } from './errors.js';

/** Where a config came from: the parser's positions map plus the file label. */
export interface ConfigSource {
  file: string;
  positions: ReadonlyMap<string, Position>;
}

export class ConfigError extends KeaError {
  constructor(
    message: string,
    readonly position?: Position,
    readonly keyPath?: string,
  ) {
    super(ERR_CONFIG_INVALID, message);
  }
}

/** 'Dhcp4.subnet4[0].pools[1]' for ['Dhcp4', 'subnet4', 0, 'pools', 1]. */
export function keyPathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** The position of the value at `path`, or of its nearest ancestor that has one. */
export function positionOf(source: ConfigSource, path: readonly PropertyKey[]): Position | undefined {
  for (let n = path.length; n >= 0; n--) {
    const p = source.positions.get(path.slice(0, n).map(String).join('/'));
    if (p) return p;
  }
  return undefined;
}

/** Builds the one-line error for a problem at `path`. */
export function configError(
  source: ConfigSource,
  path: readonly PropertyKey[],
  message: string,
): ConfigError {
  const position = positionOf(source, path);
  const where = position ? `${formatPosition(position)}: ` : `${source.file}: `;
  const keyPath = keyPathText(path);
  return new ConfigError(`${where}${keyPath ? `${keyPath}: ` : ''}${message}`, position, keyPath);
}

/** A key whose feature is not built yet: refused, never silently ignored. */
export function notSupportedYet(source: ConfigSource, path: readonly PropertyKey[]): ConfigError {
  return configError(source, path, `not supported yet: ${keyPathText(path)}`);
}

/**
 * Validates `value` (found at `basePath` in the source) with `schema`; returns the parsed data or throws a
 * ConfigError for the first issue.
 */
export function checkSchema<S extends z.ZodType>(
  schema: S,
  value: JsonValue | undefined,
  source: ConfigSource,
  basePath: readonly PropertyKey[],
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = [...basePath, ...issue.path];
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const where = keyPathText(path) || 'top-level';
    return throwError(configError(source, [...path, key], `unknown keyword "${key}" in ${where} map`));
  }
  return throwError(configError(source, path, issue.message));
}

function throwError(err: Error): never {
  throw err;
}
