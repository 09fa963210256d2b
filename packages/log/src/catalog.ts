// Message catalogues: the process-wide map from Kea message ID to template, and the rendering of
// '<ID> <template with %1 %2 ... substituted>' (done only when a message is actually emitted).

import { KEA_ERR_LOG_BAD_MESSAGE_ID, LogError } from './errors.js';

/** A template split once into literal text and 0-based argument indexes. */
type CompiledTemplate = readonly (string | number)[];

const templates = new Map<string, string>();
const compiled = new Map<string, CompiledTemplate>();
const duplicates: { id: string; kept: string; ignored: string }[] = [];

const ID_SHAPE = /^[A-Z][A-Z0-9_]*$/;

/**
 * Registers templates globally and returns the ids as constants (`MSG.X === 'X'`), so call sites use
 * a checked name instead of a string literal. A second definition of an id keeps the first template,
 * as Kea does, and is remembered so the daemon can report it (LOG_DUPLICATE_MESSAGE_ID).
 */
export function defineMessages<T extends Record<string, string>>(defs: T): { [K in keyof T]: K } {
  const ids = {} as { [K in keyof T]: K };
  for (const id of Object.keys(defs) as (keyof T & string)[]) {
    if (!ID_SHAPE.test(id)) {
      throw new LogError(
        KEA_ERR_LOG_BAD_MESSAGE_ID,
        `message id '${id}' is not in UPPER_CASE_WITH_UNDERSCORES`,
      );
    }
    const text = defs[id] as string;
    const known = templates.get(id);
    if (known === undefined) {
      templates.set(id, text);
    } else if (known !== text) {
      duplicates.push({ id, kept: known, ignored: text });
    }
    (ids as Record<string, string>)[id] = id;
  }
  return ids;
}

/** The template registered for an id, if any. */
export function getMessageTemplate(id: string): string | undefined {
  return templates.get(id);
}

/** Ids defined twice with different templates (first one kept). */
export function getDuplicateMessageIds(): readonly { id: string; kept: string; ignored: string }[] {
  return duplicates;
}

function compile(template: string): CompiledTemplate {
  const parts: (string | number)[] = [];
  const re = /%(\d+)/g;
  let last = 0;
  for (let m = re.exec(template); m !== null; m = re.exec(template)) {
    const n = Number(m[1]);
    if (n < 1) continue;
    if (m.index > last) parts.push(template.slice(last, m.index));
    parts.push(n - 1);
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  return parts;
}

/** How one argument is written into a message: plain text for scalars, toString() where a class has one. */
export function formatArg(arg: unknown): string {
  switch (typeof arg) {
    case 'string':
      return arg;
    case 'number':
    case 'bigint':
    case 'boolean':
    case 'undefined':
    case 'symbol':
      return String(arg);
    case 'function':
      return arg.name || 'function';
    default:
      break;
  }
  if (arg === null) return 'null';
  if (arg instanceof Error) return arg.message;
  if (arg instanceof Uint8Array)
    return Buffer.from(arg.buffer, arg.byteOffset, arg.byteLength).toString('hex');
  const own = (arg as { toString?: unknown }).toString;
  if (typeof own === 'function' && own !== Object.prototype.toString && !Array.isArray(arg)) {
    return String(arg);
  }
  try {
    return JSON.stringify(arg) ?? String(arg);
  } catch {
    return String(arg);
  }
}

/**
 * '<ID> <text>'. A placeholder without an argument stays visible as '%N' so a wrong call site shows up
 * in the log; an unknown id prints the id followed by its arguments so nothing is lost.
 */
export function formatMessage(id: string, args: readonly unknown[]): string {
  let parts = compiled.get(id);
  if (parts === undefined) {
    const template = templates.get(id);
    if (template === undefined) {
      return args.length === 0 ? id : `${id} ${args.map(formatArg).join(' ')}`;
    }
    parts = compile(template);
    compiled.set(id, parts);
  }
  if (parts.length === 0) return id;
  let out = id;
  out += ' ';
  for (const p of parts) {
    if (typeof p === 'string') out += p;
    else out += p < args.length ? formatArg(args[p]) : `%${p + 1}`;
  }
  return out;
}
