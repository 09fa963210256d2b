// Real traffic: packets tcpdump captured from dhclient and Kea 2.2 (test/fixtures/captures, made by
// scripts/capture) parse and pack back byte for byte.
import { readdirSync } from 'node:fs';
import t from 'tap';
import { Pkt6 } from '../src/pkt6.js';
import { fixture } from './wire/helpers.js';

interface Capture {
  family: number;
  program: string;
  packets: { from: string; message: string; hex: string }[];
}

const dir = new URL('../../test/fixtures/captures/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('kea'));

t.test('captured DHCPv6 packets round-trip', (t) => {
  let seen = 0;
  for (const f of files) {
    const c = fixture<Capture>(`captures/${f}`);
    if (c.family !== 6) continue;
    for (const pkt of c.packets) {
      const bytes = Buffer.from(pkt.hex, 'hex');
      const p = Pkt6.parse(bytes);
      t.ok(p.msgType > 0, `${f} ${pkt.from} ${pkt.message}: message type ${p.msgType}`);
      t.same(p.pack(), bytes, `${f} ${pkt.from} ${pkt.message}: parse + pack`);
      seen++;
    }
  }
  t.ok(seen >= 4, `${seen} packets`);
  t.end();
});

interface Oracle {
  request: string;
  answer: string;
}

t.test("Kea 2.2's DHCPv6 exchanges: received bytes kept, fresh layout equals Kea's", (t) => {
  for (const name of ['solicit', 'request', 'information-request', 'relay-solicit']) {
    const f = fixture<Oracle>(`oracle/kea6-${name}.json`);
    for (const which of ['request', 'answer'] as const) {
      const bytes = Buffer.from(f[which], 'hex');
      t.same(Pkt6.parse(bytes).pack(), bytes, `${name} ${which}: parse + pack`);
    }
    // Kea packs options by code and each relay layer's options before its relay-msg.
    const answer = Buffer.from(f.answer, 'hex');
    const p = Pkt6.parse(answer);
    p.setOption(1, p.getOption(1)!);
    t.equal(p.raw, null);
    t.same(p.pack(), answer, `${name} answer: fresh layout is Kea's`);
  }
  t.end();
});

t.test("Pkt6.reply to Kea's relayed request wraps like Kea's answer", (t) => {
  const f = fixture<Oracle>('oracle/kea6-relay-solicit.json');
  const req = Pkt6.parse(Buffer.from(f.request, 'hex'));
  const kea = Pkt6.parse(Buffer.from(f.answer, 'hex'));
  const ours = Pkt6.reply(req, kea.msgType);
  for (const o of kea.options()) ours.addOption(o.code, o.payload);
  t.same(ours.pack(), Buffer.from(f.answer, 'hex'));
  t.end();
});
