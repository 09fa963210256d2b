// The v6 allocation engine's public surface, re-exported by the package entry point.

export { capacityStat, naPoolFor, pdPoolFor, poolCapacity } from './addr6.js';
export { AllocEngine6, type AllocEngine6Options } from './alloc-engine6.js';
export { lease6RebindHook, lease6RenewHook, lease6SelectHook } from './lease-ops6.js';
export { ALLOC6_MESSAGES } from './messages6.js';
export { lease6ExpireHook, lease6RecoverHook } from './reclaim6.js';
export { lease6DeclineHook, lease6ReleaseHook, type PacketHookOptions6 } from './release-decline6.js';
export type { GlobalStatName6, SubnetStatName6 } from './stats6.js';
export type {
  AllocResult6,
  ClientContext6,
  Hint6,
  Lease6ExpireArgs,
  Lease6ExtendArgs,
  Lease6PacketArgs,
  Lease6RecoverArgs,
  Lease6SelectArgs,
} from './types6.js';
