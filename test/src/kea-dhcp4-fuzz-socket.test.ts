// Bad input over the socket under load: while Debian's perfdhcp drives DORA exchanges (as a relay,
// 192.0.2.2 -> 192.0.2.1) a sender in the client namespace sends 100,000 mutated DHCPv4 packets to the
// server's port 67 over UDP (valid DISCOVER/REQUEST bytes truncated, bytes flipped, wrong option lengths,
// option-overload loops, huge options, a broken magic cookie). Afterwards the daemon is still up and
// completes a normal exchange; every packet the server read is either handled as a message or counted as
// dropped (pkt4-parse-failed / pkt4-receive-drop), compared with pkt4-received so kernel-level loss is
// allowed; and at debuglevel 15 the drops are in the log with their DHCP4_PACKET_DROP_* IDs.
// Server and client namespaces (unique per run) joined by a veth pair, 192.0.2.0/24 only, removed
// whatever happens. Needs root, iproute2 and perfdhcp (kea-admin).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { settledStatistics } from './lib/control.js';
import { bin, startProgram, tempDir, waitForFile, writeJson } from './lib/harness.js';
import { canUseNetns, netnsPair } from './lib/netns.js';

const canRun = canUseNetns() && existsSync('/usr/sbin/perfdhcp');

// Runs in the client namespace: 100,000 mutated packets from 192.0.2.2 to 192.0.2.1:67, paced in
// bursts so the sender itself does not overrun its socket; prints how many sendto calls succeeded.
const SENDER = `
import dgram from 'node:dgram';
const s = dgram.createSocket('udp4');
await new Promise((r) => s.bind(0, '192.0.2.2', r));
let seed = 12345;
const rnd = (n) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
function base(type, i) {
  const b = Buffer.alloc(240);
  b[0] = 1; b[1] = 1; b[2] = 6; b[3] = 1; b.writeUInt32BE(0xf0000000 + i, 4);
  Buffer.from([0xc0, 0, 2, 2]).copy(b, 24);
  Buffer.from([2, 0xee, (i >> 16) & 255, (i >> 8) & 255, i & 255, 1]).copy(b, 28);
  b.writeUInt32BE(0x63825363, 236);
  const o = [53, 1, type, 61, 7, 1, 2, 0xee, (i >> 16) & 255, (i >> 8) & 255, i & 255, 1, 55, 3, 1, 3, 6];
  if (type === 3) o.push(50, 4, 10, 0, 0, 9, 54, 4, 192, 0, 2, 1);
  return Buffer.concat([b, Buffer.from([...o, 255])]);
}
function mutate(i) {
  const p = base(rnd(2) ? 1 : 3, i);
  switch (i % 7) {
    case 0: return p.subarray(0, rnd(p.length - 1)); // truncated (maybe inside the header)
    case 1: { for (let k = 0, n = 1 + rnd(8); k < n; k++) p[rnd(p.length)] = rnd(256); return p; } // flipped bytes
    case 2: { p[241] = 200 + rnd(56); return p; } // option 53 with a length past the end
    case 3: { // option overload loop: 52 says file and sname hold options, they hold 52 again
      p.fill(0, 44, 236); p[44] = 52; p[45] = 1; p[46] = 3; p[47] = 255; p[108] = 52; p[109] = 1; p[110] = 3; p[111] = 255;
      return Buffer.concat([p.subarray(0, 240), Buffer.from([52, 1, 3, 53, 1, 1, 255])]);
    }
    case 4: { // huge options: many 255-byte options, the last one cut short
      const parts = [p.subarray(0, 240), Buffer.from([53, 1, 1])];
      for (let k = 0; k < 5; k++) parts.push(Buffer.from([224 + k, 255]), Buffer.alloc(255, k));
      parts.push(Buffer.from([250, 255, 1, 2, 3]));
      return Buffer.concat(parts);
    }
    case 5: { p.writeUInt32BE(rnd(0x7fffffff), 236); return p; } // broken magic cookie
    default: { // an option length that swallows the rest, options without an end
      const q = Buffer.from(p.subarray(0, p.length - 1)); q[243] = 60; q[244] = 255; return q;
    }
  }
}
let ok = 0;
for (let i = 0; i < 100000; i++) {
  await new Promise((r) => s.send(mutate(i), 67, '192.0.2.1', (e) => { if (!e) ok++; r(); }));
  if (i % 200 === 199) await new Promise((r) => setTimeout(r, 2));
}
process.stdout.write(String(ok) + '\\n');
s.close();
`;

t.test(
  '100,000 mutated packets under perfdhcp load leave kea-dhcp4 up and serving',
  { skip: canRun ? false : 'needs root, ip netns and perfdhcp', timeout: 90_000 },
  async (t) => {
    const dir = tempDir(t, 'kd4fz-');
    const net = await netnsPair(t, 'kd4fz');

    const sock = join(dir, 'kea4.sock');
    const log = join(dir, 'kea-dhcp4.log');
    const conf = writeJson(join(dir, 'kea-dhcp4.conf'), {
      Dhcp4: {
        'interfaces-config': { interfaces: ['s0'], 'dhcp-socket-type': 'udp' },
        'control-socket': { 'socket-type': 'unix', 'socket-name': sock },
        'lease-database': { type: 'memfile', name: join(dir, 'leases4.csv'), 'lfc-interval': 0 },
        'valid-lifetime': 3600,
        subnet4: [
          {
            id: 1,
            subnet: '10.0.0.0/8',
            relay: { 'ip-addresses': ['192.0.2.2'] },
            pools: [{ pool: '10.0.0.1 - 10.255.255.254' }],
          },
        ],
        loggers: [
          {
            name: 'kea-dhcp4',
            severity: 'DEBUG',
            debuglevel: 15,
            output_options: [{ output: log, maxsize: 0 }],
          },
        ],
      },
    });
    const server = startProgram(t, ...net.argv(net.server, bin('kea-dhcp4'), ['-c', conf]), {
      KEA_PIDFILE_DIR: dir,
      KEA_LOCKFILE_DIR: dir,
    });
    await waitForFile(log, /DHCP4_STARTED/);

    // perfdhcp: 500 DORA/s for 20 s, relayed from 192.0.2.2.
    const perf = net.start(
      net.client,
      'perfdhcp',
      '-4 -l 192.0.2.2 -r 500 -R 1000000 -p 20 -d 1 -W 1000000 192.0.2.1'.split(' '),
    );
    await new Promise((r) => setTimeout(r, 2000));

    const script = join(dir, 'sender.mjs');
    writeFileSync(script, SENDER);
    const sent = net.run(net.client, process.execPath, [script], { timeout: 60_000 });
    t.equal(sent.status, 0, `sender ran\n${sent.stderr}`);
    const sentOk = Number(sent.stdout.trim());
    t.equal(sentOk, 100000, 'the sender sent 100,000 mutated packets');
    await perf.exited;
    const perfOut = perf.output();

    t.equal(server.child.exitCode, null, 'the daemon is still running');
    const m =
      /sent packets: (\d+)[\s\S]*?received packets: (\d+)[\s\S]*?sent packets: (\d+)[\s\S]*?received packets: (\d+)/.exec(
        perfOut,
      );
    t.ok(m, `perfdhcp report\n${perfOut.slice(perfOut.indexOf('***Rate'))}`);
    const [discovers, offers, requests, acks] = (m ?? []).slice(1).map(Number) as number[];
    t.ok(
      acks! > 0,
      `perfdhcp under fuzz: ${discovers} DISCOVER, ${offers} OFFER, ${requests} REQUEST, ${acks} ACK`,
    );

    // Let the queue drain, then read the figures.
    const s = await settledStatistics(sock, 'pkt4-received');
    const received = s['pkt4-received'] ?? 0;
    const parseFailed = s['pkt4-parse-failed'] ?? 0;
    const receiveDrop = s['pkt4-receive-drop'] ?? 0;
    const fuzzArrived = received - discovers! - requests!;
    t.comment(JSON.stringify(Object.fromEntries(Object.entries(s).filter(([k]) => k.startsWith('pkt4-')))));
    t.ok(
      fuzzArrived > 20_000,
      `${fuzzArrived} of the mutated packets reached the server (pkt4-received ${received})`,
    );
    t.ok(fuzzArrived <= 100_000, 'no more than were sent');
    const handled =
      (s['pkt4-discover-received'] ?? 0) +
      (s['pkt4-request-received'] ?? 0) +
      (s['pkt4-release-received'] ?? 0) +
      (s['pkt4-decline-received'] ?? 0) +
      (s['pkt4-inform-received'] ?? 0) +
      (s['pkt4-unknown-received'] ?? 0) +
      (s['pkt4-offer-received'] ?? 0) +
      (s['pkt4-ack-received'] ?? 0) +
      (s['pkt4-nak-received'] ?? 0);
    t.comment(
      `received ${received}, parse-failed ${parseFailed}, receive-drop ${receiveDrop}, typed ${handled}`,
    );
    t.ok(
      parseFailed > 0 && receiveDrop >= parseFailed,
      `pkt4-parse-failed ${parseFailed}, pkt4-receive-drop ${receiveDrop}`,
    );
    t.equal(
      handled + parseFailed,
      received,
      'every packet read was either parsed into a message type or failed to parse',
    );

    // The drops are logged with their IDs.
    const text = readFileSync(log, 'utf8');
    const dropIds = new Map<string, number>();
    for (const mm of text.matchAll(/DHCP4_PACKET_DROP_(\d{4})/g))
      dropIds.set(mm[1]!, (dropIds.get(mm[1]!) ?? 0) + 1);
    t.comment(`drop IDs in the log: ${JSON.stringify(Object.fromEntries(dropIds))}`);
    t.equal(dropIds.get('0001'), parseFailed, 'one DHCP4_PACKET_DROP_0001 line per parse failure');
    const logged = [...dropIds.values()].reduce((x, y) => x + y, 0);
    t.equal(logged, receiveDrop, 'one DHCP4_PACKET_DROP_* line per pkt4-receive-drop');
    const sample = text.split('\n').find((l) => l.includes('DHCP4_PACKET_DROP_0001'));
    t.match(
      sample,
      /DEBUG \[kea-dhcp4\.bad-packets\/\d+\.\d+\] DHCP4_PACKET_DROP_0001 failed to parse packet from 192\.0\.2\.2/,
    );

    // Still serving: a short perfdhcp run completes its exchanges.
    const after = net.run(
      net.client,
      'perfdhcp',
      ['-4', '-l', '192.0.2.2', '-r', '20', '-p', '1', '-b', 'mac=02:fd:00:00:00:00', '192.0.2.1'],
      { timeout: 20_000 },
    );
    const m2 = /received packets: (\d+)[\s\S]*?received packets: (\d+)/.exec(after.stdout);
    t.ok(m2 && Number(m2[2]) > 0, `a normal exchange after the fuzzing: ${m2?.[2]} ACK\n${after.stdout}`);
    t.equal(server.child.exitCode, null, 'the daemon is still running at the end');
  },
);
