// Checks a parsed `loggers` list against Kea's grammar (logger_param / output_params) and says what is
// wrong with its key path, e.g. 'loggers[0].severity: expected one of FATAL, ERROR, ...'.

import { SEVERITIES } from './types.js';

const LOGGER_KEYS = new Set([
  'name',
  'severity',
  'debuglevel',
  'output_options',
  'output-options',
  'user-context',
  'comment',
]);
const OUTPUT_KEYS = new Set(['output', 'pattern', 'flush', 'maxsize', 'maxver']);

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

function checkOutput(o: unknown, at: string): string | null {
  if (!isMap(o)) return `${at}: expected a map`;
  for (const k of Object.keys(o)) if (!OUTPUT_KEYS.has(k)) return `${at}.${k}: unknown key`;
  if (!('output' in o)) return `${at}.output: required`;
  if (typeof o.output !== 'string' || o.output === '') return `${at}.output: expected a non-empty string`;
  if (o.output === 'syslog:') return `${at}.output: missing facility name after 'syslog:'`;
  if (o.pattern !== undefined && typeof o.pattern !== 'string') return `${at}.pattern: expected a string`;
  if (o.flush !== undefined && typeof o.flush !== 'boolean') return `${at}.flush: expected true or false`;
  if (o.maxsize !== undefined && !(isInt(o.maxsize) && o.maxsize >= 0)) {
    return `${at}.maxsize: expected an integer >= 0 (bytes; values below 204800 disable rotation)`;
  }
  if (o.maxver !== undefined && !(isInt(o.maxver) && o.maxver >= 1)) {
    return `${at}.maxver: expected an integer >= 1`;
  }
  return null;
}

function checkLogger(e: unknown, at: string): string | null {
  if (!isMap(e)) return `${at}: expected a map`;
  for (const k of Object.keys(e)) if (!LOGGER_KEYS.has(k)) return `${at}.${k}: unknown key`;
  if (!('name' in e)) return `${at}.name: required`;
  if (typeof e.name !== 'string' || e.name === '') return `${at}.name: expected a non-empty string`;
  if (e.severity !== undefined) {
    const ok =
      typeof e.severity === 'string' && (SEVERITIES as readonly string[]).includes(e.severity.toUpperCase());
    if (!ok) return `${at}.severity: expected one of ${SEVERITIES.join(', ')}`;
  }
  if (e.debuglevel !== undefined && !(isInt(e.debuglevel) && e.debuglevel >= 0 && e.debuglevel <= 99)) {
    return `${at}.debuglevel: expected an integer from 0 to 99`;
  }
  if (e.comment !== undefined && typeof e.comment !== 'string') return `${at}.comment: expected a string`;
  if (e['user-context'] !== undefined && !isMap(e['user-context']))
    return `${at}.user-context: expected a map`;
  if (e.output_options !== undefined && e['output-options'] !== undefined) {
    return `${at}: output_options and output-options are the same key; give only one`;
  }
  const key = e.output_options !== undefined ? 'output_options' : 'output-options';
  const list = e[key];
  if (list === undefined) return null;
  if (!Array.isArray(list)) return `${at}.${key}: expected a list`;
  for (let i = 0; i < list.length; i++) {
    const problem = checkOutput(list[i], `${at}.${key}[${i}]`);
    if (problem !== null) return problem;
  }
  return null;
}

/** null when `value` is a valid `loggers` list, else the first problem with its key path. */
export function validateLoggers(value: unknown): string | null {
  if (!Array.isArray(value)) return 'loggers: expected a list';
  for (let i = 0; i < value.length; i++) {
    const problem = checkLogger(value[i], `loggers[${i}]`);
    if (problem !== null) return problem;
  }
  return null;
}
