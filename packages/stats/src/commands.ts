// The statistic-* control commands, with Kea's argument names, answer shapes and texts.
import {
  type Answer,
  CONTROL_RESULT_ERROR,
  CONTROL_RESULT_SUCCESS,
  createAnswer,
  type JsonValue,
} from '@kea-ts/cc';
import type { StatsMgr } from './stats-mgr.js';

export type StatisticCommandHandler = (args?: JsonValue) => Answer;

type Params = { [k: string]: JsonValue } | undefined;

function asMap(args: JsonValue | undefined): Params {
  return args !== null && typeof args === 'object' && !Array.isArray(args) ? args : undefined;
}

/** Returns the name, or an error answer. */
function statName(args: JsonValue | undefined): string | Answer {
  const value = asMap(args)?.name;
  if (value === undefined) return createAnswer(CONTROL_RESULT_ERROR, "Missing mandatory 'name' parameter.");
  if (typeof value !== 'string') {
    return createAnswer(CONTROL_RESULT_ERROR, "'name' parameter expected to be a string.");
  }
  return value;
}

/** Returns the duration in seconds, or an error answer. */
function statDuration(args: JsonValue | undefined): number | Answer {
  const value = asMap(args)?.duration;
  if (value === undefined) {
    return createAnswer(CONTROL_RESULT_ERROR, "Missing mandatory 'duration' parameter.");
  }
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    return createAnswer(CONTROL_RESULT_ERROR, "'duration' parameter expected to be an integer.");
  }
  if (value < 0) return createAnswer(CONTROL_RESULT_ERROR, "'duration' parameter must not be negative");
  return value;
}

/** Returns max-samples, or an error answer. */
function statMaxSamples(args: JsonValue | undefined): number | Answer {
  const value = asMap(args)?.['max-samples'];
  if (value === undefined) {
    return createAnswer(CONTROL_RESULT_ERROR, "Missing mandatory 'max-samples' parameter.");
  }
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    return createAnswer(CONTROL_RESULT_ERROR, "'max-samples' parameter expected to be an integer.");
  }
  if (value === 0) return createAnswer(CONTROL_RESULT_ERROR, "'max-samples' parameter must not be zero");
  if (value < 0) return createAnswer(CONTROL_RESULT_ERROR, "'max-samples' parameter must be positive");
  return value;
}

function notFound(name: string): Answer {
  return createAnswer(CONTROL_RESULT_ERROR, `No '${name}' statistic found`);
}

/**
 * The ten statistic-* handlers bound to one manager. D2 registers only the get/reset ones,
 * the DHCP servers all ten.
 */
export function statisticCommands(mgr: StatsMgr): Record<string, StatisticCommandHandler> {
  return {
    'statistic-get': (args) => {
      const name = statName(args);
      if (typeof name !== 'string') return name;
      return createAnswer(CONTROL_RESULT_SUCCESS, undefined, mgr.get(name));
    },
    'statistic-get-all': () => createAnswer(CONTROL_RESULT_SUCCESS, undefined, mgr.getAll()),
    'statistic-reset': (args) => {
      const name = statName(args);
      if (typeof name !== 'string') return name;
      if (!mgr.reset(name)) return notFound(name);
      return createAnswer(CONTROL_RESULT_SUCCESS, `Statistic '${name}' reset.`);
    },
    'statistic-reset-all': () => {
      mgr.resetAll();
      return createAnswer(CONTROL_RESULT_SUCCESS, 'All statistics reset to neutral values.');
    },
    'statistic-remove': (args) => {
      const name = statName(args);
      if (typeof name !== 'string') return name;
      if (!mgr.remove(name)) return notFound(name);
      return createAnswer(CONTROL_RESULT_SUCCESS, `Statistic '${name}' removed.`);
    },
    'statistic-remove-all': () => {
      mgr.removeAll();
      return createAnswer(CONTROL_RESULT_SUCCESS, 'All statistics removed.');
    },
    'statistic-sample-age-set': (args) => {
      const name = statName(args);
      if (typeof name !== 'string') return name;
      const duration = statDuration(args);
      if (typeof duration !== 'number') return duration;
      if (!mgr.setMaxSampleAge(name, duration)) return notFound(name);
      return createAnswer(CONTROL_RESULT_SUCCESS, `Statistic '${name}' duration limit is set.`);
    },
    'statistic-sample-age-set-all': (args) => {
      const duration = statDuration(args);
      if (typeof duration !== 'number') return duration;
      mgr.setMaxSampleAgeAll(duration);
      return createAnswer(CONTROL_RESULT_SUCCESS, 'All statistics duration limit are set.');
    },
    'statistic-sample-count-set': (args) => {
      const name = statName(args);
      if (typeof name !== 'string') return name;
      const max = statMaxSamples(args);
      if (typeof max !== 'number') return max;
      if (!mgr.setMaxSampleCount(name, max)) return notFound(name);
      return createAnswer(CONTROL_RESULT_SUCCESS, `Statistic '${name}' count limit is set.`);
    },
    'statistic-sample-count-set-all': (args) => {
      const max = statMaxSamples(args);
      if (typeof max !== 'number') return max;
      mgr.setMaxSampleCountAll(max);
      return createAnswer(CONTROL_RESULT_SUCCESS, 'All statistics count limit are set.');
    },
  };
}
