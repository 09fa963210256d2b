// Coded errors of @kea-ts/stats. Codes are never reused for another meaning.
import { KeaError } from '@kea-ts/util';

export const ERR_STATS_TYPE = 'KEA_ERR_STATS_TYPE';
export const ERR_STATS_LIMIT = 'KEA_ERR_STATS_LIMIT';

/** A value of the wrong kind was written to an existing statistic (Kea: InvalidStatType). */
export function statTypeError(name: string, expected: string, got: string): KeaError {
  return new KeaError(ERR_STATS_TYPE, `statistic '${name}' holds ${expected} values, cannot store ${got}`);
}

/** A sample limit that makes no sense (zero or negative count, negative age). */
export function statLimitError(message: string): KeaError {
  return new KeaError(ERR_STATS_LIMIT, message);
}
