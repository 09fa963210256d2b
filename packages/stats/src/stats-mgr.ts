// The statistics manager (Kea's StatsMgr): a flat map of named observations with global sample-limit
// defaults. One instance per daemon, created by the daemon and passed to whoever counts.
import type { JsonValue } from '@kea-ts/cc';
import { type Clock, systemClock } from './clock.js';
import { statLimitError, statTypeError } from './errors.js';
import {
  checkValue,
  inferType,
  Observation,
  type SampleLimits,
  type StatType,
  type StatValue,
} from './observation.js';

export const DEFAULT_MAX_SAMPLES = 20;

export interface StatsMgrOptions {
  /** Microseconds since the epoch; defaults to the wall clock. */
  clock?: Clock;
}

/** The two global keys of a DHCP daemon's config that set sample limits for statistics. */
export interface StatsDefaultsConfig {
  'statistic-default-sample-count'?: number;
  'statistic-default-sample-age'?: number;
}

/** A pre-resolved numeric statistic for hot paths: `add(1)` skips the name lookup. */
export interface StatHandle {
  readonly name: string;
  add(n: number): void;
  set(n: number): void;
  /** Latest value, or undefined while the statistic does not exist. */
  value(): number | undefined;
}

function secondsToMicros(seconds: number): number {
  if (typeof seconds !== 'number' || !(seconds >= 0)) {
    throw statLimitError(`sample age must be a non-negative number of seconds, got ${seconds}`);
  }
  return Math.round(seconds * 1_000_000);
}

export class StatsMgr {
  private readonly stats = new Map<string, Observation>();
  private readonly clock: Clock;
  // Applied to statistics created from now on.
  private defaults: SampleLimits = { byCount: true, maxCount: DEFAULT_MAX_SAMPLES, maxAgeMicros: 0 };

  constructor(options: StatsMgrOptions = {}) {
    this.clock = options.clock ?? systemClock;
  }

  /** Number of statistics. */
  get size(): number {
    return this.stats.size;
  }

  /** Names, sorted as Kea lists them. */
  names(): string[] {
    return [...this.stats.keys()].sort();
  }

  getObservation(name: string): Observation | undefined {
    return this.stats.get(name);
  }

  /** Latest value of a statistic, or undefined. */
  getValue(name: string): StatValue | undefined {
    return this.stats.get(name)?.value;
  }

  /** Sets a value (a new sample); creates the statistic with the current default limits. */
  setValue(name: string, value: StatValue, type?: StatType): void {
    const obs = this.stats.get(name);
    if (obs === undefined) this.create(name, value, type);
    else obs.setValue(value);
  }

  /** Adds to the latest value (a new sample); a missing statistic is created holding `value`. */
  addValue(name: string, value: StatValue, type?: StatType): void {
    const obs = this.stats.get(name);
    if (obs === undefined) this.create(name, value, type);
    else if (typeof value === 'number' && obs.type === 'integer' && Number.isInteger(value)) obs.add(value);
    else obs.addValue(value);
  }

  /** Resolves a numeric statistic once; the handle survives remove/remove-all by recreating it. */
  handle(name: string, type: 'integer' | 'float' | 'duration' = 'integer'): StatHandle {
    let obs = this.stats.get(name) ?? null;
    if (obs !== null && obs.type === 'string') throw statTypeError(name, 'string', 'numbers');
    const resolve = (): Observation | null => {
      if (obs === null || obs.detached) obs = this.stats.get(name) ?? null;
      return obs;
    };
    return {
      name,
      add: (n: number): void => {
        const o = obs !== null && !obs.detached ? obs : resolve();
        if (o !== null) o.add(n);
        else obs = this.create(name, n, type);
      },
      set: (n: number): void => {
        const o = resolve();
        if (o !== null) o.setValue(n);
        else obs = this.create(name, n, type);
      },
      value: (): number | undefined => resolve()?.value as number | undefined,
    };
  }

  /** Kea's `get`: `{name: samples}` or `{}` when there is no such statistic. */
  get(name: string): { [name: string]: JsonValue } {
    const obs = this.stats.get(name);
    return obs === undefined ? {} : { [name]: obs.toJson() };
  }

  /** Every statistic, keys sorted. */
  getAll(): { [name: string]: JsonValue } {
    const out: { [name: string]: JsonValue } = {};
    for (const name of this.names()) out[name] = this.stats.get(name)!.toJson();
    return out;
  }

  reset(name: string): boolean {
    const obs = this.stats.get(name);
    if (obs === undefined) return false;
    obs.reset();
    return true;
  }

  resetAll(): void {
    for (const obs of this.stats.values()) obs.reset();
  }

  remove(name: string): boolean {
    const obs = this.stats.get(name);
    if (obs === undefined) return false;
    obs.detached = true;
    this.stats.delete(name);
    return true;
  }

  removeAll(): void {
    for (const obs of this.stats.values()) obs.detached = true;
    this.stats.clear();
  }

  /** Limits one statistic by age (seconds); false when it does not exist. */
  setMaxSampleAge(name: string, seconds: number): boolean {
    const micros = secondsToMicros(seconds);
    const obs = this.stats.get(name);
    if (obs === undefined) return false;
    obs.setMaxSampleAge(micros);
    return true;
  }

  /** Limits one statistic by sample count; false when it does not exist. */
  setMaxSampleCount(name: string, maxSamples: number): boolean {
    checkCount(maxSamples);
    const obs = this.stats.get(name);
    if (obs === undefined) return false;
    obs.setMaxSampleCount(maxSamples);
    return true;
  }

  /** Limits every statistic, and those created later, by age (seconds). */
  setMaxSampleAgeAll(seconds: number): void {
    const micros = secondsToMicros(seconds);
    this.defaults = { byCount: false, maxCount: this.defaults.maxCount, maxAgeMicros: micros };
    for (const obs of this.stats.values()) obs.setMaxSampleAge(micros);
  }

  /** Limits every statistic, and those created later, by sample count. */
  setMaxSampleCountAll(maxSamples: number): void {
    checkCount(maxSamples);
    this.defaults = { byCount: true, maxCount: maxSamples, maxAgeMicros: this.defaults.maxAgeMicros };
    for (const obs of this.stats.values()) obs.setMaxSampleCount(maxSamples);
  }

  /** Default limits for statistics created from now on. */
  defaultLimits(): SampleLimits {
    return { ...this.defaults };
  }

  /**
   * Applies `statistic-default-sample-count` / `statistic-default-sample-age` from a daemon config to all
   * statistics and to new ones. A non-zero count limits by count; a count of 0 switches to the age limit.
   */
  applyConfigDefaults(config: StatsDefaultsConfig): void {
    const count = config['statistic-default-sample-count'] ?? DEFAULT_MAX_SAMPLES;
    const age = config['statistic-default-sample-age'] ?? 0;
    if (!Number.isInteger(count) || count < 0) {
      throw statLimitError(`statistic-default-sample-count must be a non-negative integer, got ${count}`);
    }
    const micros = secondsToMicros(age);
    if (count > 0) {
      this.defaults = { byCount: true, maxCount: count, maxAgeMicros: micros };
      for (const obs of this.stats.values()) obs.setMaxSampleCount(count);
    } else {
      this.setMaxSampleAgeAll(age);
    }
  }

  private create(name: string, value: StatValue, type?: StatType): Observation {
    const t = type ?? inferType(value);
    checkValue(name, t, value);
    const obs = new Observation(name, t, value, this.defaults, this.clock);
    this.stats.set(name, obs);
    return obs;
  }
}

function checkCount(maxSamples: number): void {
  if (!Number.isInteger(maxSamples) || maxSamples < 1) {
    throw statLimitError(`max-samples must be a positive integer, got ${maxSamples}`);
  }
}
