// Property test for Pkt6 over 200,000 random and mutated messages: parse returns a message or
// throws DhcpParseError, nothing else; a parsed message packs back to its bytes; nested options and
// the 4o6 DHCPv4 message read on demand throw only DhcpParseError; a changed message packs (or
// throws DhcpPackError) and parses back to the same options and relay layers. Seeds: real captures,
// Kea's answers, relay chains (2, 32 and 100 deep), 4o6, a 64 KB option.
import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import t from 'tap';
import { DhcpPackError, DhcpParseError } from '../../src/errors.js';
import { Pkt4 } from '../../src/pkt4.js';
import { Pkt6 } from '../../src/pkt6.js';
import { NESTED_OPTIONS_OFFSET6 } from '../../src/wire/tlv6.js';
import { fixture } from '../wire/helpers.js';
import { heapMb, mutateBytes, Rng, randomBytes } from './mutate.js';

const RUNS = 200_000;

/** `msg` inside `depth` RELAY-FORW layers, each with an interface-id before its relay-msg. */
function wrap(msg: Buffer, depth: number): Buffer {
  let b = msg;
  for (let i = 0; i < depth; i++) {
    const head = Buffer.alloc(34 + 8 + 4);
    head[0] = 12;
    head[1] = depth - 1 - i;
    head.writeUInt16BE(18, 34); // interface-id "ifid"
    head.writeUInt16BE(4, 36);
    head.write('ifid', 38);
    head.writeUInt16BE(9, 42);
    head.writeUInt16BE(Math.min(b.length, 0xffff), 44);
    b = Buffer.concat([head, b]);
  }
  return b;
}

function seeds(): Buffer[] {
  const out: Buffer[] = [];
  for (const f of readdirSync(new URL('../../../test/fixtures/oracle/', import.meta.url))) {
    if (!f.startsWith('kea6-') || f === 'kea6-all-options.json') continue;
    const o = fixture<{ request: string; answer: string }>(`oracle/${f}`);
    out.push(Buffer.from(o.request, 'hex'), Buffer.from(o.answer, 'hex'));
  }
  for (const f of readdirSync(new URL('../../../test/fixtures/captures/', import.meta.url))) {
    const c = fixture<{ family?: number; packets?: { hex: string }[] }>(`captures/${f}`);
    if (c.family === 6) for (const p of c.packets ?? []) out.push(Buffer.from(p.hex, 'hex'));
  }
  const solicit = out[0]!;
  out.push(wrap(solicit, 2), wrap(solicit, 32), wrap(solicit, 100));
  const q = new Pkt6(20, 0x800000);
  const v4 = new Pkt4(1);
  v4.setOption(61, Buffer.from('01020304050607', 'hex'));
  q.setDhcp4Message(v4);
  out.push(q.pack());
  const big = new Pkt6(7, 1);
  big.addOption(17, Buffer.concat([Buffer.from('00000009', 'hex'), Buffer.alloc(65_000, 1)]));
  out.push(big.pack());
  return out;
}

function mutate6(rng: Rng, seed: Buffer): Buffer {
  const kind = rng.int(10);
  if (kind === 0) return randomBytes(rng, 300);
  let b = kind === 1 ? seed : mutateBytes(rng, seed, 1 + rng.int(4));
  if (rng.next() < 0.15) b = wrap(b, rng.int(40)); // relay chains, valid or around damage
  return b;
}

const stats = { parsed: 0, rejected: 0, relayed: 0, repacked: 0, packErrors: 0 };

function probe(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof DhcpParseError)) throw e;
  }
}

function check(rng: Rng, b: Buffer): void {
  let p: Pkt6;
  try {
    p = Pkt6.parse(b);
  } catch (e) {
    if (e instanceof DhcpParseError) {
      stats.rejected++;
      return;
    }
    throw e;
  }
  stats.parsed++;
  if (p.relays.length > 0) stats.relayed++;
  if (!p.pack().equals(b)) throw new Error('a parsed message did not pack back to its bytes');
  for (const o of p.options()) {
    if (NESTED_OPTIONS_OFFSET6.has(o.code)) probe(() => Pkt6.suboptions(o.code, o.payload));
  }
  probe(() => p.dhcp4Message());
  const relays = p.relays.length;
  p.addOption(0xfff0, Buffer.from([rng.byte()]));
  const want = p.options();
  let fresh: Buffer;
  try {
    fresh = p.pack();
  } catch (e) {
    if (e instanceof DhcpPackError) {
      stats.packErrors++;
      return;
    }
    throw e;
  }
  const q = Pkt6.parse(fresh);
  const got = q.options();
  if (q.relays.length !== relays || got.length !== want.length) throw new Error('fresh pack lost something');
  // Fresh layout orders by code (stably): compare as sorted lists.
  want.sort((x, y) => x.code - y.code);
  for (let i = 0; i < want.length; i++) {
    if (got[i]!.code !== want[i]!.code || !got[i]!.payload.equals(want[i]!.payload)) {
      throw new Error(`option ${want[i]!.code} changed through a fresh pack`);
    }
  }
  stats.repacked++;
}

t.test(`Pkt6: ${RUNS} random and mutated messages`, (t) => {
  const base = seeds();
  for (const s of base.slice(0, -4)) Pkt6.parse(s);
  const heapBefore = heapMb();
  const started = process.hrtime.bigint();
  fc.assert(
    fc.property(fc.integer(), fc.nat(base.length - 1), (seed, which) => {
      const rng = new Rng(seed);
      check(rng, mutate6(rng, base[which]!));
    }),
    { numRuns: RUNS },
  );
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const growth = heapMb() - heapBefore;
  t.comment(`${RUNS} runs in ${ms.toFixed(0)} ms; ${JSON.stringify(stats)}; heap +${growth.toFixed(1)} MB`);
  t.ok(stats.parsed > RUNS / 20, 'a fair share of the mutants still parse');
  t.ok(stats.relayed > RUNS / 50, 'relayed ones among them');
  t.ok(stats.rejected > RUNS / 20, 'a fair share are rejected');
  t.ok(growth < 256, 'heap growth stays bounded');
  t.end();
});
