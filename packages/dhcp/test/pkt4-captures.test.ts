// Real traffic: packets tcpdump captured from dhclient and Kea 2.2 (test/fixtures/captures, made by
// scripts/capture) parse and pack back byte for byte.
import { readdirSync } from 'node:fs';
import t from 'tap';
import { Pkt4 } from '../src/pkt4.js';
import { fixture } from './wire/helpers.js';

interface Capture {
  family: number;
  program: string;
  packets: { from: string; message: string; hex: string }[];
}

const dir = new URL('../../test/fixtures/captures/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('kea'));

t.test('captured DHCPv4 packets round-trip', (t) => {
  let seen = 0;
  for (const f of files) {
    const c = fixture<Capture>(`captures/${f}`);
    if (c.family !== 4) continue;
    for (const pkt of c.packets) {
      const bytes = Buffer.from(pkt.hex, 'hex');
      const p = Pkt4.parse(bytes);
      t.ok(p.messageType > 0, `${f} ${pkt.from} ${pkt.message}: message type ${p.messageType}`);
      t.same(p.pack(), bytes, `${f} ${pkt.from} ${pkt.message}: parse + pack`);
      seen++;
    }
  }
  t.ok(seen >= 4, `${seen} packets`);
  t.end();
});
