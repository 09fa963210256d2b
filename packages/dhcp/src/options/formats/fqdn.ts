// The 'fqdn' format: a domain name in DNS wire form (RFC 1035 labels ending with the root label).
// Text follows the DNS master-file syntax Kea's name parser takes: labels split by dots, '\c' and
// '\DDD' escapes, a trailing dot optional (the name is always absolute here); printed with a
// trailing dot and escapes where needed. Partial names (no root label) exist only in the client
// FQDN options, which use encodeDomainName(..., partial) and decodeDomainName(..., allowPartial).
import type { Reader, Writer } from '@kea-ts/util';
import { DhcpParseError } from '../../errors.js';
import { checkRead, configError, type DataFormat } from './format.js';

const MAX_LABEL = 63;
const MAX_WIRE = 255;

/** Labels of a text name and whether it ended with a dot. Throws DhcpConfigError when malformed. */
export function parseDomainName(text: string): { labels: Buffer[]; absolute: boolean } {
  if (text === '') throw configError('a domain name must not be empty');
  if (text === '.') return { labels: [], absolute: true };
  const labels: Buffer[] = [];
  let cur: number[] = [];
  let absolute = false;
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c === 0x2e) {
      if (cur.length === 0) throw configError(`'${text}' has an empty label`);
      labels.push(Buffer.from(cur));
      cur = [];
      if (i === bytes.length - 1) absolute = true;
      continue;
    }
    if (c === 0x5c) {
      const d = bytes.subarray(i + 1, i + 4);
      if (d.length === 3 && d.every((x) => x >= 0x30 && x <= 0x39)) {
        const v = Number(d.toString('latin1'));
        if (v > 255) throw configError(`'${text}' has an escape \\${d.toString('latin1')} above 255`);
        cur.push(v);
        i += 3;
      } else if (i + 1 < bytes.length && !(bytes[i + 1]! >= 0x30 && bytes[i + 1]! <= 0x39)) {
        cur.push(bytes[++i]!);
      } else {
        throw configError(`'${text}' has an incomplete escape`);
      }
    } else {
      cur.push(c);
    }
    if (cur.length > MAX_LABEL) throw configError(`'${text}' has a label longer than ${MAX_LABEL} bytes`);
  }
  if (cur.length > 0) labels.push(Buffer.from(cur));
  let wire = 1;
  for (const l of labels) wire += l.length + 1;
  if (wire > MAX_WIRE) throw configError(`'${text}' is longer than ${MAX_WIRE} bytes in wire form`);
  return { labels, absolute };
}

/** Writes `text` as DNS labels; ends with the root label unless `partial` and the text has no final dot. */
export function encodeDomainName(text: string, w: Writer, partial = false): void {
  const { labels, absolute } = parseDomainName(text);
  for (const l of labels) {
    w.u8(l.length);
    w.bytes(l);
  }
  if (!partial || absolute) w.u8(0);
}

const SPECIAL = new Set([0x22, 0x24, 0x28, 0x29, 0x2e, 0x3b, 0x40, 0x5c]);

function labelText(label: Uint8Array): string {
  let s = '';
  for (const c of label) {
    if (c > 0x20 && c < 0x7f) s += SPECIAL.has(c) ? `\\${String.fromCharCode(c)}` : String.fromCharCode(c);
    else s += `\\${String(c).padStart(3, '0')}`;
  }
  return s;
}

/** Text form of wire labels: absolute names end with a dot, the root is '.'. */
export function domainNameText(labels: readonly Uint8Array[], absolute = true): string {
  if (labels.length === 0) return absolute ? '.' : '';
  const body = labels.map(labelText).join('.');
  return absolute ? `${body}.` : body;
}

/**
 * Reads one name from `buf` at `offset`. Compression pointers (RFC 1035 4.1.4) are followed only
 * when `compression` is set and only backwards, so a loop cannot form. Returns the labels, whether
 * the root label ended the name, and the offset just past the name's own bytes.
 */
export function decodeDomainName(
  buf: Buffer,
  offset: number,
  opts: { compression?: boolean; allowPartial?: boolean } = {},
): { labels: Buffer[]; absolute: boolean; end: number } {
  const labels: Buffer[] = [];
  let pos = offset;
  let end = -1;
  let wire = 1;
  let lowest = offset;
  for (;;) {
    if (pos >= buf.length) {
      if (opts.allowPartial && end < 0) return { labels, absolute: false, end: pos };
      throw new DhcpParseError('domain name runs past the end of the data without a root label');
    }
    const len = buf[pos]!;
    if (len === 0) {
      if (end < 0) end = pos + 1;
      return { labels, absolute: true, end };
    }
    if ((len & 0xc0) === 0xc0) {
      if (!opts.compression) throw new DhcpParseError('compression pointer in a domain name');
      if (pos + 1 >= buf.length) throw new DhcpParseError('truncated compression pointer');
      const target = ((len & 0x3f) << 8) | buf[pos + 1]!;
      if (target >= lowest) throw new DhcpParseError(`compression pointer to ${target} does not point back`);
      if (end < 0) end = pos + 2;
      lowest = target;
      pos = target;
      continue;
    }
    if (len > MAX_LABEL) throw new DhcpParseError(`label length byte 0x${len.toString(16)} is not valid`);
    if (pos + 1 + len > buf.length)
      throw new DhcpParseError('domain name label runs past the end of the data');
    wire += len + 1;
    if (wire > MAX_WIRE) throw new DhcpParseError(`domain name is longer than ${MAX_WIRE} bytes`);
    labels.push(buf.subarray(pos + 1, pos + 1 + len));
    pos += 1 + len;
  }
}

export const fqdnFormat: DataFormat<string> = {
  type: 'fqdn',
  fixedLength: 0,
  encode(value: string, w: Writer): void {
    encodeDomainName(value, w, false);
  },
  decode(r: Reader): string {
    // Label by label from the reader, so exactly the name's bytes are consumed; no compression here.
    const labels: Buffer[] = [];
    let wire = 1;
    for (;;) {
      const len = r.u8();
      checkRead(r, 'fqdn');
      if (len === 0) return domainNameText(labels, true);
      if (len > MAX_LABEL) throw new DhcpParseError(`label length byte 0x${len.toString(16)} is not valid`);
      wire += len + 1;
      if (wire > MAX_WIRE) throw new DhcpParseError(`domain name is longer than ${MAX_WIRE} bytes`);
      labels.push(r.bytes(len));
      checkRead(r, 'fqdn label');
    }
  },
  fromText(text: string): string {
    const { labels } = parseDomainName(text);
    return domainNameText(labels, true);
  },
  toText(value: string): string {
    return value;
  },
};
