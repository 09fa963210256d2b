// What the tokens read from a packet, with Kea 2.2's answers: options as Kea's parser holds them
// (see kea-option.ts), option 82's sub-options, DHCPv6 relay layers by nest level, the
// vendor-specific (125/17) and vendor-class (124/16) options, and the length Kea computes.
import type { DefinitionLookup, Pkt4, Pkt6, RelayLayer } from '@kea-ts/dhcp';
import { type KeaOption, makeOption, toBinary } from './kea-option.js';

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
    const o = this.option(pkt, this.universe === 4 ? 125 : 17);
    if (o?.special !== 'vendor') return undefined;
    return { enterprise: o.data.readUInt32BE(0), subs: o.subs };
  }

  /** Option 124 (v4) or 16 (v6) as Kea's OptionVendorClass; undefined when Kea cannot parse it. */
  vendorClass(pkt: Pkt4 | Pkt6): { enterprise: number; tuples: Buffer[] } | undefined {
    const o = this.option(pkt, this.universe === 4 ? 124 : 16);
    if (o?.special !== 'vendor-class') return undefined;
    return { enterprise: o.data.readUInt32BE(0), tuples: o.tuples! };
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
