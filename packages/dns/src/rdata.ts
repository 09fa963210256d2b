// RDATA of the record types DNS updates use, typed; other types travel as opaque bytes (RFC 3597).
// Names inside PTR/SOA/NS/CNAME are decompressed on read and may be compressed on write (RFC 3597 4).
import {
  formatIPv4,
  formatIPv6,
  ipv4FromBytes,
  ipv4ToBytes,
  parseIPv4,
  parseIPv6,
  Writer,
} from '@kea-ts/util';
import { RRType } from './constants.js';
import { badInput, malformed } from './errors.js';
import { type NameCompressor, readName, writeName } from './name.js';

export interface SoaData {
  mname: string;
  rname: string;
  serial: number;
  refresh: number;
  retry: number;
  expire: number;
  minimum: number;
}

export interface TsigData {
  algorithm: string;
  /** Seconds since the epoch (48 bits on the wire). */
  timeSigned: number;
  fudge: number;
  mac: Buffer;
  originalId: number;
  error: number;
  other: Buffer;
}

export type RData =
  | { kind: 'A'; address: string }
  | { kind: 'AAAA'; address: string }
  | { kind: 'PTR' | 'NS' | 'CNAME'; name: string }
  | { kind: 'DHCID'; data: Buffer }
  | { kind: 'TXT'; strings: Buffer[] }
  | ({ kind: 'SOA' } & SoaData)
  | ({ kind: 'TSIG' } & TsigData)
  | { kind: 'raw'; data: Buffer };

/** Writes RDATA (without its length). `compressor` is used only for the RFC 1035 types. */
export function writeRData(w: Writer, data: RData, compressor: NameCompressor | null): void {
  switch (data.kind) {
    case 'A':
      w.bytes(ipv4ToBytes(parseIPv4(data.address)));
      return;
    case 'AAAA':
      w.bytes(parseIPv6(data.address));
      return;
    case 'PTR':
    case 'NS':
    case 'CNAME':
      if (compressor) compressor.write(w, data.name);
      else writeName(w, data.name);
      return;
    case 'SOA':
      for (const n of [data.mname, data.rname]) {
        if (compressor) compressor.write(w, n);
        else writeName(w, n);
      }
      w.u32(data.serial).u32(data.refresh).u32(data.retry).u32(data.expire).u32(data.minimum);
      return;
    case 'TXT':
      for (const s of data.strings) {
        if (s.length > 255) throw badInput('TXT character-string longer than 255 octets');
        w.u8(s.length).bytes(s);
      }
      return;
    case 'TSIG':
      writeName(w, data.algorithm);
      w.u16(Math.floor(data.timeSigned / 0x1_0000_0000)).u32(data.timeSigned % 0x1_0000_0000);
      w.u16(data.fudge).u16(data.mac.length).bytes(data.mac);
      w.u16(data.originalId).u16(data.error).u16(data.other.length).bytes(data.other);
      return;
    case 'DHCID':
    case 'raw':
      w.bytes(data.data);
      return;
  }
}

/** Encodes RDATA alone, uncompressed (for building TSIG and for tests). */
export function encodeRData(data: RData): Buffer {
  const w = new Writer(64);
  writeRData(w, data, null);
  return w.toBuffer();
}

/** Reads `len` bytes of RDATA of `type` at `offset` of the whole message `msg`. */
export function readRData(msg: Buffer, offset: number, len: number, type: number): RData {
  const end = offset + len;
  if (end > msg.length) throw malformed(`RDATA at offset ${offset} runs past the end of the message`);
  const body = msg.subarray(offset, end);
  const exact = (n: number, what: string): void => {
    if (len !== n) throw malformed(`${what} RDATA of ${len} octets at offset ${offset}, expected ${n}`);
  };
  const nameIn = (at: number): { name: string; next: number } => {
    const r = readName(msg, at);
    if (r.next > end) throw malformed(`name in RDATA at offset ${at} runs past its RDATA`);
    return r;
  };
  switch (type) {
    case RRType.A:
      exact(4, 'A');
      return { kind: 'A', address: formatIPv4(ipv4FromBytes(body)) };
    case RRType.AAAA:
      exact(16, 'AAAA');
      return { kind: 'AAAA', address: formatIPv6(body) };
    case RRType.PTR:
    case RRType.NS:
    case RRType.CNAME: {
      const r = nameIn(offset);
      if (r.next !== end) throw malformed(`trailing octets in RDATA at offset ${offset}`);
      const kind = type === RRType.PTR ? 'PTR' : type === RRType.NS ? 'NS' : 'CNAME';
      return { kind, name: r.name };
    }
    case RRType.SOA: {
      const m = nameIn(offset);
      const r = nameIn(m.next);
      if (end - r.next !== 20) throw malformed(`SOA RDATA at offset ${offset} has a wrong length`);
      const n = (i: number): number => msg.readUInt32BE(r.next + 4 * i);
      return {
        kind: 'SOA',
        mname: m.name,
        rname: r.name,
        serial: n(0),
        refresh: n(1),
        retry: n(2),
        expire: n(3),
        minimum: n(4),
      };
    }
    case RRType.TXT: {
      const strings: Buffer[] = [];
      for (let p = 0; p < body.length; ) {
        const l = body[p]!;
        if (p + 1 + l > body.length) throw malformed(`TXT string at offset ${offset + p} overruns its RDATA`);
        strings.push(Buffer.from(body.subarray(p + 1, p + 1 + l)));
        p += 1 + l;
      }
      return { kind: 'TXT', strings };
    }
    case RRType.DHCID:
      return { kind: 'DHCID', data: Buffer.from(body) };
    case RRType.TSIG: {
      // RFC 8945 4.2: the algorithm name is never compressed.
      const a = readName(body, 0);
      let p = a.next;
      if (p + 10 > body.length) throw malformed(`TSIG RDATA at offset ${offset} is truncated`);
      const timeSigned = body.readUInt16BE(p) * 0x1_0000_0000 + body.readUInt32BE(p + 2);
      const fudge = body.readUInt16BE(p + 6);
      const macLen = body.readUInt16BE(p + 8);
      p += 10;
      if (p + macLen + 6 > body.length) throw malformed(`TSIG MAC at offset ${offset} is truncated`);
      const mac = Buffer.from(body.subarray(p, p + macLen));
      p += macLen;
      const originalId = body.readUInt16BE(p);
      const error = body.readUInt16BE(p + 2);
      const otherLen = body.readUInt16BE(p + 4);
      p += 6;
      if (p + otherLen !== body.length)
        throw malformed(`TSIG other data at offset ${offset} has a wrong length`);
      const other = Buffer.from(body.subarray(p));
      return { kind: 'TSIG', algorithm: a.name, timeSigned, fudge, mac, originalId, error, other };
    }
    default:
      return { kind: 'raw', data: Buffer.from(body) };
  }
}
