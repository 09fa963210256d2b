// What the tokens read from a packet, with Kea 2.2's answers: options as Kea's parser holds them
// (see kea-option.ts), option 82's sub-options, DHCPv6 relay layers by nest level, the
// vendor-specific (125/17) and vendor-class (124/16) options, and the length Kea computes.
import type { DefinitionLookup, OptionDefinition, Pkt4, Pkt6, RelayLayer } from '@kea-ts/dhcp';
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

const HELD_APART: ReadonlySet<string> = new Set(['uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32']);

/** What Kea's Option::getData() gives for an option it fuses. */
function fusedData(o: KeaOption, payload: Buffer): Buffer {
  const def = o.def;
  if (o.special || def === undefined) return o.special ? EMPTY : payload;
  if (def.type === 'string' && !def.array) return o.data;
  // Integers and arrays of integers or addresses live in their own fields, not in data.
  if (HELD_APART.has(def.type) || (def.array && /address$/.test(def.type))) return EMPTY;
  return payload;
}

const EMPTY = Buffer.alloc(0);

function within(part: Buffer, whole: Buffer | null): boolean {
  return (
    whole !== null &&
    part.buffer === whole.buffer &&
    part.byteOffset >= whole.byteOffset &&
    part.byteOffset + part.length <= whole.byteOffset + whole.length
  );
}

export class PacketAccess {
  constructor(
    readonly universe: 4 | 6,
    readonly defs: DefinitionLookup,
  ) {}

  /**
   * Options built per received packet, by code (null: absent). Many classes read the same
   * options; a packet whose options changed since parse is not cached.
   */
  private readonly cache = new WeakMap<Pkt4 | Pkt6, Map<number, KeaOption | null>>();

  /** Kea's pkt.getOption(code) after parsing; undefined when absent or skipped. */
  option(pkt: Pkt4 | Pkt6, code: number): KeaOption | undefined {
    if (this.universe === 4) {
      if (pkt.raw === null) return this.option4(pkt as Pkt4, code);
      let byCode = this.cache.get(pkt);
      if (!byCode) {
        byCode = new Map();
        this.cache.set(pkt, byCode);
      }
      let o = byCode.get(code);
      if (o === undefined) {
        o = this.option4(pkt as Pkt4, code) ?? null;
        byCode.set(code, o);
      }
      return o ?? undefined;
    }
    for (const payload of (pkt as Pkt6).getOptions(code)) {
      const o = makeOption(6, code, payload, this.defs.get('dhcp6', code), this.defs);
      if (o) return o;
    }
    return undefined;
  }

  private option4(pkt: Pkt4, code: number): KeaOption | undefined {
    const payload = pkt.getOption(code);
    if (payload === undefined) return undefined;
    // 43 and 224-254 are unpacked only after classification: they are still raw bytes.
    const def = code === 43 || code >= 224 ? undefined : this.defs.get('dhcp4', code);
    // A code that came once is a slice of the received bytes (Pkt4 concatenates only split
    // ones): only a payload outside them needs the instance list.
    if (within(payload, pkt.raw)) return this.instance4(code, payload, def);
    const parts = this.instances4(pkt).get(code);
    if (parts === undefined || parts.length <= 1) return this.instance4(code, payload, def);
    // RFC 3396: Kea parses each instance, then fuses the ones it kept into one plain option of
    // their data (the data its typed classes keep outside, such as integers, is lost).
    const kept = parts.map((p) => this.instance4(code, p, def)).filter((o) => o !== undefined);
    if (kept.length <= 1) return kept[0];
    const data = Buffer.concat(kept.map((o, i) => fusedData(o, parts[i]!)));
    const subs = kept.flatMap((o) => o.subs).sort((a, b) => a.code - b.code);
    return { universe: 4, code, data, subs, def: undefined };
  }

  /** The codes that arrived in more than one instance (RFC 3396), with their payloads; once a packet. */
  private readonly split = new WeakMap<Pkt4, Map<number, Buffer[]>>();

  private instances4(pkt: Pkt4): Map<number, Buffer[]> {
    let m = this.split.get(pkt);
    if (m === undefined || pkt.raw === null) {
      m = new Map();
      for (const inst of pkt.receivedInstances()) {
        const list = m.get(inst.code);
        if (list) list.push(inst.payload);
        else m.set(inst.code, [inst.payload]);
      }
      this.split.set(pkt, m);
    }
    return m;
  }

  private instance4(code: number, payload: Buffer, def: OptionDefinition | undefined): KeaOption | undefined {
    // An empty host name is dropped as a whole.
    if (code === 12 && payload.length === 0) return undefined;
    return makeOption(4, code, payload, def, this.defs);
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
