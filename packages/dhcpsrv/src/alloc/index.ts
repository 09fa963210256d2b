// The v4 allocation engine's public surface, re-exported by the package entry point.

export { AllocEngine4, type AllocEngine4Options } from './alloc-engine4.js';
export { ALLOC_MESSAGES } from './alloc-messages.js';
export { type GlobalStatName, type SubnetStatName, subnetStatName } from './alloc-stats.js';
export { belongsToClient, lease4RenewHook, lease4SelectHook, validLifetime } from './lease-ops.js';
export { lease4ExpireHook, lease4RecoverHook } from './reclaim.js';
export { lease4DeclineHook, lease4ReleaseHook, type PacketHookOptions } from './release-decline.js';
export {
  type AllocResult4,
  type ClientContext4,
  INFINITY_LFT,
  type Lease4ExpireArgs,
  type Lease4PacketArgs,
  type Lease4RecoverArgs,
  type Lease4RenewArgs,
  type Lease4SelectArgs,
} from './types.js';
