// Byte-level DHCPv6 messages for the system tests, built by hand (not with the server's encoders, so the
// tests check the wire format on their own): options, IA_NA / IA_PD with their IAADDR / IAPREFIX, ORO,
// client messages and RELAY-FORW layers; and the few readers the tests need on answers (top-level
// options, the canonical text of an address). Self-contained: system tests import no package test code.

/** One option: code, length and payload (bytes, or hex text). */
export function opt(code: number, payload: Buffer | string): Buffer {
  const p = typeof payload === 'string' ? Buffer.from(payload, 'hex') : payload;
  const h = Buffer.alloc(4);
  h.writeUInt16BE(code, 0);
  h.writeUInt16BE(p.length, 2);
  return Buffer.concat([h, p]);
}

/** The 16 bytes of an IPv6 address in text form ('::' allowed, no embedded IPv4). */
export function v6(text: string): Buffer {
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parts = (s: string | undefined) => (s ? s.split(':').map((x) => Number.parseInt(x, 16)) : []);
  const h = parts(head);
  const tl = parts(tail);
  const all = [...h, ...new Array(8 - h.length - tl.length).fill(0), ...tl];
  const b = Buffer.alloc(16);
  all.forEach((x, i) => {
    b.writeUInt16BE(x, i * 2);
  });
  return b;
}

/** An IPv6 address in its canonical (compressed, RFC 5952) text form, from text or 16 bytes. */
export function v6Text(addr: string | Buffer): string {
  const text =
    typeof addr === 'string'
      ? addr
      : Array.from({ length: 8 }, (_, i) => addr.readUInt16BE(i * 2).toString(16)).join(':');
  return new URL(`http://[${text}]/`).hostname.slice(1, -1);
}

/** 32-bit big-endian numbers, one after the other. */
export function u32(...v: number[]): Buffer {
  const b = Buffer.alloc(v.length * 4);
  v.forEach((x, i) => {
    b.writeUInt32BE(x, i * 4);
  });
  return b;
}

/** IAADDR (5): an address with the preferred and valid lifetimes asked for (0: no wish). */
export const iaAddr = (address: string, preferred = 0, valid = 0, ...options: Buffer[]) =>
  opt(5, Buffer.concat([v6(address), u32(preferred, valid), ...options]));

/** IAPREFIX (26): a prefix and its length with the lifetimes asked for. */
export const iaPrefix = (prefix: string, len: number, preferred = 0, valid = 0, ...options: Buffer[]) =>
  opt(26, Buffer.concat([u32(preferred, valid), Buffer.from([len]), v6(prefix), ...options]));

/** An IA (IA_NA 3 or IA_PD 25) with T1 and T2 0 around the given sub-options. */
export const ia = (code: 3 | 25, iaid: number, ...options: Buffer[]) =>
  opt(code, Buffer.concat([u32(iaid, 0, 0), ...options]));

/** IA_NA with an IAADDR hint for each address given. */
export const na = (iaid: number, ...addresses: string[]) => ia(3, iaid, ...addresses.map((a) => iaAddr(a)));

/** IA_PD with an IAPREFIX hint for each [prefix, length] given. */
export const pd = (iaid: number, ...prefixes: [string, number][]) =>
  ia(25, iaid, ...prefixes.map(([p, l]) => iaPrefix(p, l)));

/** Option Request Option (6) asking for the given codes. */
export function oro(...codes: number[]): Buffer {
  const b = Buffer.alloc(codes.length * 2);
  codes.forEach((c, i) => {
    b.writeUInt16BE(c, i * 2);
  });
  return opt(6, b);
}

/** Elapsed time (8) 0, as a first transmission carries. */
export const elapsed = opt(8, '0000');
/** Rapid commit (14). */
export const rapid = opt(14, Buffer.alloc(0));

/** A client message: type, 24-bit transaction id and options. */
export const message = (type: number, xid: number, ...options: Buffer[]) =>
  Buffer.concat([Buffer.from([type, xid >> 16, (xid >> 8) & 255, xid & 255]), ...options]);

/** A RELAY-FORW up to (not including) its relay-message option. */
export const relayHead = (hop: number, link: string, peer: string, ...options: Buffer[]) =>
  Buffer.concat([Buffer.from([12, hop]), v6(link), v6(peer), ...options]);

/** A RELAY-FORW around `inner` (its relay-message option last). */
export const relay = (hop: number, link: string, peer: string, inner: Buffer, ...options: Buffer[]) =>
  Buffer.concat([relayHead(hop, link, peer, ...options), opt(9, inner)]);

/** The options of a message (from offset 4) or of an option (from 16 in an IA), each with its header. */
export function options(b: Buffer, from = 4): [number, Buffer][] {
  const out: [number, Buffer][] = [];
  for (let p = from; p + 4 <= b.length; ) {
    const l = b.readUInt16BE(p + 2);
    out.push([b.readUInt16BE(p), b.subarray(p, p + 4 + l)]);
    p += 4 + l;
  }
  return out;
}
