// The options Kea 2.2 parses into classes of their own, with their own bytes and text: the
// vendor-specific (125/17) and vendor class (124/16) options, the client FQDN (81/39), the DHCPv6
// IA options and addresses, and the status code.
import type { DefinitionLookup, OptionDefinition } from '@kea-ts/dhcp';
import { formatIPv6 } from '@kea-ts/util';
import { header, type KeaOption, parseSubOptions, subsText, toBinary } from './kea-option.js';

/**
 * OptionVendor: the enterprise, in DHCPv4 the length of its block, and the block's sub-options in
 * the space vendor-<enterprise>. Only the first enterprise of a DHCPv4 option 125 is read.
 */
export function vendorOption(
  universe: 4 | 6,
  code: number,
  payload: Buffer,
  def: OptionDefinition,
  defs: DefinitionLookup,
): KeaOption | undefined {
  if (payload.length < 4) return undefined;
  const space = `vendor-${payload.readUInt32BE(0)}`;
  let subs: KeaOption[];
  if (universe === 6) subs = parseSubOptions(6, payload.subarray(4), space, defs);
  else if (payload.length === 4) subs = [];
  else {
    const end = 5 + payload[4]!;
    if (end > payload.length) return undefined;
    subs = parseSubOptions(4, payload.subarray(5, end), space, defs);
  }
  const o: KeaOption = { universe, code, data: payload.subarray(0, 4), subs, def, special: 'vendor' };
  if (universe === 4) o.data = Buffer.concat([o.data, Buffer.from([subsLength(o) & 0xff])]);
  return o;
}

function subsLength(o: KeaOption): number {
  let n = 0;
  for (const s of o.subs) n += (o.universe === 4 ? 2 : 4) + toBinary(s).length;
  return n;
}

/** OptionVendorClass: the enterprise and opaque data tuples (in DHCPv4 each after the enterprise). */
export function vendorClassOption(
  universe: 4 | 6,
  code: number,
  payload: Buffer,
  def: OptionDefinition,
): KeaOption | undefined {
  const v4 = universe === 4;
  if (payload.length < (v4 ? 5 : 4)) return undefined;
  const tuples: Buffer[] = [];
  const lenSize = v4 ? 1 : 2;
  let at = 4;
  while (at < payload.length) {
    if (at + lenSize > payload.length) return undefined;
    const n = v4 ? payload[at]! : payload.readUInt16BE(at);
    if (at + lenSize + n > payload.length) return undefined;
    tuples.push(payload.subarray(at + lenSize, at + lenSize + n));
    at += lenSize + n;
    if (v4 && at !== payload.length) {
      at += 4;
      if (at + 1 >= payload.length) return undefined;
    }
  }
  return { universe, code, data: payload, subs: [], def, special: 'vendor-class', tuples };
}

/** Option6IA, Option6IAAddr and Option6IAPrefix print named fields. */
export function iaText(o: KeaOption, indent: number): string | undefined {
  const d = o.data;
  const named = (name: string) => header(o, indent).replace(/, len=/, `(${name}), len=`);
  const subs = subsText(o, indent + 2);
  switch (o.code) {
    case 3:
    case 25:
      return `${named(o.code === 3 ? 'IA_NA' : 'IA_PD')}: iaid=${d.readUInt32BE(0)}, t1=${d.readUInt32BE(4)}, t2=${d.readUInt32BE(8)}${subs}`;
    case 5:
      return `${named('IAADDR')}: address=${formatIPv6(d.subarray(0, 16))}, preferred-lft=${d.readUInt32BE(16)}, valid-lft=${d.readUInt32BE(20)}${subs}`;
    case 26:
      return `${named('IAPREFIX')}: prefix=${formatIPv6(d.subarray(9, 25))}/${d[8]}, preferred-lft=${d.readUInt32BE(0)}, valid-lft=${d.readUInt32BE(4)}${subs}`;
    default:
      return undefined;
  }
}

/** OptionVendorClass::toText, which prints its header its own way (no zero padding). */
export function vendorClassText(o: KeaOption, indent: number): string {
  const id = `enterprise id=0x${o.data.readUInt32BE(0).toString(16)}`;
  let s = `${' '.repeat(indent)}type=${o.code}, len=${o.data.length},  ${id}`;
  o.tuples!.forEach((t, i) => {
    if (o.universe === 4 && i > 0) s += `, ${id}`;
    s += `, data-len${i}=${t.length}, vendor-class-data${i}='${t.toString('latin1')}'`;
  });
  return s;
}

const STATUS_NAMES = [
  'Success',
  'UnspecFail',
  'NoAddrsAvail',
  'NoBinding',
  'NotOnLink',
  'UseMulticast',
  'NoPrefixAvail',
  'UnknownQueryType',
  'MalformedQuery',
  'NotConfigured',
  'NotAllowed',
];

/** Option6StatusCode: the code's name and number, then the message. */
export function statusText(o: KeaOption, indent: number): string {
  const code = o.data.readUInt16BE(0);
  const msg = o.data.subarray(2).toString('latin1');
  const name = STATUS_NAMES[code] ?? '(unknown status code)';
  return `${header(o, indent)}: ${name}(${code}) ${msg ? `"${msg}"` : '(no status message)'}`;
}

/**
 * Option4ClientFqdn / Option6ClientFqdn: flags (and in DHCPv4 two rcodes), then the name in wire
 * format, kept in lower case; a DHCPv4 name without the E flag is ASCII text. Undefined for a
 * name Kea would refuse.
 */
export function fqdnOption(
  universe: 4 | 6,
  code: number,
  payload: Buffer,
  def: OptionDefinition,
): KeaOption | undefined {
  const fixed = universe === 4 ? 3 : 1;
  if (payload.length < fixed) return undefined;
  const wire = universe === 6 || (payload[0]! & 0x04) !== 0;
  const rest = payload.subarray(fixed);
  const labels: string[] = [];
  let full = false;
  if (wire) {
    let at = 0;
    while (at < rest.length) {
      const n = rest[at]!;
      if (n === 0) {
        full = at === rest.length - 1;
        if (!full) return undefined;
        break;
      }
      if (n > 63 || at + 1 + n > rest.length) return undefined;
      labels.push(rest.toString('latin1', at + 1, at + 1 + n).toLowerCase());
      at += 1 + n;
    }
  } else {
    const text = rest.toString('latin1').toLowerCase();
    full = text.endsWith('.');
    labels.push(...text.split('.').filter((l) => l.length > 0));
  }
  const parts: Buffer[] = [payload.subarray(0, fixed)];
  if (wire) {
    for (const l of labels) parts.push(Buffer.from([l.length]), Buffer.from(l, 'latin1'));
    if (full) parts.push(Buffer.from([0]));
  } else parts.push(Buffer.from(labels.join('.') + (full ? '.' : ''), 'latin1'));
  const name = labels.join('.') + (full ? '.' : '');
  return { universe, code, data: Buffer.concat(parts), subs: [], def, special: 'fqdn', fqdn: { name, full } };
}

export function fqdnText(o: KeaOption, indent: number): string {
  const f = o.data[0]!;
  const bit = (b: number) => ((f & b) !== 0 ? '1' : '0');
  const flags =
    o.universe === 4
      ? `N=${bit(0x08)}, E=${bit(0x04)}, O=${bit(0x02)}, S=${bit(0x01)}`
      : `N=${bit(0x04)}, O=${bit(0x02)}, S=${bit(0x01)}`;
  const sep = o.universe === 4 ? ' ' : '';
  const { name, full } = o.fqdn!;
  return `${' '.repeat(indent)}type=${o.code}${sep}(CLIENT_FQDN), flags: (${flags}), domain-name='${name}' (${full ? 'full' : 'partial'})`;
}
