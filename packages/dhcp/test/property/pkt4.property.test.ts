// Property test for Pkt4 over 200,000 random and mutated packets: parse returns a packet or throws
// DhcpParseError, nothing else; a parsed packet packs back to its bytes; getters throw only
// DhcpParseError; a changed packet packs (or throws DhcpPackError) and parses back to the same
// option values. Seeds: real captures, Kea's answers, overload, RFC 3396 splits, a 60 KB option.
import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import t from 'tap';
import { DhcpPackError, DhcpParseError } from '../../src/errors.js';
import { Pkt4 } from '../../src/pkt4.js';
import { fixture } from '../wire/helpers.js';
import { heapMb, mutateBytes, Rng, randomBytes } from './mutate.js';

const RUNS = 200_000;

function seeds(): Buffer[] {
  const out: Buffer[] = [];
  for (const f of readdirSync(new URL('../../../test/fixtures/oracle/', import.meta.url))) {
    if (!f.startsWith('kea4-') || f === 'kea4-all-options.json') continue;
    const o = fixture<{ request: string; answer: string }>(`oracle/${f}`);
    out.push(Buffer.from(o.request, 'hex'), Buffer.from(o.answer, 'hex'));
  }
  for (const f of readdirSync(new URL('../../../test/fixtures/captures/', import.meta.url))) {
    const c = fixture<{ family?: number; packets?: { hex: string }[] }>(`captures/${f}`);
    if (c.family === 4) for (const p of c.packets ?? []) out.push(Buffer.from(p.hex, 'hex'));
  }
  const overloaded = new Pkt4(2);
  for (const code of [12, 15, 17, 66, 67]) overloaded.setOption(code, Buffer.alloc(40, code));
  out.push(overloaded.pack({ maxSize: 300 }));
  const split = new Pkt4(5);
  split.setOption(43, Buffer.alloc(700, 7));
  split.setOption(82, Buffer.from('0104657468300202abcd', 'hex'));
  out.push(split.pack());
  const huge = new Pkt4(5);
  huge.setOption(77, Buffer.alloc(60_000, 0x41));
  out.push(huge.pack());
  const bootp = new Pkt4();
  out.push(bootp.pack({ minSize: 0 }));
  return out;
}

/** v4-specific damage: overload values, options written into file/sname, bad lengths. */
function mutate4(rng: Rng, seed: Buffer): Buffer {
  const kind = rng.int(10);
  if (kind === 0) return randomBytes(rng, 700);
  if (kind === 1) {
    const b = randomBytes(rng, 400);
    if (b.length >= 240) b.writeUInt32BE(0x63825363, 236);
    return b;
  }
  let b = mutateBytes(rng, seed, 1 + rng.int(4));
  if (b.length >= 243 && rng.next() < 0.3) {
    // option 52 first, with any value, pointing file/sname at whatever they hold
    b = Buffer.concat([
      b.subarray(0, 240),
      Buffer.from([52, 1, rng.pick([0, 1, 2, 3, 4, 0xff])]),
      b.subarray(240),
    ]);
  }
  if (b.length >= 240 && rng.next() < 0.2) {
    // an option header in file or sname running past the field
    const at = rng.next() < 0.5 ? 108 + rng.int(128) : 44 + rng.int(64);
    b[at] = rng.int(256);
    if (at + 1 < 236) b[at + 1] = rng.int(256);
  }
  return b;
}

const getters: ((p: Pkt4) => unknown)[] = [
  (p) => p.messageType,
  (p) => p.requestedAddress,
  (p) => p.serverId,
  (p) => p.leaseTime,
  (p) => p.maxMessageSize,
  (p) => p.maxReplySize(),
  (p) => p.parameterRequestList,
  (p) => p.clientId,
  (p) => p.hostname,
  (p) => p.vendorClassId,
  (p) => p.agentInfo(),
  (p) => p.agentSubOption(1),
];

const stats = { parsed: 0, rejected: 0, repacked: 0, packErrors: 0 };

function check(rng: Rng, b: Buffer): void {
  let p: Pkt4;
  try {
    p = Pkt4.parse(b);
  } catch (e) {
    if (e instanceof DhcpParseError) {
      stats.rejected++;
      return;
    }
    throw e;
  }
  stats.parsed++;
  if (!p.pack().equals(b)) throw new Error('a parsed packet did not pack back to its bytes');
  for (const g of getters) {
    try {
      g(p);
    } catch (e) {
      if (!(e instanceof DhcpParseError)) throw e;
    }
  }
  p.setOption(250, Buffer.from([rng.byte()]));
  const want = [...p.options()];
  let fresh: Buffer;
  try {
    fresh = p.pack(rng.next() < 0.5 ? { maxSize: 548 } : undefined);
  } catch (e) {
    if (e instanceof DhcpPackError) {
      stats.packErrors++;
      return;
    }
    throw e;
  }
  const q = Pkt4.parse(fresh);
  for (const [code, value] of want) {
    if (!q.getOption(code)?.equals(value)) throw new Error(`option ${code} changed through a fresh pack`);
  }
  stats.repacked++;
}

t.test(`Pkt4: ${RUNS} random and mutated packets`, (t) => {
  const base = seeds();
  for (const s of base) Pkt4.parse(s); // the seeds themselves are valid
  const heapBefore = heapMb();
  const started = process.hrtime.bigint();
  fc.assert(
    fc.property(fc.integer(), fc.nat(base.length - 1), (seed, which) => {
      const rng = new Rng(seed);
      check(rng, mutate4(rng, base[which]!));
    }),
    { numRuns: RUNS },
  );
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const growth = heapMb() - heapBefore;
  t.comment(`${RUNS} runs in ${ms.toFixed(0)} ms; ${JSON.stringify(stats)}; heap +${growth.toFixed(1)} MB`);
  t.ok(stats.parsed > RUNS / 20, 'a fair share of the mutants still parse');
  t.ok(stats.rejected > RUNS / 20, 'a fair share are rejected');
  t.ok(growth < 256, 'heap growth stays bounded');
  t.end();
});
