// Payload bytes -> typed fields, following the classes Kea 2.2 builds an option with: fixed fields
// in definition order, arrays whose truncated last element is dropped (OptionCustom) or refused
// (integer and address lists), then the sub-options of the encapsulated space kept as raw slices.
// The dedicated formats (vendor options, vendor class, client FQDN, IA options...) come first.
// Everything here throws only DhcpParseError.
import { Reader } from '@kea-ts/util';
import { specialFormatOf } from '../defs/special-formats.js';
import { vendorSpace } from '../defs/vendor.js';
import { DhcpParseError } from '../errors.js';
import type { OptionDataType, OptionDefinition, Universe } from '../types.js';
import { decodeDomainName, domainNameText } from './formats/fqdn.js';
import { type FieldType, type FieldValue, formatOf } from './formats/index.js';

export interface DecodedField {
  readonly type: FieldType;
  readonly value: FieldValue;
}

/** A sub-option as found: its code and a view of its payload (no copy). */
export interface RawSubOption {
  readonly code: number;
  readonly data: Buffer;
}

export interface DecodedOptionValue {
  readonly fields: DecodedField[];
  /** The space the sub-options belong to ('' when the option has none). */
  readonly suboptionSpace: string;
  readonly suboptions: RawSubOption[];
  /** Bytes that are neither fields nor sub-options (Kea ignores them); empty normally. */
  readonly trailing: Buffer;
}

const INTEGER_TYPES: ReadonlySet<OptionDataType> = new Set([
  'uint8',
  'uint16',
  'uint32',
  'int8',
  'int16',
  'int32',
]);

/** Walks TLVs (1-byte code/length in v4, 2-byte in v6); a truncated one ends the walk as trailing. */
export function splitSuboptions(
  data: Buffer,
  universe: Universe,
): { list: RawSubOption[]; trailing: Buffer } {
  const list: RawSubOption[] = [];
  const head = universe === 4 ? 2 : 4;
  let pos = 0;
  while (pos < data.length) {
    if (data.length - pos < head) break;
    const code = universe === 4 ? data[pos]! : data.readUInt16BE(pos);
    const len = universe === 4 ? data[pos + 1]! : data.readUInt16BE(pos + 2);
    if (pos + head + len > data.length) break;
    list.push({ code, data: data.subarray(pos + head, pos + head + len) });
    pos += head + len;
  }
  return { list, trailing: data.subarray(pos) };
}

function field(type: FieldType, r: Reader, universe: Universe): DecodedField {
  const f = formatOf(type)!;
  return { type, value: f.decode(r, universe) };
}

/** Bytes the next element of `type` needs, or -1 for the types that read their own length. */
function fixedSize(type: FieldType): number {
  return formatOf(type)!.fixedLength;
}

class Builder {
  readonly fields: DecodedField[] = [];
  suboptionSpace = '';
  suboptions: RawSubOption[] = [];
  trailing: Buffer = Buffer.alloc(0);

  constructor(
    readonly r: Reader,
    readonly universe: Universe,
  ) {}

  read(type: FieldType): void {
    this.fields.push(field(type, this.r, this.universe));
  }

  /** Repeats `type` to the end; a fixed-size element cut short ends the array (OptionCustom). */
  readArray(type: FieldType): void {
    const size = fixedSize(type);
    while (this.r.remaining > 0) {
      if (size > 0 && this.r.remaining < size) break;
      this.read(type);
    }
  }

  /** What is left: sub-options of `space` when there is one, else trailing bytes. */
  rest(space: string, subUniverse: Universe = this.universe): DecodedOptionValue {
    const rest = this.r.rest();
    if (space !== '' && rest.length > 0) {
      const { list, trailing } = splitSuboptions(rest, subUniverse);
      this.suboptionSpace = space;
      this.suboptions = list;
      this.trailing = trailing;
    } else {
      this.suboptionSpace = space;
      this.trailing = rest;
    }
    return {
      fields: this.fields,
      suboptionSpace: this.suboptionSpace,
      suboptions: this.suboptions,
      trailing: this.trailing,
    };
  }
}

/**
 * Decodes an option payload by its definition. `universe` is the universe of the definition's
 * space (tuple lengths and sub-option headers depend on it).
 */
export function decodeOptionValue(
  def: OptionDefinition,
  payload: Buffer,
  universe: Universe,
): DecodedOptionValue {
  const b = new Builder(new Reader(payload), universe);
  const special = specialFormatOf(def, universe);
  if (special) return decodeSpecial(def, special.format, special.suboptionSpace, b, payload);
  const type = def.type;
  if (type === 'internal') return b.rest('');
  if (type === 'record') return decodeRecord(def, b);
  const t = type as FieldType;
  if (t === 'empty') return b.rest(def.encapsulate);
  if (t === 'binary') {
    b.read('binary');
    return b.rest('');
  }
  if (t === 'string' && !def.array) {
    if (payload.length === 0)
      throw new DhcpParseError(`option ${def.name} (${def.code}) holds an empty string`);
    b.read('string');
    return b.rest('');
  }
  if (def.array) {
    const size = fixedSize(t);
    if (INTEGER_TYPES.has(t)) {
      if (payload.length === 0) throw new DhcpParseError(`option ${def.name} (${def.code}) is empty`);
      if (payload.length % size !== 0) {
        throw new DhcpParseError(
          `option ${def.name} (${def.code}): ${payload.length} bytes is not a whole ${t} list`,
        );
      }
    } else if (t === 'ipv4-address' || t === 'ipv6-address') {
      if (payload.length % size !== 0) {
        throw new DhcpParseError(
          `option ${def.name} (${def.code}): ${payload.length} bytes is not a whole address list`,
        );
      }
    } else if (payload.length < size) {
      throw new DhcpParseError(`option ${def.name} (${def.code}) is truncated`);
    }
    b.readArray(t);
    return b.rest('');
  }
  if (payload.length === 0 || payload.length < fixedSize(t)) {
    throw new DhcpParseError(`option ${def.name} (${def.code}) is truncated`);
  }
  b.read(t);
  return b.rest(def.encapsulate);
}

function decodeRecord(def: OptionDefinition, b: Builder): DecodedOptionValue {
  const types = def.recordTypes as readonly FieldType[];
  for (const t of types) {
    // A non-array ipv6-prefix field at the very end may be absent altogether (Kea reads 0 bytes).
    if (t === 'ipv6-prefix' && b.r.remaining === 0) {
      b.fields.push({ type: t, value: { address: Buffer.alloc(16), length: 0 } });
      continue;
    }
    b.read(t);
  }
  if (def.array && types.length > 0) {
    b.readArray(types[types.length - 1]!);
    return b.rest('');
  }
  return b.rest(def.encapsulate);
}

function decodeSpecial(
  def: OptionDefinition,
  format: string,
  space: string,
  b: Builder,
  payload: Buffer,
): DecodedOptionValue {
  const u = b.universe;
  switch (format) {
    case 'ia':
      for (let i = 0; i < 3; i++) b.read('uint32');
      return b.rest(space);
    case 'iaaddr':
      b.read('ipv6-address');
      b.read('uint32');
      b.read('uint32');
      return b.rest(space);
    case 'iaprefix': {
      b.read('uint32');
      b.read('uint32');
      b.read('uint8');
      b.read('ipv6-address');
      return b.rest(space);
    }
    case 'vendor-opts': {
      b.read('uint32');
      const vendor = vendorSpace(b.fields[0]!.value as number);
      if (u === 6) return b.rest(vendor);
      // v4 (RFC 3925): a data-len byte, then that many bytes of sub-options.
      const len = b.r.u8();
      if (!b.r.ok || len > b.r.remaining) throw new DhcpParseError(`option ${def.code}: bad vendor data-len`);
      const { list, trailing } = splitSuboptions(b.r.bytes(len), 4);
      const after = b.r.rest();
      return {
        fields: b.fields,
        suboptionSpace: vendor,
        suboptions: list,
        trailing: trailing.length > 0 || after.length > 0 ? Buffer.concat([trailing, after]) : trailing,
      };
    }
    case 'vendor-class': {
      if (payload.length < 4)
        throw new DhcpParseError(`option ${def.code}: vendor class shorter than 4 bytes`);
      b.read('uint32');
      // Kea reads one data tuple per enterprise number in v4 (the RFC's data-len is the tuple's
      // length) and keeps only the first number; v6 tuples follow the one number.
      let first = true;
      while (b.r.remaining > 0) {
        if (u === 4 && !first) {
          if (b.r.remaining < 5) throw new DhcpParseError(`option ${def.code}: truncated vendor class`);
          b.read('uint32');
        }
        b.read('tuple');
        first = false;
      }
      // The definition says uint32 + binary in both universes, so that is the text form that encodes
      // back (the tuples were read above only to validate the layout).
      b.fields.splice(1, b.fields.length - 1, { type: 'binary', value: Buffer.from(payload.subarray(4)) });
      return b.rest('');
    }
    case 'client-fqdn': {
      b.read('uint8');
      if (u === 4) {
        b.read('uint8');
        b.read('uint8');
      }
      const flags = b.fields[0]!.value as number;
      const rest = b.r.rest();
      if (u === 4 && (flags & 0x04) === 0) {
        // Without the E flag the name is ASCII text (deprecated), possibly NUL-terminated.
        let end = rest.length;
        while (end > 0 && rest[end - 1] === 0) end--;
        b.fields.push({ type: 'fqdn', value: rest.subarray(0, end).toString('latin1') });
      } else if (rest.length > 0) {
        const name = decodeDomainName(rest, 0, { allowPartial: true });
        if (name.end !== rest.length)
          throw new DhcpParseError(`option ${def.code}: bytes after the domain name`);
        b.fields.push({ type: 'fqdn', value: domainNameText(name.labels, name.absolute) });
      } else {
        b.fields.push({ type: 'fqdn', value: '' });
      }
      return b.rest('');
    }
    case 'status-code':
      b.read('uint16');
      b.fields.push({ type: 'string', value: Buffer.from(b.r.rest()) });
      return b.rest('');
    case 'tuple-array':
      while (b.r.remaining > 0) b.read('tuple');
      return b.rest('');
    case 'pd-exclude':
      // Excluded prefix length, then only the bits past the delegated prefix (kept raw). Bytes
      // configured as a plain prefix (as many as the length covers) read back as one.
      if (payload.length > 0 && payload.length === 1 + ((payload[0]! + 7) >> 3) && payload[0]! <= 128) {
        b.read('ipv6-prefix');
        return b.rest('');
      }
      b.read('uint8');
      if (b.r.remaining === 0) throw new DhcpParseError(`option ${def.code}: no IPv6 subnet ID`);
      b.read('binary');
      return b.rest('');
    case 'slp-service-scope':
      b.read('boolean');
      b.fields.push({ type: 'string', value: Buffer.from(b.r.rest()) });
      return b.rest('');
    case 'compressed-fqdn-list': {
      if (payload.length === 0) throw new DhcpParseError(`option ${def.code}: empty domain name list`);
      let pos = 0;
      while (pos < payload.length) {
        const name = decodeDomainName(payload, pos, { compression: true });
        b.fields.push({ type: 'fqdn', value: domainNameText(name.labels, true) });
        pos = name.end;
      }
      return { fields: b.fields, suboptionSpace: '', suboptions: [], trailing: Buffer.alloc(0) };
    }
    default:
      throw new DhcpParseError(`no decoder for the special format ${format}`);
  }
}
