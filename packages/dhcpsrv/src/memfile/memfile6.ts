// The DHCPv6 memfile lease manager: leases keyed by their 16 address bytes (as latin1 text) (Kea keys
// v6 leases by address alone), with a DUID index (which also answers DUID + IAID + type).
import { formatIPv6 } from '@kea-ts/util';
import type { Lease6, Lease6Type } from '../lease/lease.js';
import type { LeaseMgr6 } from '../lease/lease-mgr.js';
import {
  checkLease6,
  formatLease6Row,
  LEASE6_SCHEMA,
  LEASE6_SCHEMA_VERSION,
  parseLease6Row,
} from './csv-lease6.js';
import type { LeaseCodec } from './lease-file-loader.js';
import { MemfileBase } from './memfile-base.js';
import { type MemfileOptions, resolveMemfileOptions } from './memfile-options.js';
import { BytesIndex, bytesKey } from './multi-map.js';

export const LEASE6_CODEC: LeaseCodec<Lease6> = {
  family: 6,
  schema: LEASE6_SCHEMA,
  version: LEASE6_SCHEMA_VERSION,
  parse: parseLease6Row,
  format: formatLease6Row,
  check: checkLease6,
};

export class MemfileLeaseMgr6 extends MemfileBase<Lease6, string> implements LeaseMgr6 {
  readonly family = 6;
  private readonly byDuid = new BytesIndex<Lease6>((l) => l.duid);

  private constructor(options: MemfileOptions) {
    super(LEASE6_CODEC, resolveMemfileOptions(6, options));
  }

  /** As MemfileLeaseMgr4.open, for kea-leases6.csv. */
  static async open(options: MemfileOptions = {}): Promise<MemfileLeaseMgr6> {
    const mgr = new MemfileLeaseMgr6(options);
    mgr.load();
    return mgr;
  }

  protected storedCopy(l: Readonly<Lease6>): Lease6 {
    return {
      ...l,
      address: Buffer.from(l.address),
      duid: Buffer.from(l.duid),
      hwaddr: l.hwaddr === null ? null : Buffer.from(l.hwaddr),
    };
  }

  protected keyOf(lease: Readonly<Lease6>): string {
    return bytesKey(lease.address);
  }

  protected typeOf(lease: Readonly<Lease6>): number {
    return lease.type;
  }

  protected compare(a: Lease6, b: Lease6): number {
    return Buffer.compare(a.address, b.address);
  }

  protected describe(lease: Readonly<Lease6>): string {
    return formatIPv6(lease.address);
  }

  protected indexAdd(lease: Lease6): void {
    this.byDuid.add(lease.duid, lease);
  }

  protected indexRemove(lease: Lease6): void {
    this.byDuid.remove(lease.duid, lease);
  }

  async get(type: Lease6Type, address: Uint8Array): Promise<Readonly<Lease6> | null> {
    const l = this.leases.get(bytesKey(address));
    return l !== undefined && l.type === type ? l : null;
  }

  async getByDuidIaid(
    type: Lease6Type,
    duid: Uint8Array,
    iaid: number,
    subnetId?: number,
  ): Promise<readonly Readonly<Lease6>[]> {
    // A DUID holds a handful of leases: filtering them beats keeping a second index.
    return this.byDuid
      .get(duid)
      .filter(
        (l) => l.iaid === iaid && l.type === type && (subnetId === undefined || l.subnetId === subnetId),
      );
  }

  async getByDuid(duid: Uint8Array): Promise<readonly Readonly<Lease6>[]> {
    return this.byDuid.get(duid);
  }

  async getPage(from: Uint8Array | null, limit: number): Promise<readonly Readonly<Lease6>[]> {
    const all = this.sortedLeases();
    let lo = 0;
    if (from !== null) {
      let hi = all.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (Buffer.compare(all[mid]!.address, from) <= 0) lo = mid + 1;
        else hi = mid;
      }
    }
    return all.slice(lo, lo + limit);
  }
}
