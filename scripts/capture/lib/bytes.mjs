// Hand-built DHCP packets for the capture scripts (they must not depend on the codec they test) and a
// minimal option walk used only to report which options came back.

export class ByteWriter {
  constructor() {
    this.parts = [];
  }
  u8(v) {
    this.parts.push(Buffer.from([v & 0xff]));
    return this;
  }
  u16(v) {
    const b = Buffer.alloc(2);
    b.writeUInt16BE(v);
    this.parts.push(b);
    return this;
  }
  u32(v) {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(v >>> 0);
    this.parts.push(b);
    return this;
  }
  bytes(b) {
    this.parts.push(Buffer.from(b));
    return this;
  }
  zeros(n) {
    this.parts.push(Buffer.alloc(n));
    return this;
  }
  ipv4(text) {
    return this.bytes(text.split('.').map(Number));
  }
  /** v4 option: 1-byte code, 1-byte length. */
  opt4(code, payload) {
    const p = Buffer.from(payload);
    if (p.length > 255) throw new Error(`option ${code} too long for one v4 option`);
    return this.u8(code).u8(p.length).bytes(p);
  }
  /** v6 option: 2-byte code, 2-byte length. */
  opt6(code, payload) {
    const p = Buffer.from(payload);
    return this.u16(code).u16(p.length).bytes(p);
  }
  build() {
    return Buffer.concat(this.parts);
  }
}

export const w = () => new ByteWriter();

export function macBytes(mac) {
  return Buffer.from(mac.split(':').map((h) => Number.parseInt(h, 16)));
}

/** Options of a v4 packet (after the magic cookie), as [code, payload] in wire order; stops at END. */
export function walk4(buf) {
  const out = [];
  let i = 240;
  while (i < buf.length) {
    const code = buf[i];
    if (code === 0) {
      i++;
      continue;
    }
    if (code === 255) break;
    const len = buf[i + 1];
    out.push([code, buf.subarray(i + 2, i + 2 + len)]);
    i += 2 + len;
  }
  return out;
}

/** Options of a v6 option area, as [code, payload] in wire order. */
export function walk6(buf, start = 4) {
  const out = [];
  let i = start;
  while (i + 4 <= buf.length) {
    const code = buf.readUInt16BE(i);
    const len = buf.readUInt16BE(i + 2);
    out.push([code, buf.subarray(i + 4, i + 4 + len)]);
    i += 4 + len;
  }
  return out;
}

export function ipv6Bytes(text) {
  const [head, tail] = text.includes('::') ? text.split('::') : [text, null];
  const hs = head ? head.split(':') : [];
  const ts = tail ? tail.split(':') : [];
  const groups = tail === null ? hs : [...hs, ...Array(8 - hs.length - ts.length).fill('0'), ...ts];
  const b = Buffer.alloc(16);
  groups.forEach((g, k) => {
    b.writeUInt16BE(Number.parseInt(g, 16), k * 2);
  });
  return b;
}
