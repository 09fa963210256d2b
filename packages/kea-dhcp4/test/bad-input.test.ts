// Bad input through inject(): tens of thousands of mutated packets (bytes flipped, truncated, extended,
// option lengths broken) never make the server throw; every one is either answered or dropped, each drop
// is counted, and a well-formed client is still served afterwards. The drop lines carry Kea's IDs at
// Kea's debug levels.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configureLoggers, shutdownLogging } from '@kea-ts/log';
import t from 'tap';
import { clientPacket, M, readAnswer } from './helpers/packets.js';
import { baseConfig, direct, SERVER_ADDRESS, startServer, unicast } from './helpers/server.js';

/** A small deterministic generator, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 0x100000000;
  };
}

t.test('mutated packets: no exception, every drop counted, service continues', async (t) => {
  // A pool that the fuzzed clients cannot exhaust, so the last check is about the server, not the pool.
  const s = await startServer(
    baseConfig({
      subnet4: [
        { id: 1, subnet: '10.0.0.0/16', interface: 'eth0', pools: [{ pool: '10.0.0.1 - 10.0.255.254' }] },
      ],
    }),
  );
  t.teardown(s.teardown);
  const seeds = [
    clientPacket(M.DHCPDISCOVER, { prl: [1, 3, 6, 15, 51], clientId: Buffer.from([1, 2, 0, 0, 0, 0, 1]) }),
    clientPacket(M.DHCPREQUEST, { requested: '10.0.0.5', serverId: SERVER_ADDRESS, prl: [1, 3] }),
    clientPacket(M.DHCPDISCOVER, {
      giaddr: '10.0.0.1',
      agentInfo: Buffer.from([1, 2, 0x65, 0x74, 5, 4, 192, 0, 2, 0]),
    }),
    clientPacket(M.DHCPINFORM, { ciaddr: '192.0.2.50', prl: [3] }),
    clientPacket(M.DHCPDECLINE, { requested: '192.0.2.100', serverId: SERVER_ADDRESS }),
    clientPacket(M.DHCPRELEASE, { ciaddr: '192.0.2.100', serverId: SERVER_ADDRESS }),
  ];
  const rand = rng(4242);
  const N = 30_000;
  let answered = 0;
  for (let i = 0; i < N; i++) {
    const base = seeds[i % seeds.length]!;
    let p = Buffer.from(base);
    const kind = Math.floor(rand() * 4);
    if (kind === 0) {
      for (let k = 0; k < 1 + Math.floor(rand() * 4); k++)
        p[Math.floor(rand() * p.length)] = Math.floor(rand() * 256);
    } else if (kind === 1) {
      p = p.subarray(0, Math.floor(rand() * p.length));
    } else if (kind === 2) {
      p = Buffer.concat([
        p,
        Buffer.from(Array.from({ length: Math.floor(rand() * 40) }, () => Math.floor(rand() * 256))),
      ]);
    } else {
      // break an option length in the options area
      const at = 240 + Math.floor(rand() * Math.max(1, p.length - 240));
      if (at < p.length) p[at] = Math.floor(rand() * 256);
    }
    // vary the client so the lease table sees many identities
    if (p.length > 33) p[33] = i & 0xff;
    const ingress = i % 3 === 0 ? unicast('10.0.0.1') : direct();
    const out = await s.server.inject(p, ingress);
    if (out !== null) answered++;
  }
  const stat = (n: string) => (s.server.stats.getValue(n) as number) ?? 0;
  t.equal(stat('pkt4-received'), N, 'every packet counted as received');
  t.ok(stat('pkt4-parse-failed') > 0, `parse failures counted: ${stat('pkt4-parse-failed')}`);
  t.ok(stat('pkt4-receive-drop') >= stat('pkt4-parse-failed'), `drops counted: ${stat('pkt4-receive-drop')}`);
  t.equal(stat('pkt4-sent'), answered, `${answered} answered`);
  const fresh = await s.server.inject(clientPacket(M.DHCPDISCOVER, { mac: '02:00:00:00:99:99' }), direct());
  t.ok(fresh, 'still serving');
  if (fresh) t.equal(readAnswer(fresh).type, M.DHCPOFFER);
});

t.test('drops are logged with their IDs at debug level 15 on kea-dhcp4.bad-packets', async (t) => {
  const dir = t.testdir();
  const file = join(dir, 'debug.log');
  configureLoggers(
    [
      {
        name: 'kea-dhcp4',
        severity: 'DEBUG',
        debuglevel: 15,
        output_options: [{ output: file, pattern: '', flush: true, maxsize: 10240000, maxver: 1 }],
      },
    ],
    { verbose: false },
  );
  t.teardown(() => configureLoggers([], { verbose: false }));
  const s = await startServer(baseConfig());
  t.teardown(s.teardown);
  await s.server.inject(Buffer.from('garbage'), direct());
  await s.server.inject(clientPacket(M.DHCPOFFER), direct());
  await s.server.inject(
    clientPacket(M.DHCPREQUEST, { requested: '192.0.2.100', serverId: '192.0.2.99' }),
    direct(),
  );
  await s.server.inject(clientPacket(M.DHCPDISCOVER), direct()); // answered: DHCP4_PACKET_RECEIVED is at 45
  await new Promise((r) => setTimeout(r, 100));
  const text = readFileSync(file, 'utf8');
  t.match(
    text,
    /DEBUG \[kea-dhcp4\.bad-packets\/[^\]]*\] DHCP4_PACKET_DROP_0001 failed to parse packet from 0\.0\.0\.0 to 255\.255\.255\.255, received over interface eth0/,
  );
  t.match(
    text,
    /DHCP4_PACKET_DROP_0006 \[hwtype=1 02:00:00:00:00:aa\], cid=\[no info\], tid=0x1234: unsupported DHCPv4 message type 2/,
  );
  t.match(text, /DHCP4_PACKET_DROP_0003 .* it contains a foreign server identifier/);
  t.notMatch(text, /DHCP4_PACKET_RECEIVED/, 'level 45 lines stay out at debuglevel 15');
  t.match(text, /INFO {2}\[kea-dhcp4\.leases\/[^\]]*\] DHCP4_LEASE_ADVERT/);
  void shutdownLogging;
});
