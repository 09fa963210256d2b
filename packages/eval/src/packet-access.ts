// What the tokens read from a packet, with Kea 2.2's answers: options as Kea's parser holds them
// (see kea-option.ts), option 82's sub-options, DHCPv6 relay layers by nest level, the
// vendor-specific (125/17) and vendor-class (124/16) options, and the length Kea computes.
import type { DefinitionLookup, Pkt4, Pkt6, RelayLayer } from '@kea-ts/dhcp';
import { type KeaOption, makeOption, parseSubOptions, toBinary } from './kea-option.js';

/** The packet and what the receiving socket knew about it. */
export interface EvalPacket {
  pkt: Pkt4 | Pkt6;
  /** Receiving interface name (pkt.iface); '' when unknown. */
  iface?: string;
  /** Source address (pkt.src), 4 or 16 bytes; the universe's any-address when unknown. */
  remoteAddr?: Buffer;
  /** Destination address (pkt.dst), 4 or 16 bytes. */
  localAddr?: Buffer;
}

export class PacketAccess {
  constructor(
    readonly universe: 4 | 6,
    readonly defs: DefinitionLookup,
  ) {}

  /** Kea's pkt.getOption(code) after parsing; undefined when absent or skipped. */
  option(pkt: Pkt4 | Pkt6, code: number): KeaOption | undefined {
    if (this.universe === 4) {
      const payload = (pkt as Pkt4).getOption(code);
      if (payload === undefined) return undefined;
      // Empty host names are dropped; 43 and 224-254 are unpacked only after classification.
      if (code === 12 && payload.length === 0) return undefined;
      if (code === 43 || code >= 224) return makeOption(4, code, payload, undefined, this.defs);
      return makeOption(4, code, payload, this.defs.get('dhcp4', code), this.defs);
    }
    for (const payload of (pkt as Pkt6).getOptions(code)) {
      const o = makeOption(6, code, payload, this.defs.get('dhcp6', code), this.defs);
      if (o) return o;
    }
    return undefined;
  }

  /** The relay layer at a nest level (negative counts from the innermost); undefined outside. */
  relay(pkt: Pkt6, nest: number): RelayLayer | undefined {
    const level = nest >= 0 ? nest : pkt.relays.length + nest;
    return level >= 0 ? pkt.relays[level] : undefined;
  }

  relayOption(pkt: Pkt6, nest: number, code: number): KeaOption | undefined {
    const layer = this.relay(pkt, nest);
    if (!layer) return undefined;
    for (const o of layer.options) {
      if (o.code !== code) continue;
      const k = makeOption(6, code, o.payload, this.defs.get('dhcp6', code), this.defs);
      if (k) return k;
    }
    return undefined;
  }

  /** Option 125 (v4) or 17 (v6) as Kea's OptionVendor: the enterprise and its sub-options. */
  vendor(pkt: Pkt4 | Pkt6): { enterprise: number; subs: KeaOption[] } | undefined {
    const p = this.universe === 4 ? (pkt as Pkt4).getOption(125) : (pkt as Pkt6).getOption(17);
    if (p === undefined || p.length < 4) return undefined;
    const enterprise = p.readUInt32BE(0);
    const space = `vendor-${enterprise}`;
    if (this.universe === 6) return { enterprise, subs: parseSubOptions(6, p.subarray(4), space, this.defs) };
    // DHCPv4: only the first enterprise's block is read, as Kea 2.2 does.
    if (p.length < 5) return { enterprise, subs: [] };
    const end = 5 + p[4]!;
    if (end > p.length) return undefined;
    return { enterprise, subs: parseSubOptions(4, p.subarray(5, end), space, this.defs) };
  }

  /** Option 124 (v4) or 16 (v6) as Kea's OptionVendorClass; undefined when Kea cannot parse it. */
  vendorClass(pkt: Pkt4 | Pkt6): { enterprise: number; tuples: Buffer[] } | undefined {
    const v4 = this.universe === 4;
    const p = v4 ? (pkt as Pkt4).getOption(124) : (pkt as Pkt6).getOption(16);
    if (p === undefined || p.length < (v4 ? 5 : 4)) return undefined;
    const enterprise = p.readUInt32BE(0);
    const tuples: Buffer[] = [];
    let at = 4;
    while (at < p.length) {
      const lenSize = v4 ? 1 : 2;
      if (at + lenSize > p.length) return undefined;
      const n = v4 ? p[at]! : p.readUInt16BE(at);
      if (at + lenSize + n > p.length) return undefined;
      tuples.push(p.subarray(at + lenSize, at + lenSize + n));
      at += lenSize + n;
      // In DHCPv4 every further tuple follows its own enterprise number.
      if (v4 && at !== p.length) {
        at += 4;
        if (at + 1 >= p.length) return undefined;
      }
    }
    return { enterprise, tuples };
  }

  /** Kea's Pkt::len(): the packet's size as Kea would pack its parsed options again. */
  length(pkt: Pkt4 | Pkt6): number {
    if (this.universe === 4) {
      let n = 236;
      for (const [code] of (pkt as Pkt4).options()) {
        const o = this.option(pkt, code);
        if (o) n += 2 + toBinary(o).length;
      }
      return n;
    }
    const p6 = pkt as Pkt6;
    let n = 4;
    for (const inst of p6.options()) {
      const o = makeOption(6, inst.code, inst.payload, this.defs.get('dhcp6', inst.code), this.defs);
      if (o) n += 4 + toBinary(o).length;
    }
    for (const layer of p6.relays) {
      n += 38;
      for (const inst of layer.options) {
        const o = makeOption(6, inst.code, inst.payload, this.defs.get('dhcp6', inst.code), this.defs);
        if (o) n += 4 + toBinary(o).length;
      }
    }
    return n;
  }
}
