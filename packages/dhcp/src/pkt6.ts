// Pkt6: a DHCPv6 message (RFC 8415), relayed or not. Parsing unwraps RELAY-FORW/RELAY-REPL layers
// in a loop (no recursion; at most 32 layers, RFC 8415's HOP_COUNT_LIMIT) into `relays`, outermost
// first; the innermost client/server message is the Pkt6 itself. Options stay raw slices of the
// received Buffer until asked for. A parsed message whose options and relay options nobody changed
// packs back to the received bytes; otherwise it is laid out fresh as Kea writes it: options by
// code, each relay layer's options then its relay-msg. Slices share memory with the parsed Buffer.

import { MessageType6 } from './defs/message-types.js';
import { DhcpPackError, DhcpParseError } from './errors.js';
import { Pkt4, type Pkt4PackOptions } from './pkt4.js';
import { type OptionInstance, SCRATCH, takeScratch } from './wire/option-index.js';
import { Pkt6Options } from './wire/pkt6-options.js';
import { scanOptions6, writeOption6 } from './wire/tlv6.js';

/** RFC 8415 7.6: a relay agent drops messages relayed this many times already. */
export const HOP_COUNT_LIMIT = 32;
const RELAY_HEADER_LEN = 34;
const D6O_RELAY_MSG = 9;
const D6O_INTERFACE_ID = 18;
const D6O_RELAY_SOURCE_PORT = 135;
const D6O_DHCPV4_MSG = 87;

/** One RELAY-FORW or RELAY-REPL wrapper. */
export interface RelayLayer {
  msgType: number;
  hopCount: number;
  /** 16 bytes. */
  linkAddress: Buffer;
  /** 16 bytes. */
  peerAddress: Buffer;
  /** The layer's options other than relay-msg, in order; relay-msg follows them when packed. */
  options: OptionInstance[];
}

/** What parse saw of a layer, to tell whether the received bytes still describe it. */
interface ReceivedLayer {
  layer: RelayLayer;
  at: number;
  options: OptionInstance[];
  codes: number[];
  payloads: Buffer[];
}

function isRelay(type: number): boolean {
  return type === MessageType6.RELAY_FORW || type === MessageType6.RELAY_REPL;
}

export class Pkt6 extends Pkt6Options {
  msgType = 0;
  /** 24-bit transaction id (the flags field in DHCPV4-QUERY/RESPONSE, RFC 7341). */
  transactionId = 0;
  /** Relay layers, outermost first; empty for a message that was not relayed. */
  relays: RelayLayer[] = [];

  private received: ReceivedLayer[] | null = null;
  /** Offset of the innermost message in the received Buffer. */
  private innerAt = 0;

  constructor(msgType?: number, transactionId?: number) {
    super();
    if (msgType !== undefined) {
      this.msgType = msgType;
      this.transactionId = transactionId ?? 0;
      this.mod = [];
    }
  }

  /** Parses a received message. Throws DhcpParseError (only) when the bytes are not DHCPv6. */
  static parse(buf: Buffer): Pkt6 {
    const p = new Pkt6();
    let pos = 0;
    let end = buf.length;
    while (end - pos >= 1 && isRelay(buf[pos]!)) {
      if (p.relays.length >= HOP_COUNT_LIMIT) {
        throw new DhcpParseError(`message relayed more than ${HOP_COUNT_LIMIT} times`);
      }
      const level = p.relays.length;
      if (end - pos < RELAY_HEADER_LEN) {
        throw new DhcpParseError(
          `relay layer ${level}: ${end - pos} bytes, its header takes ${RELAY_HEADER_LEN}`,
        );
      }
      const count = scanOptions6(buf, pos + RELAY_HEADER_LEN, end, 0, `relay layer ${level}`);
      let msgAt = -1;
      let msgLen = 0;
      const options: OptionInstance[] = [];
      for (let i = 0; i < count; i++) {
        const code = SCRATCH[i * 3]!;
        const s = SCRATCH[i * 3 + 1]!;
        const n = SCRATCH[i * 3 + 2]!;
        if (code === D6O_RELAY_MSG) {
          if (msgAt >= 0) throw new DhcpParseError(`relay layer ${level}: more than one relay-msg`);
          msgAt = s;
          msgLen = n;
        } else {
          options.push({ code, payload: buf.subarray(s, s + n) });
        }
      }
      if (msgAt < 0 || msgLen === 0)
        throw new DhcpParseError(`relay layer ${level}: relay-msg missing or empty`);
      const layer: RelayLayer = {
        msgType: buf[pos]!,
        hopCount: buf[pos + 1]!,
        linkAddress: buf.subarray(pos + 2, pos + 18),
        peerAddress: buf.subarray(pos + 18, pos + 34),
        options,
      };
      p.relays.push(layer);
      p.received ??= [];
      p.received.push({
        layer,
        at: pos,
        options,
        codes: options.map((o) => o.code),
        payloads: options.map((o) => o.payload),
      });
      pos = msgAt;
      end = msgAt + msgLen;
    }
    if (end - pos < 4) throw new DhcpParseError(`DHCPv6 message of ${end - pos} bytes: its header takes 4`);
    p.msgType = buf[pos]!;
    p.transactionId = (buf[pos + 1]! << 16) | (buf[pos + 2]! << 8) | buf[pos + 3]!;
    const count = scanOptions6(buf, pos + 4, end, 0, 'options');
    p.rawBuf = buf;
    p.innerAt = pos;
    p.entries = takeScratch(count);
    p.count = count;
    return p;
  }

  /**
   * Starts the answer to `request`: same transaction id, and its relay layers as RELAY-REPL with
   * the same hop count, link and peer addresses, echoing interface-id (18) and relay-source-port
   * (135) as Kea's copyRelayInfo does.
   */
  static reply(request: Pkt6, msgType: number): Pkt6 {
    const p = new Pkt6(msgType, request.transactionId);
    p.relays = request.relays.map((l) => ({
      msgType: MessageType6.RELAY_REPL,
      hopCount: l.hopCount,
      linkAddress: l.linkAddress,
      peerAddress: l.peerAddress,
      options: l.options.filter((o) => o.code === D6O_INTERFACE_ID || o.code === D6O_RELAY_SOURCE_PORT),
    }));
    return p;
  }

  /** The received bytes while they still describe this message (nothing but header fields changed). */
  get raw(): Buffer | null {
    if (this.mod !== null || this.rawBuf.length === 0) return null;
    const received = this.received;
    const relays = this.relays;
    if (received === null) return relays.length === 0 ? this.rawBuf : null;
    if (relays.length !== received.length) return null;
    for (let i = 0; i < received.length; i++) {
      const r = received[i]!;
      if (relays[i] !== r.layer || r.layer.options !== r.options || r.options.length !== r.codes.length)
        return null;
      for (let j = 0; j < r.codes.length; j++) {
        const o = r.options[j]!;
        if (o.code !== r.codes[j] || o.payload !== r.payloads[j]) return null;
      }
    }
    return this.rawBuf;
  }

  /** The DHCPv4 message carried in DHCPV4-QUERY/RESPONSE (option 87, RFC 7341), parsed. */
  dhcp4Message(): Pkt4 | undefined {
    const v = this.getOption(D6O_DHCPV4_MSG);
    return v === undefined ? undefined : Pkt4.parse(v);
  }

  /** Puts `message` into option 87 (packed without BOOTP padding unless asked). */
  setDhcp4Message(message: Pkt4, options?: Pkt4PackOptions): void {
    this.setOption(D6O_DHCPV4_MSG, message.pack({ minSize: 0, ...options }));
  }

  pack(): Buffer {
    const raw = this.raw;
    if (raw !== null) {
      const out = Buffer.allocUnsafe(raw.length);
      raw.copy(out);
      if (this.received !== null) for (const r of this.received) writeRelayHeader(out, r.at, r.layer);
      this.writeHeader(out, this.innerAt);
      return out;
    }
    return this.packFresh();
  }

  private packFresh(): Buffer {
    // Kea's option container is ordered by code; sort is stable so repeated codes keep their order.
    const opts = this.modified()
      .slice()
      .sort((a, b) => a.code - b.code);
    let size = 4;
    for (const o of opts) size += 4 + o.payload.length;
    const relays = this.relays;
    const layerSizes: number[] = new Array(relays.length);
    for (let i = relays.length - 1; i >= 0; i--) {
      if (size > 0xffff) throw new DhcpPackError(`relay-msg of ${size} bytes does not fit its 16-bit length`);
      let own = RELAY_HEADER_LEN + 4;
      for (const o of relays[i]!.options) {
        if (o.code === D6O_RELAY_MSG)
          throw new DhcpPackError('relay layer options must not hold a relay-msg');
        own += 4 + o.payload.length;
      }
      layerSizes[i] = size;
      size += own;
    }
    const out = Buffer.allocUnsafe(size);
    let pos = 0;
    for (let i = 0; i < relays.length; i++) {
      const layer = relays[i]!;
      writeRelayHeader(out, pos, layer);
      pos += RELAY_HEADER_LEN;
      for (const o of layer.options) pos = writeOption6(out, pos, o.code, o.payload);
      out[pos] = 0;
      out[pos + 1] = D6O_RELAY_MSG;
      out[pos + 2] = layerSizes[i]! >>> 8;
      out[pos + 3] = layerSizes[i]! & 0xff;
      pos += 4;
    }
    this.writeHeader(out, pos);
    pos += 4;
    for (const o of opts) pos = writeOption6(out, pos, o.code, o.payload);
    return out;
  }

  private writeHeader(out: Buffer, at: number): void {
    out[at] = this.msgType;
    out[at + 1] = this.transactionId >>> 16;
    out[at + 2] = this.transactionId >>> 8;
    out[at + 3] = this.transactionId;
  }
}

function writeRelayHeader(out: Buffer, at: number, layer: RelayLayer): void {
  if (layer.linkAddress.length !== 16 || layer.peerAddress.length !== 16) {
    throw new DhcpPackError('relay link and peer addresses must be 16 bytes');
  }
  out[at] = layer.msgType;
  out[at + 1] = layer.hopCount;
  out.set(layer.linkAddress, at + 2);
  out.set(layer.peerAddress, at + 18);
}
