// The DHCPv4 oracle tests' shared parts: requests built by hand (not by our codec), the sender script
// that plays them in order from the client namespace and records each answer, and the decoded form of
// an answer (header fields and every option's bytes, in order) the tests compare with Kea's.
export type Opt = [number, number[] | Buffer];

export interface Step {
  packet: Buffer;
  /** Where the request goes: broadcast from port 68, or unicast to the server from port 67 (relay) or 68. */
  to: 'broadcast' | 'server';
  src: 67 | 68;
  /** Offset of option 50's payload, filled with the yiaddr of the previous answer. */
  patch50?: number;
  /** Fill ciaddr with the yiaddr of the previous answer (renewals and releases). */
  patchCiaddr?: boolean;
  /** How long to wait for an answer (ms, default 1500); a RELEASE expects none. */
  wait?: number;
  /** Pause before sending (ms). */
  sleep?: number;
}

export interface Scenario {
  name: string;
  steps: Step[];
}

export function macOf(n: number): number[] {
  return [0x02, 0x00, 0x00, 0x00, (n >> 8) & 255, n & 255];
}

export function build(o: {
  type: number;
  mac: number[];
  xid: number;
  ciaddr?: number[];
  giaddr?: number[];
  flags?: number;
  hops?: number;
  opts?: Opt[];
}): { packet: Buffer; at50?: number } {
  const h = Buffer.alloc(240);
  h[0] = 1;
  h[1] = 1;
  h[2] = 6;
  h[3] = o.hops ?? 0;
  h.writeUInt32BE(o.xid, 4);
  h.writeUInt16BE(o.flags ?? 0, 10);
  Buffer.from(o.ciaddr ?? [0, 0, 0, 0]).copy(h, 12);
  Buffer.from(o.giaddr ?? [0, 0, 0, 0]).copy(h, 24);
  Buffer.from(o.mac).copy(h, 28);
  h.writeUInt32BE(0x63825363, 236);
  const parts: Buffer[] = [h, Buffer.from([53, 1, o.type])];
  let at = 243;
  let at50: number | undefined;
  for (const [code, data] of o.opts ?? []) {
    const d = Buffer.from(data);
    if (code === 50) at50 = at + 2;
    parts.push(Buffer.from([code, d.length]), d);
    at += 2 + d.length;
  }
  parts.push(Buffer.from([255]));
  return { packet: Buffer.concat(parts), ...(at50 !== undefined ? { at50 } : {}) };
}

/** The scenarios as the sender scripts read them: packets in hex, plus what `extra` adds per step. */
export function senderInput<S extends { packet: Buffer }>(
  list: readonly { name: string; steps: readonly S[] }[],
  extra: (step: S) => Record<string, unknown> = () => ({}),
): string {
  return JSON.stringify(
    list.map((s) => ({
      name: s.name,
      steps: s.steps.map((st) => ({
        ...st,
        packet: undefined,
        hex: st.packet.toString('hex'),
        ...extra(st),
      })),
    })),
  );
}

// Runs in the client namespace: plays the steps in order, one answer (hex or null) per step.
export const SENDER = `
import dgram from 'node:dgram';
import { readFileSync } from 'node:fs';
const scenarios = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const open = (port) => new Promise((resolve) => {
  const s = dgram.createSocket({ type: 'udp4', reuseAddr: true });
  s.bind(port, '0.0.0.0', () => { s.setBroadcast(true); resolve(s); });
});
const s67 = await open(67);
const s68 = await open(68);
const waiting = new Map();
for (const s of [s67, s68]) s.on('message', (m) => {
  if (m.length < 240 || m[0] !== 2) return;
  const w = waiting.get(m.readUInt32BE(4));
  if (w) { waiting.delete(m.readUInt32BE(4)); w(m); }
});
const out = [];
for (const sc of scenarios) {
  const answers = [];
  let last = null;
  for (const st of sc.steps) {
    if (st.sleep) await new Promise((r) => setTimeout(r, st.sleep));
    const p = Buffer.from(st.hex, 'hex');
    if (st.patch50 !== undefined && last) last.copy(p, st.patch50, 16, 20);
    if (st.patchCiaddr && last) last.copy(p, 12, 16, 20);
    const xid = p.readUInt32BE(4);
    const got = new Promise((resolve) => {
      const timer = setTimeout(() => { waiting.delete(xid); resolve(null); }, st.wait ?? 1500);
      waiting.set(xid, (m) => { clearTimeout(timer); resolve(m); });
    });
    (st.src === 67 ? s67 : s68).send(p, 67, st.to === 'broadcast' ? '255.255.255.255' : '192.0.2.1');
    const a = await got;
    if (a) last = a;
    answers.push(a ? a.toString('hex') : null);
  }
  out.push(answers);
}
process.stdout.write(JSON.stringify(out));
process.exit(0);
`;

/** Header fields and options (code -> hex, in order) of an answer. */
export function decode(hex: string | null): Record<string, unknown> | null {
  if (hex === null) return null;
  const b = Buffer.from(hex, 'hex');
  const ipOf = (at: number) => [...b.subarray(at, at + 4)].join('.');
  const options: [number, string][] = [];
  for (let i = 240; i < b.length; ) {
    const code = b[i]!;
    if (code === 255) break;
    if (code === 0) {
      i++;
      continue;
    }
    const len = b[i + 1]!;
    options.push([code, b.subarray(i + 2, i + 2 + len).toString('hex')]);
    i += 2 + len;
  }
  return {
    op: b[0],
    hops: b[3],
    xid: b.readUInt32BE(4),
    flags: b.readUInt16BE(10),
    ciaddr: ipOf(12),
    yiaddr: ipOf(16),
    siaddr: ipOf(20),
    giaddr: ipOf(24),
    chaddr: b.subarray(28, 44).toString('hex'),
    sname: b.subarray(44, 108).toString('latin1').replace(/\0+$/, ''),
    file: b.subarray(108, 236).toString('latin1').replace(/\0+$/, ''),
    options,
  };
}
