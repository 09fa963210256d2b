// Compiles Kea's (log4cplus) layout patterns once into a function from LogRecord to text.
// Supported: %c{N} %d{fmt} (UTC) %D{fmt} (local) %p %m %n %i %t %T %h %H %r %x %X{k} %E{var} %%,
// with log4j-style padding: %-5p (left align), %5p (right align), %.10c (keep the last 10 chars).

import { hostname } from 'node:os';
import { isMainThread, threadId } from 'node:worker_threads';
import type { LogRecord } from './record.js';
import { compileDateFormat } from './strftime.js';

export type Layout = (r: LogRecord) => string;

export const DEFAULT_PATTERN = '%D{%Y-%m-%d %H:%M:%S.%q} %-5p [%c/%i.%t] %m\n';
export const DEFAULT_SYSLOG_PATTERN = '%-5p [%c.%t] %m\n';
// log4cplus uses this when %d / %D has no {format}.
const DEFAULT_DATE_FORMAT = '%Y-%m-%d %H:%M:%S,%q';

// Kea prints the OS thread id. Node runs our code on one thread per isolate, so %t is the isolate
// number: 1 for the main thread, threadId + 1 for a worker. Lines keep Kea's '[name/pid.thread]' shape.
const THREAD = String(isMainThread ? 1 : threadId + 1);
const START = Date.now();

type Part = string | Layout;

function converter(conv: string, arg: string | undefined): Layout | string | null {
  switch (conv) {
    case 'm':
      return (r) => r.text;
    case 'p':
      return (r) => r.severity;
    case 'c': {
      const keep = arg === undefined ? 0 : Number.parseInt(arg, 10);
      if (!(keep > 0)) return (r) => r.loggerName;
      return (r) => r.loggerName.split('.').slice(-keep).join('.');
    }
    case 'd':
    case 'D': {
      const fmt = compileDateFormat(arg ?? DEFAULT_DATE_FORMAT, conv === 'd');
      return (r) => fmt(r.time);
    }
    case 'i':
      // Fixed for the life of the process, so it is folded into the literal text.
      return String(process.pid);
    case 't':
    case 'T':
      return THREAD;
    case 'h':
      return hostname().split('.')[0] ?? '';
    case 'H':
      return hostname();
    case 'r':
      return (r) => String(Math.floor(r.time - START));
    case 'n':
      return '\n';
    case 'x':
    case 'X':
      return '';
    case 'E':
      return arg === undefined ? '' : (process.env[arg] ?? '');
    default:
      return null;
  }
}

function pad(text: string, min: number, max: number, left: boolean): string {
  let s = text;
  if (max >= 0 && s.length > max) s = s.slice(s.length - max);
  if (s.length < min) s = left ? s.padEnd(min) : s.padStart(min);
  return s;
}

const SPEC = /%(-?)(\d*)(?:\.(\d+))?([a-zA-Z%])(?:\{([^}]*)\})?/y;

export function compilePattern(pattern: string): Layout {
  const parts: Part[] = [];
  let text = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i]!;
    if (ch !== '%') {
      text += ch;
      i++;
      continue;
    }
    SPEC.lastIndex = i;
    const m = SPEC.exec(pattern);
    if (m === null) {
      text += ch;
      i++;
      continue;
    }
    const [all, minus, minStr, maxStr, conv, arg] = m as unknown as [
      string,
      string,
      string,
      string | undefined,
      string,
      string | undefined,
    ];
    // Only these conversions take a {...} argument; for the others the braces are literal text.
    const takesArg = 'cdDXE'.includes(conv);
    const consumed = takesArg || arg === undefined ? all.length : all.length - arg.length - 2;
    const spec = pattern.slice(i, i + consumed);
    i += consumed;
    if (conv === '%') {
      text += '%';
      continue;
    }
    const c = converter(conv, takesArg ? arg : undefined);
    if (c === null) {
      text += spec; // unknown conversions are printed as written, like log4cplus
      continue;
    }
    const min = minStr ? Number(minStr) : 0;
    const max = maxStr !== undefined ? Number(maxStr) : -1;
    const left = minus === '-';
    const padded = min > 0 || max >= 0;
    if (typeof c === 'string') {
      text += padded ? pad(c, min, max, left) : c;
      continue;
    }
    if (text) parts.push(text);
    text = '';
    parts.push(padded ? (r) => pad(c(r), min, max, left) : c);
  }
  if (text) parts.push(text);
  if (parts.length === 1 && typeof parts[0] === 'string') {
    const s = parts[0];
    return () => s;
  }
  return (r) => {
    let out = '';
    for (const p of parts) out += typeof p === 'string' ? p : p(r);
    return out;
  };
}
