// Options as Kea 2.2 holds them after parsing a packet, for the .hex/.text/.exists tokens: the
// definition picks the class Kea builds (string, integer, integer array, address list, custom
// record or generic), .hex is that object packed again (sub-options after the fields, ordered by
// code as Kea's multimap keeps them), .text is its toString(): the value for string options and
// Kea's toText(0) ("type=060, len=009: ...") for everything else.
import type { DefinitionLookup, OptionDataType, OptionDefinition } from '@kea-ts/dhcp';
import { formatIPv4, formatIPv6 } from '@kea-ts/util';
import {
  fqdnOption,
  fqdnText,
  iaText,
  statusText,
  vendorClassOption,
  vendorClassText,
  vendorOption,
} from './special-options.js';

export interface KeaOption {
  universe: 4 | 6;
  code: number;
  /** The option's own fields (without sub-options). */
  data: Buffer;
  /** Sub-options ordered by code (stable), when the definition encapsulates a space. */
  subs: KeaOption[];
  def: OptionDefinition | undefined;
  /** Kea's own classes for the vendor, vendor class and client FQDN options, which print differently. */
  special?: 'vendor' | 'vendor-class' | 'fqdn';
  /** The opaque data tuples of a vendor class option. */
  tuples?: Buffer[];
  /** The domain name of a client FQDN option, lower case, and whether it is fully qualified. */
  fqdn?: { name: string; full: boolean };
}

/** Fields before the sub-options of the DHCPv6 options Kea builds with their own classes. */
const V6_CONTAINERS: ReadonlyMap<number, number> = new Map([
  [3, 12],
  [4, 4],
  [5, 24],
  [25, 12],
  [26, 25],
]);

const FIXED: Partial<Record<OptionDataType, number>> = {
  uint8: 1,
  int8: 1,
  boolean: 1,
  uint16: 2,
  int16: 2,
  uint32: 4,
  int32: 4,
  'ipv4-address': 4,
  'ipv6-address': 16,
};
const INT_TYPES: ReadonlySet<string> = new Set(['uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32']);

/** Builds the option Kea would hold for `payload`; undefined when Kea skips it (empty strings). */
export function makeOption(
  universe: 4 | 6,
  code: number,
  payload: Buffer,
  def: OptionDefinition | undefined,
  defs: DefinitionLookup,
): KeaOption | undefined {
  if (def?.type === 'string' && !def.array) {
    // OptionString trims trailing NULs and skips an option left empty.
    let end = payload.length;
    while (end > 0 && payload[end - 1] === 0) end--;
    if (end === 0) return undefined;
    return { universe, code, data: payload.subarray(0, end), subs: [], def };
  }
  if (def?.space === (universe === 4 ? 'dhcp4' : 'dhcp6')) {
    if (code === (universe === 4 ? 125 : 17)) return vendorOption(universe, code, payload, def, defs);
    if (code === (universe === 4 ? 124 : 16)) return vendorClassOption(universe, code, payload, def);
    if (code === (universe === 4 ? 81 : 39)) return fqdnOption(universe, code, payload, def);
    const fields = universe === 6 ? V6_CONTAINERS.get(code) : undefined;
    if (fields !== undefined && payload.length >= fields) {
      const subs = parseSubOptions(6, payload.subarray(fields), 'dhcp6', defs);
      return { universe, code, data: payload.subarray(0, fields), subs, def };
    }
  }
  if (def?.encapsulate) {
    const own = fieldsLength(def, payload.length);
    if (own !== undefined && own <= payload.length) {
      const subs = parseSubOptions(universe, payload.subarray(own), def.encapsulate, defs);
      return { universe, code, data: payload.subarray(0, own), subs, def };
    }
  }
  return { universe, code, data: payload, subs: [], def };
}

/** Length of the fields before the sub-options; undefined when they are not of fixed size. */
function fieldsLength(def: OptionDefinition, total: number): number | undefined {
  if (def.type === 'empty') return 0;
  if (def.type === 'binary' && def.recordTypes.length === 0) return total;
  const types = def.type === 'record' ? def.recordTypes : [def.type];
  let n = 0;
  for (const t of types) {
    const size = FIXED[t];
    if (size === undefined) return undefined;
    n += size;
  }
  return def.array ? undefined : n;
}

/** Sub-options in a space: Kea's unpack keeps what parses and stops at a truncated one. */
export function parseSubOptions(
  universe: 4 | 6,
  buf: Buffer,
  space: string,
  defs: DefinitionLookup,
): KeaOption[] {
  const out: KeaOption[] = [];
  const hl = universe === 4 ? 2 : 4;
  let at = 0;
  while (at + hl <= buf.length) {
    const code = universe === 4 ? buf[at]! : buf.readUInt16BE(at);
    const len = universe === 4 ? buf[at + 1]! : buf.readUInt16BE(at + 2);
    if (at + hl + len > buf.length) break;
    const payload = buf.subarray(at + hl, at + hl + len);
    const o = makeOption(universe, code, payload, defs.get(space, code), defs);
    if (o) out.push(o);
    at += hl + len;
  }
  // Array.prototype.sort is stable: equal codes keep their order, as in a multimap.
  return out.sort((a, b) => a.code - b.code);
}

export function findSub(o: KeaOption, code: number): KeaOption | undefined {
  for (const s of o.subs) if (s.code === code) return s;
  return undefined;
}

/** Kea's toBinary(): the fields, then each sub-option with its header. */
export function toBinary(o: KeaOption): Buffer {
  if (o.subs.length === 0) return o.data;
  return Buffer.concat([o.data, ...o.subs.map(withHeader)]);
}

function withHeader(o: KeaOption): Buffer {
  const body = toBinary(o);
  const h = Buffer.alloc(o.universe === 4 ? 2 : 4);
  if (o.universe === 4) {
    h[0] = o.code;
    h[1] = body.length & 0xff;
  } else {
    h.writeUInt16BE(o.code, 0);
    h.writeUInt16BE(body.length, 2);
  }
  return Buffer.concat([h, body]);
}

/** Kea's toString(): string options give their value, the others toText(0). */
export function toKeaString(o: KeaOption): Buffer {
  if (o.def?.type === 'string' && !o.def.array) return o.data;
  return Buffer.from(toText(o, 0), 'latin1');
}

export function header(o: KeaOption, indent: number): string {
  const w = o.universe === 4 ? 3 : 5;
  const len = toBinary(o).length;
  return `${' '.repeat(indent)}type=${String(o.code).padStart(w, '0')}, len=${String(len).padStart(w, '0')}`;
}

export function subsText(o: KeaOption, indent: number): string {
  if (o.subs.length === 0) return '';
  return `,\noptions:${o.subs.map((s) => `\n${toText(s, indent)}`).join('')}`;
}

function hexColons(b: Buffer): string {
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join(':');
}

/** The text Kea's option classes print, chosen as OptionDefinition::optionFactory would. */
function toText(o: KeaOption, indent: number): string {
  const def = o.def;
  const h = header(o, indent);
  if (o.special === 'vendor') {
    const id = o.data.readUInt32BE(0);
    const v4 = o.universe === 4 ? ` ${o.data[4]} (uint8)` : '';
    return `${h}: ${id} (uint32)${v4}${subsText(o, indent + 2)}`;
  }
  if (o.special === 'vendor-class') return vendorClassText(o, indent);
  if (o.special === 'fqdn') return fqdnText(o, indent);
  if (o.universe === 6 && o.code === 13 && def?.space === 'dhcp6' && o.data.length >= 2)
    return statusText(o, indent);
  const ia = o.universe === 6 && def?.space === 'dhcp6' ? iaText(o, indent) : undefined;
  if (ia !== undefined) return ia;
  const generic = `${h}: ${hexColons(o.data)}${subsText(o, indent + 2)}`;
  if (def === undefined || def.type === 'binary' || (def.type === 'empty' && !def.encapsulate))
    return generic;
  if (def.type === 'string' && !def.array) return `${h}: "${o.data.toString('latin1')}" (string)`;
  const size = FIXED[def.type];
  if (INT_TYPES.has(def.type) && size !== undefined) {
    if (!def.array) {
      if (o.data.length !== size) return generic;
      return `${h}: ${readField(def.type, o.data, 0)} (${def.type})${subsText(o, indent + 2)}`;
    }
    if (o.data.length % size) return generic;
    // Kea's factory builds int16/int32 arrays as uint16/uint32 ones.
    const t = def.type === 'int16' ? 'uint16' : def.type === 'int32' ? 'uint32' : def.type;
    let s = `${h}:`;
    for (let i = 0; i < o.data.length; i += size) s += ` ${readField(t, o.data, i)}(${t})`;
    return s;
  }
  if ((def.type === 'ipv4-address' || def.type === 'ipv6-address') && def.array) {
    const n = FIXED[def.type]!;
    if (o.data.length % n) return generic;
    let s = `${h}:`;
    for (let i = 0; i < o.data.length; i += n) s += ` ${readField(def.type, o.data, i)}`;
    return s;
  }
  // OptionCustom: " value (type)" per field; an array of names repeats its one field.
  const types = def.type === 'record' ? def.recordTypes : def.type === 'empty' ? [] : [def.type];
  if (def.array && !(def.type === 'fqdn' && def.recordTypes.length === 0)) return generic;
  let s = `${h}:`;
  let at = 0;
  for (let i = 0; i < types.length || (def.array && at < o.data.length); i++) {
    const t = types[Math.min(i, types.length - 1)]!;
    if (t === 'fqdn') {
      const name = readName(o.data, at);
      if (name === undefined) return generic;
      s += ` "${name.text}" (fqdn)`;
      at = name.next;
      continue;
    }
    // A binary or string field takes the rest when it is the last one.
    const rest = i === types.length - 1 && (t === 'binary' || t === 'string');
    const n = rest ? o.data.length - at : FIXED[t];
    if (n === undefined || at + n > o.data.length) return generic;
    s += ` ${readField(t, o.data.subarray(at, at + n), 0)} (${t})`;
    at += n;
  }
  if (at !== o.data.length) return generic;
  return s + subsText(o, indent + 2);
}

/** A domain name in wire format as Kea prints it: labels as sent, a final dot. */
function readName(b: Buffer, at: number): { text: string; next: number } | undefined {
  let text = '';
  while (at < b.length) {
    const n = b[at]!;
    if (n === 0) return { text: text || '.', next: at + 1 };
    if (n > 63 || at + 1 + n > b.length) return undefined;
    text += `${b.toString('latin1', at + 1, at + 1 + n)}.`;
    at += 1 + n;
  }
  return undefined;
}

function readField(t: OptionDataType, b: Buffer, at: number): string {
  switch (t) {
    case 'uint8':
      return String(b[at]);
    case 'int8':
      return String(b.readInt8(at));
    case 'uint16':
      return String(b.readUInt16BE(at));
    case 'int16':
      return String(b.readInt16BE(at));
    case 'uint32':
      return String(b.readUInt32BE(at));
    case 'int32':
      return String(b.readInt32BE(at));
    case 'boolean':
      return b[at] ? 'true' : 'false';
    case 'ipv4-address':
      return formatIPv4(b.readUInt32BE(at));
    case 'binary':
      return b.subarray(at).toString('hex').toUpperCase();
    case 'string':
      return `"${b.subarray(at).toString('latin1')}"`;
    default:
      return formatIPv6(b.subarray(at, at + 16));
  }
}
