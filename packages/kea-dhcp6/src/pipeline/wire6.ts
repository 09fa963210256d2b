// Encoders and readers of the IA options the server answers with (RFC 8415 21.4, 21.6, 21.13, 21.21,
// 21.22; RFC 6603 PD-exclude). Built as payload Buffers for Pkt6.addOption.
import { encodeOptions6, Option6, Pkt6 } from '@kea-ts/dhcp';

export interface IaIn {
  code: number;
  iaid: number;
  /** IAADDR (address, prefixLen 128) or IAPREFIX entries the client sent. */
  hints: { address: Buffer; prefixLen: number; preferred: number; valid: number }[];
}

/** The IA_NA / IA_PD options of a query, in order; a malformed one throws DhcpParseError. */
export function readIas(q: Pkt6, code: number): IaIn[] {
  const out: IaIn[] = [];
  for (const payload of q.getOptions(code)) {
    if (payload.length < 12) continue;
    const ia: IaIn = { code, iaid: payload.readUInt32BE(0), hints: [] };
    for (const o of Pkt6.suboptions(code, payload)) {
      if (o.code === Option6.IAADDR && o.payload.length >= 24) {
        ia.hints.push({
          address: Buffer.from(o.payload.subarray(0, 16)),
          prefixLen: 128,
          preferred: o.payload.readUInt32BE(16),
          valid: o.payload.readUInt32BE(20),
        });
      } else if (o.code === Option6.IAPREFIX && o.payload.length >= 25) {
        ia.hints.push({
          address: Buffer.from(o.payload.subarray(9, 25)),
          prefixLen: o.payload[8]!,
          preferred: o.payload.readUInt32BE(0),
          valid: o.payload.readUInt32BE(4),
        });
      }
    }
    out.push(ia);
  }
  return out;
}

export function statusPayload(code: number, text: string): Buffer {
  const b = Buffer.alloc(2 + Buffer.byteLength(text));
  b.writeUInt16BE(code, 0);
  b.write(text, 2, 'utf8');
  return b;
}

/** An IA_NA / IA_PD being answered: T1, T2 and its sub-options. */
export class IaOut {
  t1 = 0;
  t2 = 0;
  readonly subs: [number, Buffer][] = [];
  constructor(
    readonly code: number,
    readonly iaid: number,
  ) {}

  address(address: Buffer, preferred: number, valid: number): void {
    const b = Buffer.alloc(24);
    address.copy(b, 0);
    b.writeUInt32BE(preferred >>> 0, 16);
    b.writeUInt32BE(valid >>> 0, 20);
    this.subs.push([Option6.IAADDR, b]);
  }

  prefix(prefix: Buffer, len: number, preferred: number, valid: number, exclude?: Buffer): void {
    const head = Buffer.alloc(25);
    head.writeUInt32BE(preferred >>> 0, 0);
    head.writeUInt32BE(valid >>> 0, 4);
    head[8] = len;
    prefix.copy(head, 9);
    const b = exclude ? Buffer.concat([head, encodeOptions6([[Option6.PD_EXCLUDE, exclude]])]) : head;
    this.subs.push([Option6.IAPREFIX, b]);
  }

  /** One status code per IA: a later one replaces an earlier one (Kea's setStatusCode). */
  status(code: number, text: string): void {
    const i = this.subs.findIndex(([c]) => c === Option6.STATUS_CODE);
    if (i >= 0) this.subs.splice(i, 1);
    this.subs.push([Option6.STATUS_CODE, statusPayload(code, text)]);
  }

  encode(): Buffer {
    // Kea keeps sub-options in a container ordered by code (status code 13 before IAPREFIX 26).
    const subs = this.subs.slice().sort((x, y) => x[0] - y[0]);
    const head = Buffer.alloc(12);
    head.writeUInt32BE(this.iaid >>> 0, 0);
    head.writeUInt32BE(this.t1 >>> 0, 4);
    head.writeUInt32BE(this.t2 >>> 0, 8);
    return Buffer.concat([head, encodeOptions6(subs)]);
  }
}

/**
 * RFC 6603 OPTION_PD_EXCLUDE payload: the excluded prefix's length, then its bits between the
 * delegated length and its own length, left-aligned in as few bytes as hold them.
 */
export function pdExcludePayload(excluded: Buffer, excludedLen: number, delegatedLen: number): Buffer {
  const bits = excludedLen - delegatedLen;
  const out = Buffer.alloc(1 + Math.ceil(bits / 8));
  out[0] = excludedLen;
  for (let i = 0; i < bits; i++) {
    const src = delegatedLen + i;
    if ((excluded[src >> 3]! >> (7 - (src & 7))) & 1) out[1 + (i >> 3)]! |= 1 << (7 - (i & 7));
  }
  return out;
}
