// Ethernet II + IPv4 + UDP framing for replies to clients that have no address yet (dhcp-socket-type
// raw): the frame is written into a buffer the caller reuses, so a send allocates nothing.

export const ETH_HEADER_LEN = 14;
export const IPV4_HEADER_LEN = 20;
export const UDP_HEADER_LEN = 8;
export const FRAME_OVERHEAD = ETH_HEADER_LEN + IPV4_HEADER_LEN + UDP_HEADER_LEN;

// Kea's direct replies carry TTL 128 and TOS "low delay"; kept so captures compare equal.
const TTL = 128;
const TOS_LOWDELAY = 0x10;

/** One's-complement sum of 16-bit big-endian words (odd last byte padded with zero), not yet folded. */
function sum16(buf: Uint8Array, start: number, end: number, initial: number): number {
  let sum = initial;
  let i = start;
  for (; i + 1 < end; i += 2) sum += (buf[i]! << 8) | buf[i + 1]!;
  if (i < end) sum += buf[i]! << 8;
  return sum;
}

function fold(sum: number): number {
  let s = sum;
  while (s > 0xffff) s = (s & 0xffff) + Math.floor(s / 0x10000);
  return s;
}

/** The Internet checksum (RFC 1071) of buf[start, end). */
export function internetChecksum(buf: Uint8Array, start: number, end: number, initial = 0): number {
  return ~fold(sum16(buf, start, end, initial)) & 0xffff;
}

export interface FrameAddresses {
  dstMac: Uint8Array;
  srcMac: Uint8Array;
  srcIp: number;
  dstIp: number;
  srcPort: number;
  dstPort: number;
}

/**
 * Writes the frame for `payload` into `out` and returns its length. `out` must hold
 * FRAME_OVERHEAD + payload.length bytes (the caller checks against the interface MTU).
 */
export function writeUdpFrame(out: Buffer, a: FrameAddresses, payload: Uint8Array): number {
  const udpLen = UDP_HEADER_LEN + payload.length;
  const ipLen = IPV4_HEADER_LEN + udpLen;
  // Ethernet II
  out.set(a.dstMac.subarray(0, 6), 0);
  out.set(a.srcMac.subarray(0, 6), 6);
  out[12] = 0x08;
  out[13] = 0x00;
  // IPv4 header, no options
  const ip = ETH_HEADER_LEN;
  out[ip] = 0x45;
  out[ip + 1] = TOS_LOWDELAY;
  out.writeUInt16BE(ipLen, ip + 2);
  out.writeUInt32BE(0, ip + 4); // identification 0, no fragment flags: DHCP fits one frame
  out[ip + 8] = TTL;
  out[ip + 9] = 17; // UDP
  out.writeUInt16BE(0, ip + 10);
  out.writeUInt32BE(a.srcIp >>> 0, ip + 12);
  out.writeUInt32BE(a.dstIp >>> 0, ip + 16);
  out.writeUInt16BE(internetChecksum(out, ip, ip + IPV4_HEADER_LEN), ip + 10);
  // UDP header + payload
  const udp = ip + IPV4_HEADER_LEN;
  out.writeUInt16BE(a.srcPort, udp);
  out.writeUInt16BE(a.dstPort, udp + 2);
  out.writeUInt16BE(udpLen, udp + 4);
  out.writeUInt16BE(0, udp + 6);
  out.set(payload, udp + UDP_HEADER_LEN);
  // Pseudo header: source, destination, protocol, UDP length.
  let pseudo = (a.srcIp >>> 16) + (a.srcIp & 0xffff) + (a.dstIp >>> 16) + (a.dstIp & 0xffff) + 17 + udpLen;
  pseudo = sum16(out, udp, udp + udpLen, pseudo);
  let csum = ~fold(pseudo) & 0xffff;
  if (csum === 0) csum = 0xffff; // RFC 768: a computed zero is sent as all ones
  out.writeUInt16BE(csum, udp + 6);
  return ETH_HEADER_LEN + ipLen;
}
