// The configuration's reservations as a host data source (Kea's CfgHosts): records in memory,
// answered with the same shapes as the SQL sources (a v4 lookup carries the v4 data only, a v6
// one the v6 data, in insertion order), so one conformance suite holds all three to the same
// answers. The per-packet path does not go through here: it reads the config's own indexes.
import { KeaError } from '@kea-ts/util';
import type { IdentifierType } from '../cfg/types.js';
import { KEA_ERR_DHCPSRV_DUPLICATE_HOST } from '../errors.js';
import type { HostDataSource, HostRecord } from './host-source.js';

function clone(h: HostRecord, family: 4 | 6 | 0): HostRecord {
  const c = structuredClone(h);
  c.identifier = Buffer.from(h.identifier);
  for (const [i, o] of h.options4.entries()) c.options4[i]!.value = o.value && Buffer.from(o.value);
  for (const [i, o] of h.options6.entries()) c.options6[i]!.value = o.value && Buffer.from(o.value);
  if (family === 4) {
    c.options6 = [];
    c.reservations6 = [];
  } else if (family === 6) c.options4 = [];
  return c;
}

export class ConfigHostSource implements HostDataSource {
  readonly type = 'config';
  readonly readonly = false;
  private readonly hosts: HostRecord[] = [];

  constructor(records: readonly HostRecord[] = []) {
    for (const r of records) this.hosts.push(clone(r, 0));
  }

  private find(family: 4 | 6 | 0, pick: (h: HostRecord) => boolean): Promise<HostRecord[]> {
    return Promise.resolve(this.hosts.filter(pick).map((h) => clone(h, family)));
  }

  private static sameId(h: HostRecord, type: IdentifierType, id: Buffer): boolean {
    return h.identifierType === type && h.identifier.equals(id);
  }

  async get4(subnetId: number, type: IdentifierType, id: Buffer): Promise<HostRecord | null> {
    return (
      (await this.find(4, (h) => h.ipv4SubnetId === subnetId && ConfigHostSource.sameId(h, type, id)))[0] ??
      null
    );
  }

  async get6(subnetId: number, type: IdentifierType, id: Buffer): Promise<HostRecord | null> {
    return (
      (await this.find(6, (h) => h.ipv6SubnetId === subnetId && ConfigHostSource.sameId(h, type, id)))[0] ??
      null
    );
  }

  getAll4ByAddress(subnetId: number, address: number): Promise<HostRecord[]> {
    return this.find(4, (h) => h.ipv4SubnetId === subnetId && h.ipv4Address === address && address !== 0);
  }

  getAll6ByAddress(subnetId: number, address: string, prefixLen: number): Promise<HostRecord[]> {
    return this.find(
      6,
      (h) =>
        h.ipv6SubnetId === subnetId &&
        h.reservations6.some((r) => r.address === address && r.prefixLen === prefixLen),
    );
  }

  getAll4(type: IdentifierType, id: Buffer): Promise<HostRecord[]> {
    return this.find(4, (h) => h.ipv4SubnetId !== null && ConfigHostSource.sameId(h, type, id));
  }

  getAll6(type: IdentifierType, id: Buffer): Promise<HostRecord[]> {
    return this.find(6, (h) => h.ipv6SubnetId !== null && ConfigHostSource.sameId(h, type, id));
  }

  getAllByHostname(hostname: string): Promise<HostRecord[]> {
    const want = hostname.toLowerCase();
    return this.find(0, (h) => h.hostname !== '' && h.hostname.toLowerCase() === want);
  }

  async add(host: HostRecord): Promise<void> {
    const clash = this.hosts.some(
      (h) =>
        ConfigHostSource.sameId(h, host.identifierType, host.identifier) &&
        ((host.ipv4SubnetId !== null && h.ipv4SubnetId === host.ipv4SubnetId) ||
          (host.ipv6SubnetId !== null && h.ipv6SubnetId === host.ipv6SubnetId)),
    );
    if (clash) {
      throw new KeaError(
        KEA_ERR_DHCPSRV_DUPLICATE_HOST,
        `a host with ${host.identifierType} ${host.identifier.toString('hex')} is already in that subnet`,
      );
    }
    this.hosts.push(clone(host, 0));
  }

  async del(family: 4 | 6, subnetId: number, type: IdentifierType, id: Buffer): Promise<boolean> {
    const before = this.hosts.length;
    for (let i = this.hosts.length - 1; i >= 0; i--) {
      const h = this.hosts[i]!;
      const sid = family === 4 ? h.ipv4SubnetId : h.ipv6SubnetId;
      if (sid === subnetId && ConfigHostSource.sameId(h, type, id)) this.hosts.splice(i, 1);
    }
    return this.hosts.length < before;
  }

  async close(): Promise<void> {}
}
