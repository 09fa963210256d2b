// The lookups the engine does per packet, built once at commit: subnet by id, subnets by interface and
// by relay address (Maps), the subnet holding an address (binary search over subnets sorted by their
// first address), and reservations by (subnet id, identifier type, identifier hex).
import type { Host4, IdentifierType, Subnet4 } from './types.js';

export function hostKey(subnetId: number, type: IdentifierType, identifierHex: string): string {
  return `${subnetId}/${type}/${identifierHex}`;
}

export class Subnet4Lookups {
  private readonly byId = new Map<number, Subnet4>();
  private readonly byInterface = new Map<string, Subnet4[]>();
  private readonly byRelay = new Map<number, Subnet4[]>();
  /** Sorted by first address, then by id. */
  private readonly byStart: Subnet4[];
  private readonly hosts = new Map<string, Host4>();
  private readonly hostsByAddress = new Map<string, Host4>();

  constructor(subnets: readonly Subnet4[], globalHosts: readonly Host4[]) {
    for (const s of subnets) {
      this.byId.set(s.id, s);
      if (s.interface !== undefined) push(this.byInterface, s.interface, s);
      for (const r of s.relayAddresses) push(this.byRelay, r, s);
      for (const h of s.reservations) this.addHost(h);
    }
    for (const h of globalHosts) this.addHost(h);
    this.byStart = [...subnets].sort((a, b) => a.first - b.first || a.id - b.id);
  }

  private addHost(h: Host4): void {
    this.hosts.set(hostKey(h.subnetId, h.identifierType, h.identifier.toString('hex')), h);
    if (h.ipAddress !== undefined) this.hostsByAddress.set(`${h.subnetId}/${h.ipAddress}`, h);
  }

  subnetById(id: number): Subnet4 | undefined {
    return this.byId.get(id);
  }

  subnetsByInterface(name: string): readonly Subnet4[] {
    return this.byInterface.get(name) ?? [];
  }

  subnetsByRelay(address: number): readonly Subnet4[] {
    return this.byRelay.get(address) ?? [];
  }

  /**
   * The subnet whose prefix holds `address`; with nested prefixes, the lowest id (Kea's order).
   * `accept` passes over subnets the packet may not use (client-class guards).
   */
  subnetForAddress(address: number, accept?: (s: Subnet4) => boolean): Subnet4 | undefined {
    const list = this.byStart;
    let lo = 0;
    let hi = list.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.first <= address) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    let best: Subnet4 | undefined;
    // Only nested prefixes make this walk longer than one step: distinct prefixes never partly overlap.
    for (let i = at; i >= 0; i--) {
      const s = list[i]!;
      if (s.last >= address && (best === undefined || s.id < best.id) && (!accept || accept(s))) best = s;
    }
    return best;
  }

  /** Whether any reservation exists: without one, the packet path skips making lookup keys. */
  get hasHosts(): boolean {
    return this.hosts.size > 0;
  }

  /** A reservation by identifier; subnetId 0 looks among the global ones. */
  host(subnetId: number, type: IdentifierType, identifierHex: string): Host4 | undefined {
    return this.hosts.get(hostKey(subnetId, type, identifierHex.toLowerCase()));
  }

  hostByAddress(subnetId: number, address: number): Host4 | undefined {
    if (this.hostsByAddress.size === 0) return undefined;
    return this.hostsByAddress.get(`${subnetId}/${address}`);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
