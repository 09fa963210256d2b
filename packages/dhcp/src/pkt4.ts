// Pkt4: a DHCPv4 message. Parsing checks the BOOTP header, the magic cookie and every option's
// framing (options field, then file and sname when option 52 overloads them) but decodes nothing:
// options stay raw slices of the received Buffer, indexed by code, concatenated per RFC 3396 only
// when asked. A parsed packet whose options nobody changed packs back to the very bytes received
// (option order, PADs and trailing padding kept); one whose options changed is laid out fresh.
// Slices share memory with the Buffer handed to parse(): give it a Buffer nobody reuses.

import { MessageType4 } from './defs/message-types.js';
import { DhcpPackError, DhcpParseError } from './errors.js';
import {
  BOOTP_MIN_SIZE,
  DHCP4_HEADER_LEN,
  DHCP4_OPTIONS_START,
  DHO_OVERLOAD,
  FILE_LEN,
  FILE_OFFSET,
  layoutCapacity4,
  orderCodes4,
  SNAME_LEN,
  SNAME_OFFSET,
  writeOptionAreas4,
} from './wire/layout4.js';
import { concatCode, scratchHas, takeScratch } from './wire/option-index.js';
import { messageTypePayload, Pkt4Options } from './wire/pkt4-options.js';
import { type Scan4Result, scanOptions4 } from './wire/tlv4.js';

export const BOOTREQUEST = 1;
export const BOOTREPLY = 2;
/** 99.130.83.99, RFC 2131 3. */
export const DHCP_MAGIC_COOKIE = 0x63825363;
/** Largest DHCP message in one UDP/IPv4 datagram. */
export const DHCP4_MAX_SIZE = 65507;

export interface Pkt4PackOptions {
  /**
   * Largest DHCP message (UDP payload) the receiver accepts; options beyond it go into file and
   * sname (overload) when those are unused. See Pkt4.maxReplySize. Default: one UDP datagram.
   */
  maxSize?: number;
  /**
   * Freshly laid out packets are zero padded up to this size. Default: 0 for DHCP messages (Kea 2.2
   * never pads them, and clients accept short answers), 300 (BOOTP_MIN_SIZE) for BOOTP packets
   * (no message type), whose clients expect the full 64-byte vendor area.
   */
  minSize?: number;
}

// Message types sent by servers (op BOOTREPLY), as Kea's DHCPTypeToBootpType maps them.
const M = MessageType4;
const REPLY_TYPES: ReadonlySet<number> = new Set([
  M.DHCPOFFER,
  M.DHCPACK,
  M.DHCPNAK,
  M.DHCPLEASEUNASSIGNED,
  M.DHCPLEASEUNKNOWN,
  M.DHCPLEASEACTIVE,
  M.DHCPLEASEQUERYDONE,
]);

const EMPTY = Buffer.alloc(0);
const scan: Scan4Result = { count: 0, endAt: -1 };

function u32(b: Buffer, at: number): number {
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

function putU32(b: Buffer, at: number, v: number): void {
  b[at] = v >>> 24;
  b[at + 1] = v >>> 16;
  b[at + 2] = v >>> 8;
  b[at + 3] = v;
}

/** Writes `value` into a field already zeroed. */
function putBytes(out: Buffer, at: number, size: number, value: Buffer, name: string): void {
  const n = value.length;
  if (n > size) throw new DhcpPackError(`${name} has ${n} bytes, the field holds ${size}`);
  if (n <= 16) for (let i = 0; i < n; i++) out[at + i] = value[i]!;
  else out.set(value, at);
}

function putField(out: Buffer, at: number, size: number, value: Buffer, name: string): void {
  if (value.length > size)
    throw new DhcpPackError(`${name} has ${value.length} bytes, the field holds ${size}`);
  out.set(value, at);
  if (value.length < size) out.fill(0, at + value.length, at + size);
}

export class Pkt4 extends Pkt4Options {
  op = BOOTREQUEST;
  htype = 1;
  hlen = 6;
  hops = 0;
  xid = 0;
  secs = 0;
  flags = 0;
  ciaddr = 0;
  yiaddr = 0;
  siaddr = 0;
  giaddr = 0;
  // chaddr, sname and file of a parsed packet are sliced on first read (a slice costs more than the
  // rest of the header); a field set since parse is written by pack(), an unset one is copied.
  private chaddrV: Buffer | null = null;
  private snameV: Buffer | null = null;
  private fileV: Buffer | null = null;
  private rawHlen = 0;

  /** The client hardware address: hlen bytes (at most 16); zero padded to 16 when packed. */
  get chaddr(): Buffer {
    if (this.chaddrV === null) {
      if (this.rawBuf.length === 0) return EMPTY;
      this.chaddrV = this.rawBuf.subarray(28, 28 + this.rawHlen);
      this.rawChaddr = this.chaddrV;
    }
    return this.chaddrV;
  }
  set chaddr(value: Buffer) {
    this.chaddrV = value;
  }

  /** Server host name field (at most 64 bytes, zero padded when packed). */
  get sname(): Buffer {
    if (this.snameV === null) {
      if (this.rawBuf.length === 0) return EMPTY;
      this.snameV = this.rawBuf.subarray(SNAME_OFFSET, SNAME_OFFSET + SNAME_LEN);
      this.rawSname = this.snameV;
    }
    return this.snameV;
  }
  set sname(value: Buffer) {
    this.snameV = value;
  }

  /** Boot file name field (at most 128 bytes, zero padded when packed). */
  get file(): Buffer {
    if (this.fileV === null) {
      if (this.rawBuf.length === 0) return EMPTY;
      this.fileV = this.rawBuf.subarray(FILE_OFFSET, FILE_OFFSET + FILE_LEN);
      this.rawFile = this.fileV;
    }
    return this.fileV;
  }
  set file(value: Buffer) {
    this.fileV = value;
  }

  /**
   * The received bytes, kept while the options are untouched: pack() then copies them and only
   * rewrites the header fields. null for built packets and once an option was set or deleted.
   */
  get raw(): Buffer | null {
    return this.mod === null && this.rawBuf.length > 0 ? this.rawBuf : null;
  }

  // The parse-time slices once read: a field still holding one has not been set since parse.
  private rawChaddr: Buffer | null = null;
  private rawSname: Buffer | null = null;
  private rawFile: Buffer | null = null;
  /** Option 52 as received (1 file, 2 sname, 3 both), 0 without overload. */
  private rawOverload = 0;

  /** A new packet (e.g. to send); `messageType` sets option 53 when given. */
  constructor(messageType?: number) {
    super();
    if (messageType !== undefined) {
      this.op = REPLY_TYPES.has(messageType) ? BOOTREPLY : BOOTREQUEST;
      this.setOption(53, messageTypePayload(messageType));
    }
  }

  /** Parses a received message. Throws DhcpParseError (only) when the bytes are not a DHCP message. */
  static parse(buf: Buffer): Pkt4 {
    const len = buf.length;
    if (len < DHCP4_OPTIONS_START) {
      throw new DhcpParseError(
        `DHCPv4 packet of ${len} bytes: header and magic cookie take ${DHCP4_OPTIONS_START}`,
      );
    }
    if (u32(buf, DHCP4_HEADER_LEN) !== DHCP_MAGIC_COOKIE) throw new DhcpParseError('bad DHCP magic cookie');
    const p = new Pkt4();
    p.op = buf[0]!;
    p.htype = buf[1]!;
    p.hlen = buf[2]!;
    p.hops = buf[3]!;
    p.xid = u32(buf, 4);
    p.secs = (buf[8]! << 8) | buf[9]!;
    p.flags = (buf[10]! << 8) | buf[11]!;
    p.ciaddr = u32(buf, 12);
    p.yiaddr = u32(buf, 16);
    p.siaddr = u32(buf, 20);
    p.giaddr = u32(buf, 24);
    p.rawHlen = Math.min(p.hlen, 16);

    scanOptions4(buf, DHCP4_OPTIONS_START, len, 0, true, 'options field', scan);
    let count = scan.count;
    // 52 is rare: look for it in the scratch triples before copying anything.
    const overload = scratchHas(count, DHO_OVERLOAD)
      ? concatCode(buf, takeScratch(count), count, DHO_OVERLOAD)
      : undefined;
    if (overload !== undefined) {
      const v = overload.length === 1 ? overload[0]! : 0;
      if (v < 1 || v > 3) throw new DhcpParseError(`option overload (52) must be 1 byte of 1, 2 or 3`);
      p.rawOverload = v;
      // RFC 2131 4.1: the options field, then file, then sname.
      if (v & 1) {
        scanOptions4(buf, FILE_OFFSET, FILE_OFFSET + FILE_LEN, count, true, 'file field (overload)', scan);
        count = scan.count;
      }
      if (v & 2) {
        scanOptions4(
          buf,
          SNAME_OFFSET,
          SNAME_OFFSET + SNAME_LEN,
          count,
          true,
          'sname field (overload)',
          scan,
        );
        count = scan.count;
      }
    }
    p.rawBuf = buf;
    p.entries = takeScratch(count);
    p.count = count;
    return p;
  }

  /**
   * Starts the answer to `request`: BOOTREPLY with its xid, htype/hlen/chaddr, hops, flags and
   * giaddr (Kea's Dhcpv4Exchange copies the same), option 53 set to `messageType`.
   */
  static reply(request: Pkt4, messageType: number): Pkt4 {
    const p = new Pkt4(messageType);
    p.op = BOOTREPLY;
    p.htype = request.htype;
    p.hlen = request.hlen;
    p.chaddr = request.chaddr;
    p.hops = request.hops;
    p.xid = request.xid;
    p.flags = request.flags;
    p.giaddr = request.giaddr;
    return p;
  }

  /**
   * The DHCP message size an answer to this packet may take: the client's option 57 (at least 576,
   * RFC 2132 9.10) less the IP and UDP headers (28), as RFC 2131 sizes the 576-byte minimum.
   */
  maxReplySize(): number {
    const mms = this.maxMessageSize;
    return (mms === undefined || mms < 576 ? 576 : mms) - 28;
  }

  /** Wire bytes: the received layout while options are untouched, else a fresh one. */
  pack(options?: Pkt4PackOptions): Buffer {
    const maxSize = options?.maxSize ?? DHCP4_MAX_SIZE;
    const raw = this.raw;
    if (raw !== null && raw.length <= maxSize && this.rawAreasIntact()) {
      const out = Buffer.allocUnsafe(raw.length);
      raw.copy(out);
      this.writeHeader(
        out,
        changed(this.chaddrV, this.rawChaddr),
        changed(this.snameV, this.rawSname),
        changed(this.fileV, this.rawFile),
      );
      return out;
    }
    const minSize = options?.minSize ?? (this.hasOption(53) ? 0 : BOOTP_MIN_SIZE);
    return this.packFresh(maxSize, minSize);
  }

  /** False when sname/file were replaced while received options live in them. */
  private rawAreasIntact(): boolean {
    if (this.rawOverload & 1 && changed(this.fileV, this.rawFile)) return false;
    if (this.rawOverload & 2 && changed(this.snameV, this.rawSname)) return false;
    return true;
  }

  private packFresh(maxSize: number, minSize: number): Buffer {
    const mod = this.modified();
    const codes: number[] = [];
    for (const code of mod.keys()) codes.push(code);
    orderCodes4(codes);
    const payloads: Buffer[] = new Array(codes.length);
    for (let i = 0; i < codes.length; i++) payloads[i] = mod.get(codes[i]!)!;
    const out = Buffer.allocUnsafe(layoutCapacity4(payloads, maxSize, minSize));
    // One fill for chaddr, sname and file, then only the bytes in use (fills are native calls).
    out.fill(0, 28, DHCP4_HEADER_LEN);
    this.writeHeader(out, false, false, false);
    putBytes(out, 28, 16, this.chaddr, 'chaddr');
    putBytes(out, SNAME_OFFSET, SNAME_LEN, this.sname, 'sname');
    putBytes(out, FILE_OFFSET, FILE_LEN, this.file, 'file');
    putU32(out, DHCP4_HEADER_LEN, DHCP_MAGIC_COOKIE);
    const fileFree = this.file.length === 0 || isZero(this.file);
    const snameFree = this.sname.length === 0 || isZero(this.sname);
    const len = writeOptionAreas4(out, codes, payloads, maxSize, minSize, fileFree, snameFree);
    return len === out.length ? out : out.subarray(0, len);
  }

  private writeHeader(out: Buffer, chaddr: boolean, sname: boolean, file: boolean): void {
    out[0] = this.op;
    out[1] = this.htype;
    out[2] = this.hlen;
    out[3] = this.hops;
    putU32(out, 4, this.xid);
    out[8] = this.secs >>> 8;
    out[9] = this.secs;
    out[10] = this.flags >>> 8;
    out[11] = this.flags;
    putU32(out, 12, this.ciaddr);
    putU32(out, 16, this.yiaddr);
    putU32(out, 20, this.siaddr);
    putU32(out, 24, this.giaddr);
    if (chaddr) putField(out, 28, 16, this.chaddr, 'chaddr');
    if (sname) putField(out, SNAME_OFFSET, SNAME_LEN, this.sname, 'sname');
    if (file) putField(out, FILE_OFFSET, FILE_LEN, this.file, 'file');
  }

  /** After the first change the received overload no longer holds: its fields become free. */
  protected override onFirstChange(): void {
    if (this.rawOverload & 1 && !changed(this.fileV, this.rawFile)) this.file = EMPTY;
    if (this.rawOverload & 2 && !changed(this.snameV, this.rawSname)) this.sname = EMPTY;
  }
}

/** A header field of a parsed packet was set since parse (read-only access leaves value === raw). */
function changed(value: Buffer | null, raw: Buffer | null): boolean {
  return value !== null && value !== raw;
}

function isZero(b: Buffer): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] !== 0) return false;
  return true;
}
