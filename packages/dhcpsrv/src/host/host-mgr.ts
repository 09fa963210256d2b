// Kea's HostMgr for the daemons: the configuration's reservations first, then each hosts database
// in the order configured. The per-packet path keeps reading the config's own indexes; only when a
// hosts database is configured does a packet first fetch the client's database hosts (one query a
// database and identifier), which the lookups then consult after the config's, and do the
// allocation steps ask the databases whether an address is reserved for somebody else.
import { getComponentLogger } from '@kea-ts/log';
import { formatIPv6 } from '@kea-ts/util';
import { hostKey } from '../cfg/lookups.js';
import type { Dhcp4Config, IdentifierType } from '../cfg/types.js';
import type { Dhcp6Config } from '../cfg/types6.js';
import type { DbLossHandler, DbReconnectParams } from '../lease/db-reconnect.js';
import { ConfigHostSource } from './config-host-source.js';
import { host4ToRecord, host6ToRecord, recordToHost4, recordToHost6 } from './host-convert.js';
import { accessText, HOST_MESSAGES as M } from './host-messages.js';
import type { HostDataSource, HostRecord } from './host-source.js';

const hostsLog = getComponentLogger('hosts');
const dhcpsrvLog = getComponentLogger('dhcpsrv');

/** The hosts the databases hold for one client, by (subnet id, identifier type, identifier). */
export class ClientDbHosts<H> {
  private readonly byKey = new Map<string, H>();

  /** The first source to answer a key wins (Kea's order of databases). */
  add(subnetId: number, type: IdentifierType, identifierHex: string, host: H): void {
    const k = hostKey(subnetId, type, identifierHex);
    if (!this.byKey.has(k)) this.byKey.set(k, host);
  }

  get(subnetId: number, type: IdentifierType, identifierHex: string): H | undefined {
    return this.byKey.get(hostKey(subnetId, type, identifierHex.toLowerCase()));
  }

  get size(): number {
    return this.byKey.size;
  }
}

/** A database entry of hosts-database(s) as the daemons pass it. */
export interface HostDbEntry {
  type: string;
  readonly?: boolean | undefined;
  [key: string]: unknown;
}

/** How a daemon opens each database type (the backends are packages dhcpsrv may not import). */
export type HostSourceOpeners = Record<
  string,
  (entry: Record<string, unknown>, readonly: boolean) => Promise<HostDataSource>
>;

/** The list of hosts-databases, or the one hosts-database, as Kea reads them (not both). */
export function hostDatabases(section: {
  'hosts-database'?: object | undefined;
  'hosts-databases'?: readonly object[] | undefined;
}): HostDbEntry[] {
  const list = section['hosts-databases'] ?? (section['hosts-database'] ? [section['hosts-database']] : []);
  return list as HostDbEntry[];
}

export class HostMgr {
  private constructor(
    readonly sources: readonly HostDataSource[],
    private readonly entries: readonly HostDbEntry[],
    private readonly universe: 4 | 6,
  ) {}

  /**
   * Each SQL source recovers a lost connection with its entry's max-reconnect-tries,
   * reconnect-wait-time and on-fail, telling `handler` (Kea's HostMgr backends share the
   * daemon's db-lost/recovered/failed callbacks with the lease database).
   */
  watchConnections(handler: DbLossHandler): void {
    this.sources.forEach((s, i) => {
      s.watchConnection?.(this.entries[i] as DbReconnectParams, handler, this.universe);
    });
  }

  /**
   * Opens every database in order, logging each as Kea does; null when none is configured (the
   * fast path stays as it is).
   */
  static async open(
    entries: readonly HostDbEntry[],
    openers: HostSourceOpeners,
    universe: 4 | 6 = 4,
  ): Promise<HostMgr | null> {
    if (entries.length === 0) return null;
    const opened: HostDataSource[] = [];
    try {
      for (const e of entries) {
        const open = openers[e.type];
        if (open === undefined) throw new Error(`hosts database type ${e.type} is not supported`);
        const kind = e.type === 'postgresql' ? 'PGSQL' : e.type === 'mysql' ? 'MYSQL' : null;
        if (kind !== null) hostsLog.info(M[`DHCPSRV_${kind}_HOST_DB`], accessText(e, universe));
        opened.push(await open(e, e.readonly === true));
        if (kind !== null && e.readonly === true) dhcpsrvLog.info(M[`DHCPSRV_${kind}_HOST_DB_READONLY`]);
      }
    } catch (err) {
      await Promise.allSettled(opened.map((s) => s.close()));
      throw err;
    }
    return new HostMgr(opened, entries, universe);
  }

  /** The client's v4 hosts in every database, for the identifiers given. */
  clientHosts4(config: Dhcp4Config, ids: readonly (readonly [IdentifierType, Buffer])[]) {
    return this.clientHosts(
      ids,
      (s, t, v) => s.getAll4(t, v),
      (r) => [r.ipv4SubnetId!, recordToHost4(r, config.registry)],
    );
  }

  clientHosts6(config: Dhcp6Config, ids: readonly (readonly [IdentifierType, Buffer])[]) {
    return this.clientHosts(
      ids,
      (s, t, v) => s.getAll6(t, v),
      (r) => [r.ipv6SubnetId!, recordToHost6(r, config.registry)],
    );
  }

  private async clientHosts<H>(
    ids: readonly (readonly [IdentifierType, Buffer])[],
    getAll: (s: HostDataSource, type: IdentifierType, id: Buffer) => Promise<HostRecord[]>,
    convert: (r: HostRecord) => [number, H],
  ): Promise<ClientDbHosts<H>> {
    const out = new ClientDbHosts<H>();
    const found = await Promise.all(
      this.sources.map((s) => Promise.all(ids.map(([t, v]) => getAll(s, t, v)))),
    );
    for (const perSource of found) {
      for (const list of perSource) {
        for (const r of list) {
          const [subnetId, host] = convert(r);
          out.add(subnetId, r.identifierType, r.identifier.toString('hex'), host);
        }
      }
    }
    return out;
  }

  /** The hosts of the first database reserving the v4 address in the subnet (Kea's getAll4(subnet, address)). */
  async byAddress4(subnetId: number, address: number): Promise<HostRecord[]> {
    for (const s of this.sources) {
      const found = await s.getAll4ByAddress(subnetId, address);
      if (found.length > 0) return found;
    }
    return [];
  }

  async byAddress6(subnetId: number, address: Uint8Array, prefixLen: number): Promise<HostRecord[]> {
    const text = formatIPv6(address);
    for (const s of this.sources) {
      const found = await s.getAll6ByAddress(subnetId, text, prefixLen);
      if (found.length > 0) return found;
    }
    return [];
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.sources.map((s) => s.close()));
  }
}

/** The configuration's v4 reservations as a host data source. */
export function configHostSource4(config: Dhcp4Config): ConfigHostSource {
  return new ConfigHostSource(
    [...config.globalReservations, ...config.subnets.flatMap((s) => s.reservations)].map(host4ToRecord),
  );
}

export function configHostSource6(config: Dhcp6Config): ConfigHostSource {
  return new ConfigHostSource(
    [...config.globalReservations, ...config.subnets.flatMap((s) => s.reservations)].map(host6ToRecord),
  );
}

/** What decides whether a new configuration may keep the open hosts databases. */
export function hostDbKey(section: Parameters<typeof hostDatabases>[0]): string {
  return JSON.stringify(hostDatabases(section));
}
