// Public entry of @kea-ts/kea-dhcp6: the DHCPv6 server (a daemon app with an in-process inject()).

export { type DisableOrigin, NetworkState } from '@kea-ts/dhcpsrv';
export * from './errors.js';
export { DBG, MSG as DHCP6_MESSAGES } from './messages.js';
export type { Ingress6, Services6 } from './pipeline/context.js';
export * from './pipeline/hook-points.js';
export type { Destination6 } from './pipeline/process.js';
export { Dhcp6Server, type Dhcp6ServerOptions, type Outgoing6 } from './server.js';
export { buildDuid, duidText, loadServerDuid, parseDuidText, SERVERID_FILE } from './server-id.js';
export { DHCP6_STARTUP_STATISTICS, PacketStats6 } from './stats6.js';
