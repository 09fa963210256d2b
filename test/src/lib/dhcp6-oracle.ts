// The DHCPv6 oracle tests' shared parts: the sender script that plays scenarios (lib/dhcp6-oracle-
// scenarios shapes) from the client namespace and records each answer, the scenarios as it reads them,
// and the decoded form of an answer (relay layers, IA options and their sub-options) compared with Kea's.
import { senderInput } from './dhcp4-oracle.js';
import type { Scenario } from './dhcp6-oracle-scenarios.js';

/** The scenarios as the sender reads them (packets and relay headers in hex). */
export function senderInput6(list: Scenario[]): string {
  return senderInput(list, (st) => ({ layers: st.layers?.map((l) => l.toString('hex')) }));
}

// Runs in the client namespace: plays the steps in order, one answer (hex or null) per step.
export const SENDER6 = `
import dgram from 'node:dgram';
import { readFileSync } from 'node:fs';
const scenarios = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const open = (port) => new Promise((resolve) => {
  const s = dgram.createSocket({ type: 'udp6', reuseAddr: true });
  s.bind(port, '::', () => resolve(s));
});
const s546 = await open(546);
const s547 = await open(547);
let waiter = null;
for (const s of [s546, s547]) s.on('message', (m) => { if (waiter) waiter(m); });
const options = (b, from) => { const out = []; for (let p = from; p + 4 <= b.length;) { const c = b.readUInt16BE(p); const l = b.readUInt16BE(p + 2); out.push([c, b.subarray(p, p + 4 + l)]); p += 4 + l; } return out; };
// The client message inside any relay layers (RELAY-FORW 12, RELAY-REPL 13).
const inner = (b) => { while (b.length >= 34 && (b[0] === 12 || b[0] === 13)) { const m = options(b, 34).find(([c]) => c === 9); if (!m) return b; b = m[1].subarray(4); } return b; };
const opt = (c, b) => { const h = Buffer.alloc(4); h.writeUInt16BE(c); h.writeUInt16BE(b.length, 2); return Buffer.concat([h, b]); };
// Sends p and waits up to ms for the answer to the same client transaction (a late answer to an
// earlier one is ignored).
const ask = (p, sock, ms) => new Promise((resolve) => {
  const xid = inner(p).readUIntBE(1, 3);
  const timer = setTimeout(() => { waiter = null; resolve(null); }, ms);
  waiter = (m) => { const i = inner(m); if (i.length < 4 || i.readUIntBE(1, 3) !== xid) return; clearTimeout(timer); waiter = null; resolve(m); };
  sock.send(p, 547, 'ff02::1:2%c0');
});
// Warm-up: the server answers an INFORMATION-REQUEST once its sockets are up (neighbour discovery too).
const warm = Buffer.from('0b0000010001000a000300010200000007ff', 'hex');
for (let i = 0; i < 40 && !(await ask(warm, s546, 250)); i++);
const out = [];
for (const sc of scenarios) {
  const answers = [];
  let last = null;
  for (const st of sc.steps) {
    if (st.sleep) await new Promise((r) => setTimeout(r, st.sleep));
    let p = Buffer.from(st.hex, 'hex');
    if (st.copyIas && last) p = Buffer.concat([p, ...options(last, 4).filter(([c]) => c === 3 || c === 25).map(([, raw]) => raw)]);
    for (const head of [...(st.layers ?? [])].reverse()) p = Buffer.concat([Buffer.from(head, 'hex'), opt(9, p)]);
    const a = await ask(p, st.relayed || st.layers ? s547 : s546, 1000);
    if (a) last = inner(a);
    answers.push(a ? a.toString('hex') : null);
  }
  out.push(answers);
}
process.stdout.write(JSON.stringify(out));
process.exit(0);
`;

const CONTAINERS = new Set([3, 25, 5, 26]);
/** A message as nested [code, hex | nested] lists: relay layers, IA options and their sub-options. */
export function decode6(hex: string | null): unknown {
  if (hex === null) return null;
  const walk = (b: Buffer, code: number): unknown => {
    const at = code === 3 || code === 25 ? 12 : code === 5 ? 24 : code === 26 ? 25 : -1;
    if (at < 0) return b.toString('hex');
    return { head: b.subarray(0, at).toString('hex'), subs: list(b, at) };
  };
  const list = (b: Buffer, from: number) => {
    const out: unknown[] = [];
    for (let p = from; p + 4 <= b.length; ) {
      const c = b.readUInt16BE(p);
      const l = b.readUInt16BE(p + 2);
      const v = b.subarray(p + 4, p + 4 + l);
      out.push([c, c === 9 ? message(v) : CONTAINERS.has(c) ? walk(v, c) : v.toString('hex')]);
      p += 4 + l;
    }
    return out;
  };
  const message = (b: Buffer): unknown =>
    b[0] === 13
      ? { relay: b.subarray(0, 34).toString('hex'), options: list(b, 34) }
      : { type: b[0], xid: b.readUIntBE(1, 3), options: list(b, 4) };
  return message(Buffer.from(hex, 'hex'));
}
