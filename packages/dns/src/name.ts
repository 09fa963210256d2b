// Domain names: presentation text <-> labels, wire form with compression on write, and a
// decompressing reader that cannot loop (pointers must go strictly backwards) or overrun.
import type { Writer } from '@kea-ts/util';
import { badInput, malformed } from './errors.js';

const MAX_LABEL = 63;
const MAX_NAME_WIRE = 255;
/** Compression pointers can only address the first 16 KiB of a message. */
const MAX_POINTER_TARGET = 0x3fff;

/** Splits presentation text ("a.example.com." or "a.example.com") into labels; "\." and "\DDD" escapes. */
export function nameToLabels(name: string): Buffer[] {
  if (name === '.' || name === '') return [];
  const labels: Buffer[] = [];
  let cur: number[] = [];
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c === 0x5c) {
      const digits = name.slice(i + 1, i + 4);
      if (/^[0-9]{3}$/.test(digits)) {
        const v = Number(digits);
        if (v > 255) throw badInput(`name '${name}': escape \\${digits} out of range`);
        cur.push(v);
        i += 3;
      } else if (i + 1 < name.length) {
        cur.push(name.charCodeAt(++i));
      } else {
        throw badInput(`name '${name}' ends with a lone backslash`);
      }
    } else if (c === 0x2e) {
      if (cur.length === 0) throw badInput(`name '${name}' has an empty label`);
      labels.push(Buffer.from(cur));
      cur = [];
    } else if (c > 0x7f) {
      cur.push(...Buffer.from(name[i]!, 'utf8'));
    } else {
      cur.push(c);
    }
  }
  if (cur.length > 0) labels.push(Buffer.from(cur));
  let wire = 1;
  for (const l of labels) {
    if (l.length > MAX_LABEL) throw badInput(`name '${name}': label longer than ${MAX_LABEL} octets`);
    wire += l.length + 1;
  }
  if (wire > MAX_NAME_WIRE) throw badInput(`name '${name}' is longer than ${MAX_NAME_WIRE} octets`);
  return labels;
}

function labelText(label: Buffer): string {
  let s = '';
  for (const b of label) {
    if (b === 0x2e || b === 0x5c) s += `\\${String.fromCharCode(b)}`;
    else if (b > 0x20 && b < 0x7f) s += String.fromCharCode(b);
    else s += `\\${String(b).padStart(3, '0')}`;
  }
  return s;
}

/** Absolute presentation form, always with the trailing dot ("." for the root). */
export function labelsToName(labels: Buffer[]): string {
  return labels.length === 0 ? '.' : `${labels.map(labelText).join('.')}.`;
}

/** The canonical form: absolute, lowercase ASCII (RFC 4034 6.2), used for comparison and TSIG. */
export function canonicalName(name: string): string {
  return labelsToName(nameToLabels(name).map(lowerLabel));
}

function lowerLabel(label: Buffer): Buffer {
  const out = Buffer.from(label);
  for (let i = 0; i < out.length; i++) if (out[i]! >= 0x41 && out[i]! <= 0x5a) out[i]! += 0x20;
  return out;
}

/** Uncompressed wire form; lowercased when `canonical` (TSIG variables, RFC 8945 4.3.3). */
export function nameToWire(name: string, canonical = false): Buffer {
  const parts: Buffer[] = [];
  for (const l of nameToLabels(name)) {
    parts.push(Buffer.from([l.length]), canonical ? lowerLabel(l) : l);
  }
  parts.push(Buffer.from([0]));
  return Buffer.concat(parts);
}

/** Remembers where each name suffix was written so later names can point at it (case-insensitive). */
export class NameCompressor {
  private readonly offsets = new Map<string, number>();

  /** Writes `name` at the writer's position, pointing at an earlier copy of its longest known suffix. */
  write(w: Writer, name: string): void {
    const labels = nameToLabels(name);
    for (let i = 0; i < labels.length; i++) {
      const key = labels
        .slice(i)
        .map((l) => lowerLabel(l).toString('latin1'))
        .join('\u0000');
      const known = this.offsets.get(key);
      if (known !== undefined) {
        w.u16(0xc000 | known);
        return;
      }
      if (w.length <= MAX_POINTER_TARGET) this.offsets.set(key, w.length);
      w.u8(labels[i]!.length).bytes(labels[i]!);
    }
    w.u8(0);
  }
}

/** Writes a name without compression (RDATA of types RFC 3597 forbids compressing, TSIG). */
export function writeName(w: Writer, name: string): void {
  w.bytes(nameToWire(name));
}

/**
 * Reads a possibly compressed name starting at `offset` of the whole message `msg`. Returns the name and
 * the offset just after it in the original position. Every pointer must point before the label that
 * holds it, so a chain of pointers always terminates; lengths are checked against the buffer and 255.
 */
export function readName(msg: Buffer, offset: number): { name: string; next: number } {
  const labels: Buffer[] = [];
  let pos = offset;
  let next = -1;
  let wire = 1;
  let lowestSeen = offset;
  for (;;) {
    if (pos >= msg.length) throw malformed(`name at offset ${offset} runs past the end of the message`);
    const len = msg[pos]!;
    if ((len & 0xc0) === 0xc0) {
      if (pos + 1 >= msg.length) throw malformed(`compression pointer at offset ${pos} is truncated`);
      const target = ((len & 0x3f) << 8) | msg[pos + 1]!;
      if (next < 0) next = pos + 2;
      if (target >= lowestSeen) {
        throw malformed(`compression pointer at offset ${pos} to ${target} does not point backwards`);
      }
      lowestSeen = target;
      pos = target;
      continue;
    }
    if ((len & 0xc0) !== 0) throw malformed(`unsupported label type 0x${len.toString(16)} at offset ${pos}`);
    if (len === 0) {
      if (next < 0) next = pos + 1;
      return { name: labelsToName(labels), next };
    }
    if (pos + 1 + len > msg.length)
      throw malformed(`label at offset ${pos} runs past the end of the message`);
    wire += len + 1;
    if (wire > MAX_NAME_WIRE)
      throw malformed(`name at offset ${offset} is longer than ${MAX_NAME_WIRE} octets`);
    labels.push(msg.subarray(pos + 1, pos + 1 + len));
    pos += 1 + len;
  }
}
