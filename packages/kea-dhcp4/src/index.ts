// Public entry of @kea-ts/kea-dhcp4: the DHCPv4 server (a daemon app with an in-process inject()).

export { type DisableOrigin, NetworkState } from '@kea-ts/dhcpsrv';
export type { Allocator4, AllocResult4, ClientContext4 } from './alloc-contract.js';
export { ClientLock, clientKey } from './client-lock.js';
export * from './errors.js';
export { packetLabel } from './label.js';
export { DBG, MSG as DHCP4_MESSAGES } from './messages.js';
export type { Destination4, Ingress4, Services4 } from './pipeline/context.js';
export type { EngineFactory, EngineOptions } from './runtime.js';
export { Dhcp4Server, type Dhcp4ServerOptions, type Outgoing4 } from './server.js';
export { DHCP4_STARTUP_STATISTICS, PacketStats } from './stats4.js';
