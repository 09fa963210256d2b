// The definition-driven payload codec: Kea's csv fields -> payload bytes (OptionDefinition::
// optionFactory from strings: a single value, an array of one type, a record, a record whose last
// field repeats), checked by decoding the result as Kea builds the option object from it; and a
// payload -> Kea's csv text form. Sub-options are never part of a field list: they come from their
// own option-data entries and are appended with appendSuboptions.
import { Writer } from '@kea-ts/util';
import { specialFormatOf } from '../defs/special-formats.js';
import { DhcpConfigError, DhcpParseError } from '../errors.js';
import type { OptionDefinition, Universe } from '../types.js';
import { joinCsv } from './csv.js';
import { type FieldType, type FieldValue, formatOf } from './formats/index.js';
import { type DecodedOptionValue, decodeOptionValue, type RawSubOption } from './option-value-decode.js';

function writeField(type: FieldType, text: string, w: Writer, universe: Universe): void {
  const f = formatOf(type);
  if (!f || type === 'empty') throw new DhcpConfigError(`a field of type '${type}' cannot hold a value`);
  f.encode(f.fromText(text, universe), w, universe);
}

/** Kea trims with blanks, tabs and newlines only. */
function trimKea(s: string): string {
  return s.replace(/^[ \t\n]+|[ \t\n]+$/g, '');
}

function describe(def: OptionDefinition): string {
  return `option '${def.space}.${def.name}' (code ${def.code})`;
}

/**
 * Encodes csv fields (already split, see splitCsv) into a payload. Extra fields after a single value
 * or a complete non-array record are ignored, as Kea ignores them. Throws DhcpConfigError.
 */
export function encodeOptionValue(
  def: OptionDefinition,
  values: readonly string[],
  universe: Universe,
): Buffer {
  const w = new Writer(64);
  const special = specialFormatOf(def, universe);
  try {
    if (special?.format === 'vendor-opts') {
      if (values.length === 0) throw new DhcpConfigError('no enterprise number specified');
      writeField('uint32', trimKea(values[0]!), w, universe);
      // v4 (RFC 3925): a data-len byte follows; sub-options added later update it.
      if (universe === 4) w.u8(0);
      return w.toBuffer();
    }
    const type = def.type;
    if (type === 'record') {
      const types = def.recordTypes as readonly FieldType[];
      if (types.length > values.length) {
        throw new DhcpConfigError(`${types.length} fields expected, ${values.length} given`);
      }
      for (let i = 0; i < types.length; i++) writeField(types[i]!, trimKea(values[i]!), w, universe);
      if (def.array && types.length > 0) {
        const last = types[types.length - 1]!;
        for (let i = types.length; i < values.length; i++) writeField(last, trimKea(values[i]!), w, universe);
      }
    } else if (type === 'internal') {
      throw new DhcpConfigError('an internal option cannot be configured');
    } else if (def.array) {
      for (const v of values) writeField(type, trimKea(v), w, universe);
    } else if (values.length === 0) {
      if (type !== 'empty') throw new DhcpConfigError('no option value specified');
    } else {
      writeField(type, trimKea(values[0]!), w, universe);
    }
    const payload = w.toBuffer();
    // Kea builds the option object from these bytes: whatever it would refuse, refuse here.
    decodeOptionValue(def, payload, universe);
    return payload;
  } catch (e) {
    if (e instanceof DhcpConfigError) throw new DhcpConfigError(`${describe(def)}: ${e.message}`);
    if (e instanceof DhcpParseError) throw new DhcpConfigError(`${describe(def)}: ${e.message}`);
    throw new DhcpConfigError(`${describe(def)}: ${(e as Error).message}`);
  }
}

/** Text of each decoded field in Kea's csv syntax (not yet escaped). */
export function fieldTexts(decoded: DecodedOptionValue): string[] {
  return decoded.fields.map((f) => {
    if (f.type === 'fqdn') return f.value as string;
    return formatOf(f.type)!.toText(f.value as FieldValue);
  });
}

/**
 * The csv text form of a payload, as option data text ('192.0.2.1, 192.0.2.2'): fields only, with
 * commas and backslashes inside a field escaped. Throws DhcpParseError when the payload is malformed.
 */
export function optionValueToText(def: OptionDefinition, payload: Buffer, universe: Universe): string {
  return joinCsv(fieldTexts(decodeOptionValue(def, payload, universe)));
}

/**
 * Appends encoded sub-options to a payload (1-byte code/length in v4 spaces, 2-byte in v6). For the
 * v4 vendor options (125) the data-len byte after the enterprise number grows with them.
 */
export function appendSuboptions(
  def: OptionDefinition,
  payload: Buffer,
  subs: readonly RawSubOption[],
  universe: Universe,
): Buffer {
  const w = new Writer(payload.length + 32);
  w.bytes(payload);
  for (const s of subs) {
    if (universe === 4) {
      if (s.code > 0xff || s.data.length > 0xff)
        throw new DhcpConfigError(`sub-option ${s.code} does not fit in v4`);
      w.u8(s.code).u8(s.data.length);
    } else {
      if (s.data.length > 0xffff)
        throw new DhcpConfigError(`sub-option ${s.code} is longer than 65535 bytes`);
      w.u16(s.code).u16(s.data.length);
    }
    w.bytes(s.data);
  }
  const out = w.toBuffer();
  if (universe === 4 && specialFormatOf(def, universe)?.format === 'vendor-opts' && out.length >= 5) {
    const dataLen = out.length - 5;
    if (dataLen > 0xff) throw new DhcpConfigError('vendor sub-options exceed 255 bytes');
    out[4] = dataLen;
  }
  return out;
}

export type { DecodedField, DecodedOptionValue, RawSubOption } from './option-value-decode.js';
export { decodeOptionValue, splitSuboptions } from './option-value-decode.js';
