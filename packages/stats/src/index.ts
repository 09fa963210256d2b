// Public entry point of @kea-ts/stats: Kea's statistics manager and the statistic-* commands.
export { type Clock, formatDuration, formatTimestamp, systemClock } from './clock.js';
export { type StatisticCommandHandler, statisticCommands } from './commands.js';
export { ERR_STATS_LIMIT, ERR_STATS_TYPE } from './errors.js';
export { NEUTRAL, Observation, type SampleLimits, type StatType, type StatValue } from './observation.js';
export {
  DEFAULT_MAX_SAMPLES,
  type StatHandle,
  type StatsDefaultsConfig,
  StatsMgr,
  type StatsMgrOptions,
} from './stats-mgr.js';
