// The lookups the v6 engine does per packet, built once at commit: subnet by id, subnets by interface,
// by interface-id and by relay link address (Maps keyed by name / hex), the subnet holding an address
// (binary search over subnets sorted by their first address), and reservations by (subnet id,
// identifier type, identifier hex) and by reserved address or prefix.
import type { Host6, IdentifierType6, Subnet6 } from './types6.js';

export function hostKey6(subnetId: number, type: IdentifierType6, identifierHex: string): string {
  return `${subnetId}/${type}/${identifierHex}`;
}

export class Subnet6Lookups {
  private readonly byId = new Map<number, Subnet6>();
  private readonly byInterface = new Map<string, Subnet6[]>();
  private readonly byInterfaceId = new Map<string, Subnet6[]>();
  private readonly byRelay = new Map<string, Subnet6[]>();
  /** Sorted by first address, then widest first, so a subnet comes after every prefix holding it. */
  private readonly byStart: Subnet6[];
  /** For each entry of byStart, the index of the nearest entry holding it (-1 when none). */
  private readonly enclosing: number[];
  private readonly hosts = new Map<string, Host6>();
  private readonly hostsByAddress = new Map<string, Host6>();
  private readonly hostsByPrefix = new Map<string, Host6>();

  constructor(subnets: readonly Subnet6[], globalHosts: readonly Host6[]) {
    for (const s of subnets) {
      this.byId.set(s.id, s);
      if (s.interface !== undefined) push(this.byInterface, s.interface, s);
      if (s.interfaceId !== undefined) push(this.byInterfaceId, s.interfaceId.toString('hex'), s);
      for (const r of s.relayAddresses) push(this.byRelay, r.toString('hex'), s);
      for (const h of s.reservations) this.addHost(h);
    }
    for (const h of globalHosts) this.addHost(h);
    this.byStart = [...subnets].sort(
      (a, b) => Buffer.compare(a.first, b.first) || a.prefixLength - b.prefixLength || a.id - b.id,
    );
    // Prefixes are either nested or disjoint: a stack walk gives each its nearest enclosing prefix.
    this.enclosing = [];
    const stack: number[] = [];
    this.byStart.forEach((s, i) => {
      while (stack.length > 0 && Buffer.compare(this.byStart[stack.at(-1)!]!.last, s.first) < 0) stack.pop();
      this.enclosing.push(stack.at(-1) ?? -1);
      stack.push(i);
    });
  }

  private addHost(h: Host6): void {
    this.hosts.set(hostKey6(h.subnetId, h.identifierType, h.identifier.toString('hex')), h);
    for (const a of h.ipAddresses) this.hostsByAddress.set(`${h.subnetId}/${a.toString('hex')}`, h);
    for (const p of h.prefixes)
      this.hostsByPrefix.set(`${h.subnetId}/${p.address.toString('hex')}/${p.length}`, h);
  }

  subnetById(id: number): Subnet6 | undefined {
    return this.byId.get(id);
  }

  subnetsByInterface(name: string): readonly Subnet6[] {
    return this.byInterface.get(name) ?? [];
  }

  /** Subnets whose interface-id (theirs or their shared network's) equals the relay's option 18. */
  subnetsByInterfaceId(interfaceId: Uint8Array): readonly Subnet6[] {
    return this.byInterfaceId.get(Buffer.from(interfaceId).toString('hex')) ?? [];
  }

  subnetsByRelay(linkAddress: Uint8Array): readonly Subnet6[] {
    return this.byRelay.get(Buffer.from(linkAddress).toString('hex')) ?? [];
  }

  /** The subnet whose prefix holds `address`; with nested prefixes, the lowest id (Kea's order). */
  subnetForAddress(address: Uint8Array, accept?: (s: Subnet6) => boolean): Subnet6 | undefined {
    const list = this.byStart;
    let lo = 0;
    let hi = list.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (Buffer.compare(list[mid]!.first, address) <= 0) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    let best: Subnet6 | undefined;
    // Every prefix holding the address encloses the last one starting at or before it: the walk is as
    // long as the nesting is deep, not as the subnet list.
    for (let i = at; i >= 0; i = this.enclosing[i]!) {
      const s = list[i]!;
      if (
        Buffer.compare(s.last, address) >= 0 &&
        (best === undefined || s.id < best.id) &&
        (!accept || accept(s))
      )
        best = s;
    }
    return best;
  }

  /** Whether any reservation exists: without one, the packet path skips making lookup keys. */
  get hasHosts(): boolean {
    return this.hosts.size > 0;
  }

  /** A reservation by identifier; subnetId 0 looks among the global ones. */
  host(subnetId: number, type: IdentifierType6, identifierHex: string): Host6 | undefined {
    return this.hosts.get(hostKey6(subnetId, type, identifierHex.toLowerCase()));
  }

  hostByAddress(subnetId: number, address: Uint8Array): Host6 | undefined {
    if (this.hostsByAddress.size === 0) return undefined;
    return this.hostsByAddress.get(`${subnetId}/${Buffer.from(address).toString('hex')}`);
  }

  hostByPrefix(subnetId: number, prefix: Uint8Array, length: number): Host6 | undefined {
    if (this.hostsByPrefix.size === 0) return undefined;
    return this.hostsByPrefix.get(`${subnetId}/${Buffer.from(prefix).toString('hex')}/${length}`);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
