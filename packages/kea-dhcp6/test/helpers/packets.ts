// Byte-level DHCPv6 messages as clients and relays send them, and a reader of answers: built by hand
// (not with the server's encoders) so the tests check the wire format independently.
import { parseIPv6 } from '@kea-ts/util';

export const CLIENT_DUID = Buffer.from('000100012a2b2c2d020000000002', 'hex');

export function opt(code: number, payload: Buffer): Buffer {
  const h = Buffer.alloc(4);
  h.writeUInt16BE(code, 0);
  h.writeUInt16BE(payload.length, 2);
  return Buffer.concat([h, payload]);
}

export function u32s(...v: number[]): Buffer {
  const b = Buffer.alloc(4 * v.length);
  for (const [i, x] of v.entries()) b.writeUInt32BE(x, i * 4);
  return b;
}

export function iaNa(iaid: number, addresses: string[] = []): Buffer {
  return opt(
    3,
    Buffer.concat([
      u32s(iaid, 0, 0),
      ...addresses.map((a) => opt(5, Buffer.concat([parseIPv6(a), u32s(0, 0)]))),
    ]),
  );
}

export function iaPd(iaid: number, prefixes: [string, number][] = []): Buffer {
  return opt(
    25,
    Buffer.concat([
      u32s(iaid, 0, 0),
      ...prefixes.map(([p, l]) => opt(26, Buffer.concat([u32s(0, 0), Buffer.from([l]), parseIPv6(p)]))),
    ]),
  );
}

export function oro(...codes: number[]): Buffer {
  const b = Buffer.alloc(codes.length * 2);
  for (const [i, c] of codes.entries()) b.writeUInt16BE(c, i * 2);
  return opt(6, b);
}

export function message(type: number, xid: number, ...options: Buffer[]): Buffer {
  return Buffer.concat([Buffer.from([type, xid >> 16, (xid >> 8) & 0xff, xid & 0xff]), ...options]);
}

export function relayForw(
  hop: number,
  link: string,
  peer: string,
  inner: Buffer,
  ...options: Buffer[]
): Buffer {
  return Buffer.concat([Buffer.from([12, hop]), parseIPv6(link), parseIPv6(peer), ...options, opt(9, inner)]);
}

export interface Opt {
  code: number;
  data: Buffer;
}

export function readOptions(b: Buffer): Opt[] {
  const out: Opt[] = [];
  for (let p = 0; p + 4 <= b.length; ) {
    const code = b.readUInt16BE(p);
    const len = b.readUInt16BE(p + 2);
    out.push({ code, data: b.subarray(p + 4, p + 4 + len) });
    p += 4 + len;
  }
  return out;
}

export interface Ia {
  iaid: number;
  t1: number;
  t2: number;
  subs: Opt[];
}

export function readIa(o: Opt): Ia {
  return {
    iaid: o.data.readUInt32BE(0),
    t1: o.data.readUInt32BE(4),
    t2: o.data.readUInt32BE(8),
    subs: readOptions(o.data.subarray(12)),
  };
}

export function status(o: Opt | undefined): [number, string] | undefined {
  return o === undefined ? undefined : [o.data.readUInt16BE(0), o.data.subarray(2).toString()];
}

export function readMessage(b: Buffer): {
  type: number;
  xid: number;
  options: Opt[];
  get(code: number): Opt | undefined;
} {
  const options = readOptions(b.subarray(4));
  return { type: b[0]!, xid: b.readUIntBE(1, 3), options, get: (c) => options.find((o) => o.code === c) };
}
