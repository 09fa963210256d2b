// The DHCPv4 memfile lease manager: leases keyed by address number, with hardware address and
// client identifier indexes keyed by their bytes as latin1 text.
import { formatIPv4 } from '@kea-ts/util';
import type { Lease4 } from '../lease/lease.js';
import type { LeaseMgr4 } from '../lease/lease-mgr.js';
import {
  checkLease4,
  formatLease4Row,
  LEASE4_SCHEMA,
  LEASE4_SCHEMA_VERSION,
  parseLease4Row,
} from './csv-lease4.js';
import type { LeaseCodec } from './lease-file-loader.js';
import { MemfileBase } from './memfile-base.js';
import { type MemfileOptions, resolveMemfileOptions } from './memfile-options.js';
import { BytesIndex } from './multi-map.js';

export const LEASE4_CODEC: LeaseCodec<Lease4> = {
  family: 4,
  schema: LEASE4_SCHEMA,
  version: LEASE4_SCHEMA_VERSION,
  parse: parseLease4Row,
  format: formatLease4Row,
  check: checkLease4,
};

function bySubnet(list: Lease4[], subnetId: number | undefined): Lease4[] {
  return subnetId === undefined ? list : list.filter((l) => l.subnetId === subnetId);
}

export class MemfileLeaseMgr4 extends MemfileBase<Lease4, number> implements LeaseMgr4 {
  readonly family = 4;
  private readonly byHwAddr = new BytesIndex<Lease4>((l) => l.hwaddr);
  private readonly byClientId = new BytesIndex<Lease4>((l) => l.clientId);

  private constructor(options: MemfileOptions) {
    super(LEASE4_CODEC, resolveMemfileOptions(4, options));
  }

  /**
   * Loads the lease files (Kea's order: .completed, else .2 then .1, then the current file),
   * opens the current file for appending and starts the LFC timer.
   */
  static async open(options: MemfileOptions = {}): Promise<MemfileLeaseMgr4> {
    const mgr = new MemfileLeaseMgr4(options);
    mgr.load();
    return mgr;
  }

  protected storedCopy(l: Readonly<Lease4>): Lease4 {
    return {
      ...l,
      hwaddr: l.hwaddr === null ? null : Buffer.from(l.hwaddr),
      clientId: l.clientId === null ? null : Buffer.from(l.clientId),
    };
  }

  protected keyOf(lease: Readonly<Lease4>): number {
    return lease.address;
  }

  protected typeOf(): number {
    return 0;
  }

  protected compare(a: Lease4, b: Lease4): number {
    return a.address - b.address;
  }

  protected describe(lease: Readonly<Lease4>): string {
    return formatIPv4(lease.address);
  }

  protected indexAdd(lease: Lease4): void {
    if (lease.hwaddr !== null && lease.hwaddr.length > 0) this.byHwAddr.add(lease.hwaddr, lease);
    if (lease.clientId !== null) this.byClientId.add(lease.clientId, lease);
  }

  protected indexRemove(lease: Lease4): void {
    if (lease.hwaddr !== null && lease.hwaddr.length > 0) this.byHwAddr.remove(lease.hwaddr, lease);
    if (lease.clientId !== null) this.byClientId.remove(lease.clientId, lease);
  }

  async get(address: number): Promise<Readonly<Lease4> | null> {
    return this.leases.get(address) ?? null;
  }

  async getByHwAddr(hwaddr: Uint8Array, subnetId?: number): Promise<readonly Readonly<Lease4>[]> {
    return bySubnet(this.byHwAddr.get(hwaddr), subnetId);
  }

  async getByClientId(clientId: Uint8Array, subnetId?: number): Promise<readonly Readonly<Lease4>[]> {
    return bySubnet(this.byClientId.get(clientId), subnetId);
  }

  async getPage(from: number | null, limit: number): Promise<readonly Readonly<Lease4>[]> {
    const all = this.sortedLeases();
    let lo = 0;
    if (from !== null) {
      let hi = all.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (all[mid]!.address <= from) lo = mid + 1;
        else hi = mid;
      }
    }
    return all.slice(lo, lo + limit);
  }
}
