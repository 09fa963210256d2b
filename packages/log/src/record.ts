// One emitted log event as our layouts see it, and the wall clock it is stamped with (replaceable in
// tests). The message text is rendered on first use and shared by every output the event goes to.

import { formatMessage } from './catalog.js';

/** Severities that can be emitted (NONE only ever disables). */
export type EmitSeverity = 'FATAL' | 'ERROR' | 'WARN' | 'INFO' | 'DEBUG';

export class LogRecord {
  private rendered: string | undefined;
  constructor(
    /** Milliseconds since the epoch, microseconds in the fraction. */
    readonly time: number,
    readonly severity: EmitSeverity,
    readonly loggerName: string,
    readonly id: string,
    readonly args: readonly unknown[],
  ) {}

  get text(): string {
    if (this.rendered === undefined) this.rendered = formatMessage(this.id, this.args);
    return this.rendered;
  }
}

// Date.now() has only millisecond resolution; performance.now() is finer but monotonic, so it drifts
// from wall time when the clock is stepped. Use the fine clock and resync when they disagree by > 1 ms.
let offset = Date.now() - performance.now();
function wallClock(): number {
  const p = performance.now();
  let t = offset + p;
  const d = Date.now();
  if (t < d - 1 || t > d + 2) {
    offset = d - p;
    t = d;
  }
  return t;
}

let clock: () => number = wallClock;

export function now(): number {
  return clock();
}

/** Replaces the clock (tests); `null` restores the wall clock. */
export function setLogClock(fn: (() => number) | null): void {
  clock = fn ?? wallClock;
}
