// Real clients on the wire: every packet tcpdump captured between dhclient (-4, -6, -6 -P), udhcpc,
// dhcpcd (-4, -6), perfdhcp (-4, -6) and real Kea 2.2 decodes without error, names the message the
// capture saw, and packs back byte for byte; laid out afresh it still carries the same options, and
// Kea's own answers laid out afresh are Kea's bytes (our layout rules are Kea's).
import t, { type Test } from 'tap';
import { Pkt4 } from '../../src/pkt4.js';
import { Pkt6 } from '../../src/pkt6.js';
import { type CapturedPacket, captures, ip4, NAMES4, NAMES6, rebuild4 } from './capture-helpers.js';

// Every program the capture script runs: a file for each, so a lost capture fails here.
const PROGRAMS = [
  'dhclient-4',
  'dhclient-6',
  'dhclient-6-pd',
  'dhcpcd-4',
  'dhcpcd-6',
  'perfdhcp-4',
  'perfdhcp-6',
  'udhcpc-4',
];

const all = captures();

t.test('a capture of every client, both directions', (t) => {
  t.same(all.map(([f]) => f.replace(/\.json$/, '')).sort(), PROGRAMS);
  for (const [f, c] of all) {
    const dirs = new Set(c.packets.map((p) => p.direction));
    t.ok(dirs.has('client-to-server') && dirs.has('server-to-client'), `${f}: ${c.packets.length} packets`);
    const kinds = c.packets.map((p) => p.message).join(' ');
    const exchange = c.family === 4 ? 'DISCOVER OFFER REQUEST ACK' : 'SOLICIT ADVERTISE REQUEST REPLY';
    t.ok(kinds.includes(exchange), `${f}: a whole ${exchange} (${c.program})`);
  }
  t.end();
});

function checkV4(t: Test, f: string, pkt: CapturedPacket, i: number): void {
  const what = `${f} #${i} ${pkt.from} ${pkt.message}`;
  const bytes = Buffer.from(pkt.hex, 'hex');
  const p = Pkt4.parse(bytes);
  t.equal(NAMES4[p.messageType], pkt.message, `${what}: message type`);
  t.equal(p.op, pkt.direction === 'client-to-server' ? 1 : 2, `${what}: op`);
  t.same(p.pack(), bytes, `${what}: parse + pack is byte for byte`);
  if (pkt.direction === 'server-to-client' && p.messageType !== 6) {
    t.equal(p.yiaddr >>> 8, ip4('192.0.2.0') >>> 8, `${what}: yiaddr in 192.0.2.0/24`);
  }
  // Laid out afresh (built anew as a server builds an answer): same header and options.
  const before = [...p.options()].map(([code, v]) => `${code}=${v.toString('hex')}`);
  const relaid = rebuild4(p).pack({ minSize: 0 });
  const back = Pkt4.parse(relaid);
  t.same(
    [...back.options()].map(([code, v]) => `${code}=${v.toString('hex')}`).sort(),
    before.slice().sort(),
    `${what}: fresh layout keeps every option`,
  );
  t.same(
    [back.xid, back.chaddr, back.ciaddr, back.flags],
    [p.xid, p.chaddr, p.ciaddr, p.flags],
    `${what}: header`,
  );
  // Kea 2.2 pads nothing (Pkt4::pack writes END and stops): with no minimum size ours is Kea's.
  if (pkt.from.startsWith('kea')) t.same(relaid, bytes, `${what}: fresh layout (no minimum size) is Kea's`);
}

function checkV6(t: Test, f: string, pkt: CapturedPacket, i: number): void {
  const what = `${f} #${i} ${pkt.from} ${pkt.message}`;
  const bytes = Buffer.from(pkt.hex, 'hex');
  const p = Pkt6.parse(bytes);
  t.equal(NAMES6[p.relays[0]?.msgType ?? p.msgType], pkt.message, `${what}: message type`);
  t.same(p.pack(), bytes, `${what}: parse + pack is byte for byte`);
  t.ok(p.clientId && p.clientId.length >= 4, `${what}: client-id`);
  // IA_NA and IA_PD carry their nested options intact.
  for (const code of [3, 25]) {
    for (const ia of p.getOptions(code)) {
      const subs = Pkt6.suboptions(code, ia);
      t.same(
        Buffer.concat(subs.map((s) => Buffer.concat([u16(s.code), u16(s.payload.length), s.payload]))),
        ia.subarray(12),
        `${what}: IA ${code} nested options`,
      );
    }
  }
  const fresh = Pkt6.parse(bytes);
  fresh.setOption(1, fresh.getOption(1)!);
  const relaid = fresh.pack();
  const key = (q: Pkt6) =>
    q
      .options()
      .map((o) => `${o.code}=${o.payload.toString('hex')}`)
      .sort();
  const back = Pkt6.parse(relaid);
  t.same(key(back), key(p), `${what}: fresh layout keeps every option`);
  t.equal(back.transactionId, p.transactionId, `${what}: transaction id`);
  if (pkt.from.startsWith('kea')) t.same(relaid, bytes, `${what}: fresh layout is Kea's`);
}

function u16(v: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(v);
  return b;
}

for (const [f, c] of all) {
  t.test(`${f}: ${c.program}`, (t) => {
    c.packets.forEach((pkt, i) => {
      if (c.family === 4) checkV4(t, f, pkt, i);
      else checkV6(t, f, pkt, i);
    });
    // Every answer answers a request of the same transaction.
    const xid = (p: CapturedPacket) =>
      c.family === 4
        ? Pkt4.parse(Buffer.from(p.hex, 'hex')).xid
        : Pkt6.parse(Buffer.from(p.hex, 'hex')).transactionId;
    const asked = new Set(c.packets.filter((p) => p.direction === 'client-to-server').map(xid));
    for (const p of c.packets.filter((q) => q.direction === 'server-to-client')) {
      t.ok(asked.has(xid(p)), `${f} ${p.message}: transaction ${xid(p).toString(16)} was asked for`);
    }
    t.end();
  });
}

// Kea 2.2 never pads DHCP answers (dhcpcd's are 291 bytes): neither do we by default.
t.test("Kea's short answers with Pkt4.pack() defaults", (t) => {
  for (const [f, c] of all) {
    if (c.family !== 4) continue;
    for (const pkt of c.packets.filter((p) => p.from.startsWith('kea'))) {
      const bytes = Buffer.from(pkt.hex, 'hex');
      t.same(rebuild4(Pkt4.parse(bytes)).pack(), bytes, `${f} ${pkt.message} (${bytes.length} bytes)`);
    }
  }
  t.end();
});
