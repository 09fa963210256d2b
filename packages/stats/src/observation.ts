// One named statistic (Kea's Observation): a typed value with its history of samples, trimmed either by
// a maximum number of samples or by a maximum age, whichever limit was set last.
import type { JsonValue } from '@kea-ts/cc';
import { type Clock, formatDuration, formatTimestamp } from './clock.js';
import { statLimitError, statTypeError } from './errors.js';

/**
 * Kea's four statistic types. Integers are JavaScript numbers: Kea keeps int64, we are exact up to
 * 2^53 - 1 (a counter incremented a million times a second takes 285 years to get there).
 * Durations are microseconds.
 */
export type StatType = 'integer' | 'float' | 'duration' | 'string';
export type StatValue = number | string;

/** Sample limits; only one of the two is active at a time, as in Kea. */
export interface SampleLimits {
  byCount: boolean;
  maxCount: number;
  maxAgeMicros: number;
}

export const NEUTRAL: Readonly<Record<StatType, StatValue>> = {
  integer: 0,
  float: 0,
  duration: 0,
  string: '',
};

export function inferType(value: StatValue): StatType {
  if (typeof value === 'string') return 'string';
  return Number.isInteger(value) ? 'integer' : 'float';
}

export function checkValue(name: string, type: StatType, value: StatValue): void {
  if (type === 'string') {
    if (typeof value !== 'string') throw statTypeError(name, type, typeof value);
  } else if (typeof value !== 'number' || Number.isNaN(value)) {
    throw statTypeError(name, type, typeof value === 'number' ? 'NaN' : typeof value);
  } else if (type !== 'float' && !Number.isInteger(value)) {
    throw statTypeError(name, type, `non-integer ${value}`);
  }
}

export class Observation {
  // Oldest first, so that recording a sample is a push.
  private values: StatValue[] = [];
  private stamps: number[] = [];
  private byCount: boolean;
  private maxCount: number;
  private maxAgeMicros: number;
  /** Set when the statistic is removed from its manager; handles then recreate it on next use. */
  detached = false;

  constructor(
    readonly name: string,
    readonly type: StatType,
    value: StatValue,
    limits: SampleLimits,
    private readonly clock: Clock,
  ) {
    this.byCount = limits.byCount;
    this.maxCount = limits.maxCount;
    this.maxAgeMicros = limits.maxAgeMicros;
    this.record(value);
  }

  /** The latest value. */
  get value(): StatValue {
    return this.values[this.values.length - 1]!;
  }

  /** Number of samples kept. */
  get sampleCount(): number {
    return this.values.length;
  }

  /** Samples newest first as [value, timestamp in microseconds]. */
  samples(): [StatValue, number][] {
    const out: [StatValue, number][] = [];
    for (let i = this.values.length - 1; i >= 0; i--) out.push([this.values[i]!, this.stamps[i]!]);
    return out;
  }

  limits(): SampleLimits {
    return { byCount: this.byCount, maxCount: this.maxCount, maxAgeMicros: this.maxAgeMicros };
  }

  setValue(value: StatValue): void {
    checkValue(this.name, this.type, value);
    this.record(value);
  }

  /** Adds to the latest value (strings are appended) and records the sum as a new sample. */
  addValue(value: StatValue): void {
    checkValue(this.name, this.type, value);
    this.record((this.values[this.values.length - 1] as number) + (value as number));
  }

  /** Hot-path increment for numeric statistics; the caller guarantees the type. */
  add(n: number): void {
    this.record((this.values[this.values.length - 1] as number) + n);
  }

  /** Drops all samples and starts again from the neutral value of the type. */
  reset(): void {
    this.values = [];
    this.stamps = [];
    this.record(NEUTRAL[this.type]);
  }

  setMaxSampleCount(maxCount: number): void {
    if (!Number.isInteger(maxCount) || maxCount < 1) {
      throw statLimitError(`max-samples must be a positive integer, got ${maxCount}`);
    }
    this.byCount = true;
    this.maxCount = maxCount;
    this.trim();
  }

  setMaxSampleAge(maxAgeMicros: number): void {
    if (!(maxAgeMicros >= 0)) throw statLimitError(`sample age must not be negative, got ${maxAgeMicros}`);
    this.byCount = false;
    this.maxAgeMicros = maxAgeMicros;
    this.trim();
  }

  /** Kea's JSON form: [[value, "YYYY-MM-DD HH:MM:SS.ffffff"], ...], newest first. */
  toJson(): JsonValue {
    const out: JsonValue[] = [];
    const isDuration = this.type === 'duration';
    for (let i = this.values.length - 1; i >= 0; i--) {
      const v = this.values[i]!;
      out.push([isDuration ? formatDuration(v as number) : v, formatTimestamp(this.stamps[i]!)]);
    }
    return out;
  }

  private record(value: StatValue): void {
    this.values.push(value);
    this.stamps.push(this.clock());
    if (this.byCount) {
      if (this.values.length > this.maxCount) this.trim();
    } else {
      this.trim();
    }
  }

  private trim(): void {
    const n = this.values.length;
    let drop = 0;
    if (this.byCount) {
      drop = n - this.maxCount;
    } else {
      // Age is measured from the newest sample, as Kea does; the newest sample always stays.
      const oldestKept = this.stamps[n - 1]! - this.maxAgeMicros;
      while (drop < n - 1 && this.stamps[drop]! < oldestKept) drop++;
    }
    if (drop <= 0) return;
    if (drop === 1) {
      this.values.shift();
      this.stamps.shift();
    } else {
      this.values.splice(0, drop);
      this.stamps.splice(0, drop);
    }
  }
}
