// What one committed configuration runs with: the lease manager (memfile, PostgreSQL or MySQL), the
// allocation engine and the service sockets, opened so that a failure leaves the previous runtime
// serving. Parts that did not change (same lease-database, same interfaces-config) are carried over
// instead of reopened.
import { MysqlHostDataSource, MysqlLeaseMgr4, parseMysqlParams } from '@kea-ts/db-mysql';
import { PgsqlHostDataSource, PgsqlLeaseMgr4, parsePgsqlParams } from '@kea-ts/db-pgsql';
import {
  AllocEngine4,
  type Dhcp4Config,
  HostMgr,
  hostDatabases,
  type Lease4,
  type LeaseMgr4,
  MemfileLeaseMgr4,
  memfileOptionsOf,
} from '@kea-ts/dhcpsrv';
import { Dhcp4Sockets, type NetInterface, type Packet4Handler, parseInterfacesConfig } from '@kea-ts/net';
import type { StatsMgr } from '@kea-ts/stats';
import type { Allocator4 } from './alloc-contract.js';

export interface EngineOptions {
  leaseMgr: LeaseMgr4;
  config: Dhcp4Config;
  stats: StatsMgr;
  loggerName: string;
  hostMgr: HostMgr | null;
  ddnsRemove: ((lease: Readonly<Lease4>) => void) | null;
}
export type EngineFactory = (o: EngineOptions) => Allocator4;

export function defaultEngineFactory(o: EngineOptions): Allocator4 {
  return new AllocEngine4(o);
}

export function leaseDbKey(config: Dhcp4Config): string {
  return JSON.stringify(config.section['lease-database'] ?? { type: 'memfile' });
}

export function interfacesKey(config: Dhcp4Config): string {
  return JSON.stringify(config.section['interfaces-config'] ?? {});
}

export async function openLeaseMgr(config: Dhcp4Config): Promise<LeaseMgr4> {
  const db = config.section['lease-database'] ?? { type: 'memfile' as const };
  // The SQL managers read their own keys (name, host, port, user, password, connect-timeout, TLS).
  if (db.type === 'postgresql') return PgsqlLeaseMgr4.open(parsePgsqlParams(db));
  if (db.type === 'mysql') return MysqlLeaseMgr4.open(parseMysqlParams(db));
  return MemfileLeaseMgr4.open(memfileOptionsOf(db));
}

/** hosts-database(s) in order, or null when none is configured. */
export function openHostMgr(section: Dhcp4Config['section']): Promise<HostMgr | null> {
  return HostMgr.open(
    hostDatabases(section),
    {
      postgresql: (e, readonly) => PgsqlHostDataSource.open(parsePgsqlParams(e), readonly),
      mysql: (e, readonly) => MysqlHostDataSource.open(parseMysqlParams(e), readonly),
    },
    4,
  );
}

export interface SocketOptions {
  port: number;
  clientPort: number;
  onPacket: Packet4Handler;
  detect?: () => NetInterface[];
}

export function openSockets(config: Dhcp4Config, o: SocketOptions): Dhcp4Sockets {
  return Dhcp4Sockets.open({
    config: parseInterfacesConfig(4, config.section['interfaces-config']),
    port: o.port,
    clientPort: o.clientPort,
    onPacket: o.onPacket,
    ...(o.detect ? { detect: o.detect } : {}),
  });
}

/** Option 54 values configured anywhere a server identifier can be set without knowing the client. */
export function configuredServerIds(config: Dhcp4Config): Set<number> {
  const ids = new Set<number>();
  const add = (options: readonly { code: number; space: string; payload: Buffer }[]) => {
    for (const o of options) {
      if (o.code === 54 && o.space === 'dhcp4' && o.payload.length === 4) ids.add(o.payload.readUInt32BE(0));
    }
  };
  add(config.options);
  for (const s of config.subnets) add(s.options);
  for (const n of config.sharedNetworks) add(n.options);
  return ids;
}

/** Addresses of the interfaces we have sockets on (Kea's hasOpenSocket). */
export function ownAddresses(sockets: Dhcp4Sockets | null): Set<number> {
  const out = new Set<number>();
  for (const i of sockets?.interfaces ?? []) for (const a of i.iface.ipv4) out.add(a.address);
  return out;
}
