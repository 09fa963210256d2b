// Time source and Kea's text forms for statistic timestamps and durations.
// Timestamps are microseconds since the Unix epoch held in a plain number (exact up to year 2255).

/** Returns the current time in microseconds since the epoch. Injected in tests. */
export type Clock = () => number;

let anchorMs = Date.now() - performance.now();
let anchoredAt = performance.now();
const REANCHOR_MS = 60_000;

/**
 * Wall clock with microsecond resolution: performance.now() gives the sub-millisecond part cheaply,
 * and the anchor to Date.now() is refreshed once a minute so NTP steps show up within that time.
 */
export const systemClock: Clock = () => {
  const now = performance.now();
  if (now - anchoredAt > REANCHOR_MS) {
    anchorMs = Date.now() - now;
    anchoredAt = now;
  }
  return Math.floor((anchorMs + now) * 1000);
};

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** '2026-11-21 04:33:51.679123' in local time, as Kea prints sample timestamps. */
export function formatTimestamp(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const d = new Date(ms);
  const fraction = micros - Math.floor(micros / 1_000_000) * 1_000_000;
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1, 2)}-${pad(d.getDate(), 2)} ` +
    `${pad(d.getHours(), 2)}:${pad(d.getMinutes(), 2)}:${pad(d.getSeconds(), 2)}.${pad(fraction, 6)}`
  );
}

/** '01:02:03.000004' for a duration given in microseconds (hours may exceed 24), as Kea prints durations. */
export function formatDuration(micros: number): string {
  const sign = micros < 0 ? '-' : '';
  let rest = Math.abs(Math.trunc(micros));
  const fraction = rest % 1_000_000;
  rest = (rest - fraction) / 1_000_000;
  const seconds = rest % 60;
  rest = (rest - seconds) / 60;
  const minutes = rest % 60;
  const hours = (rest - minutes) / 60;
  return `${sign}${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(fraction, 6)}`;
}
