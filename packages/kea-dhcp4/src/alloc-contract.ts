// The allocation engine as the server uses it: the part of @kea-ts/dhcpsrv's AllocEngine4 the
// pipeline calls, so a test may hand the server another engine with the same shape.
import type { AllocEngine4 } from '@kea-ts/dhcpsrv';

export type { AllocResult4, ClientContext4 } from '@kea-ts/dhcpsrv';

export type Allocator4 = Pick<
  AllocEngine4,
  | 'allocateLease4'
  | 'releaseLease4'
  | 'declineLease4'
  | 'reclaimExpiredLeases4'
  | 'deleteExpiredReclaimedLeases4'
  | 'updateConfig'
  | 'initStatistics'
>;
