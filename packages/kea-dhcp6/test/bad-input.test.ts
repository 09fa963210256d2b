// 100,000 mutated packets (bit flips, truncations, stretched lengths, deep relay nesting, IA_NA inside
// IA_NA, oversized options) through inject(): none throws, every packet that gets no answer is counted
// as a drop (CONFIRM without addresses, which Kea leaves unanswered and uncounted, aside), and the
// server still answers a clean SOLICIT afterwards.
import { DhcpParseError, Pkt6 } from '@kea-ts/dhcp';
import { configureLoggers } from '@kea-ts/log';
import t from 'tap';
import { CLIENT_DUID, iaNa, iaPd, message, opt, oro, relayForw } from './helpers/packets.js';
import { baseConfig, multicast, startServer } from './helpers/server.js';

const cid = opt(1, CLIENT_DUID);

/** A small deterministic generator, so a failure can be replayed. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

function seeds(): Buffer[] {
  const sol = message(1, 1, cid, opt(8, Buffer.alloc(2)), oro(23, 67), iaNa(1), iaPd(2));
  const req = message(
    3,
    2,
    cid,
    opt(2, Buffer.from('000300010200000006f1', 'hex')),
    iaNa(1, ['2001:db8:1::100']),
  );
  let deep = message(1, 3, cid, iaNa(1));
  for (let i = 0; i < 33; i++)
    deep = relayForw(i, '2001:db8:2::1', 'fe80::2', deep, opt(18, Buffer.from('x')));
  const nested = message(1, 4, cid, opt(3, Buffer.concat([Buffer.alloc(12), iaNa(9), iaNa(10)])));
  const big = message(11, 5, cid, opt(6, Buffer.alloc(4000, 0x17)));
  return [sol, req, relayForw(0, '2001:db8:2::1', 'fe80::2', sol), deep, nested, big];
}

function mutate(b: Buffer, r: () => number): Buffer {
  const out = Buffer.from(b);
  const kind = Math.floor(r() * 4);
  if (kind === 0) {
    for (let i = 0; i < 1 + r() * 4; i++) out[Math.floor(r() * out.length)]! ^= 1 << Math.floor(r() * 8);
    return out;
  }
  if (kind === 1) return out.subarray(0, Math.floor(r() * out.length));
  if (kind === 2) {
    // An option length stretched past the end, or shrunk into the middle of the next option.
    const at = 4 + 2 * Math.floor((r() * (out.length - 6)) / 2);
    if (at + 2 <= out.length) out.writeUInt16BE(Math.floor(r() * 0x10000), at);
    return out;
  }
  return Buffer.concat([out, Buffer.from([...Array(Math.floor(r() * 40))].map(() => Math.floor(r() * 256)))]);
}

function innerType(b: Buffer): number | null {
  try {
    return Pkt6.parse(b).msgType;
  } catch (err) {
    if (err instanceof DhcpParseError) return null;
    throw err;
  }
}

t.test('100,000 mutated packets', { timeout: 300_000 }, async (t) => {
  // One log line per bad packet would cost more than the packets themselves.
  configureLoggers([
    { name: 'kea-dhcp6', severity: 'FATAL' },
    { name: 'kea', severity: 'FATAL' },
  ]);
  const s = await startServer(baseConfig());
  t.teardown(s.teardown);
  const r = rng(0x6b656136);
  const base = seeds();
  const N = 100_000;
  let answered = 0;
  let silentConfirms = 0;
  for (let i = 0; i < N; i++) {
    const p = mutate(base[i % base.length]!, r);
    const out = await s.server.inject(p, multicast());
    if (out !== null) answered++;
    else if (innerType(p) === 4) silentConfirms++;
  }
  const stat = async (name: string) => {
    const a = await s.server.command({ command: 'statistic-get', arguments: { name } });
    return (a.arguments as Record<string, [number, string][]>)[name]![0]![0];
  };
  const received = await stat('pkt6-received');
  const dropped = await stat('pkt6-receive-drop');
  const sent = await stat('pkt6-sent');
  t.equal(received, N, 'every packet counted as received');
  t.equal(sent, answered, 'every answer counted as sent');
  t.ok(received - sent - dropped <= silentConfirms, 'every other packet counted as a drop');
  t.ok((await stat('pkt6-parse-failed')) > 0, 'parse failures among them');
  t.ok(await s.server.inject(message(1, 7, cid, iaNa(77)), multicast()), 'still serving');
});
