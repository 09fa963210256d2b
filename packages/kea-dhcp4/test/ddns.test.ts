// DDNS in process (no DHCP sockets; a UDP socket on loopback stands in for D2): the NameChangeRequests a
// REQUEST and a RELEASE send, and what happens when the sender cannot take one (max-queue-size 1 and
// two clients at once): both clients are still answered, the refusal is logged with Kea's IDs
// (DHCPSRV_DHCP_DDNS_NCR_REJECTED, DHCP4_DDNS_REQUEST_SEND_FAILED, DHCPSRV_DHCP_DDNS_SUSPEND_UPDATES) and
// counted, and updates stay suspended (option 81 then says N) until the next configuration; a ddns4_update
// callout's name goes to the answer and the request.
import dgram from 'node:dgram';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configureLoggers } from '@kea-ts/log';
import t, { type Test } from 'tap';
import { ddns4UpdateHook } from '../src/pipeline/client-name.js';
import { clientPacket, M, readAnswer } from './helpers/packets.js';
import { baseConfig, direct, startServer, unicast } from './helpers/server.js';

async function listener(t: Test): Promise<{ port: number; got: Record<string, unknown>[] }> {
  const s = dgram.createSocket('udp4');
  const got: Record<string, unknown>[] = [];
  s.on('message', (m) => {
    if (m.readUInt16BE(0) === m.length - 2) got.push(JSON.parse(m.subarray(2).toString('utf8')));
  });
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
  t.teardown(() => s.close());
  return { port: s.address().port, got };
}

const fqdn = (name: string) => Buffer.from([0x05, 0, 0, name.length, ...Buffer.from(name)]);

async function dora(s: Awaited<ReturnType<typeof startServer>>, mac: string, name: string) {
  const offer = await s.server.inject(
    clientPacket(M.DHCPDISCOVER, { mac, options: [[81, fqdn(name)]] }),
    direct(),
  );
  const yiaddr = readAnswer(offer!).yiaddr as string;
  const ack = await s.server.inject(
    clientPacket(M.DHCPREQUEST, {
      mac,
      requested: yiaddr,
      serverId: '192.0.2.1',
      options: [[81, fqdn(name)]],
    }),
    direct(),
  );
  return { yiaddr, ack: ack === null ? null : readAnswer(ack) };
}

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 100 && !cond(); i++) await new Promise((r) => setTimeout(r, 20));
};

t.test('REQUEST adds, RELEASE removes', async (t) => {
  const d2 = await listener(t);
  const s = await startServer(
    baseConfig({
      'dhcp-ddns': { 'enable-updates': true, 'server-port': d2.port },
      'ddns-qualifying-suffix': 'example.com',
    }),
  );
  t.teardown(s.teardown);
  const { yiaddr, ack } = await dora(s, '02:00:00:00:0d:01', 'one');
  t.equal(ack?.type, M.DHCPACK);
  await until(() => d2.got.length >= 1);
  t.equal(d2.got.length, 1, 'one request for the DISCOVER and REQUEST (none for the OFFER)');
  t.match(d2.got[0], {
    'change-type': 0,
    'forward-change': true,
    'reverse-change': true,
    fqdn: 'one.example.com.',
    'ip-address': yiaddr,
    'lease-length': 1333,
    'use-conflict-resolution': true,
  });
  t.match(String(d2.got[0]!.dhcid), /^000001[0-9A-F]{64}$/, 'DHCID from htype and chaddr, SHA-256');
  await s.server.inject(
    clientPacket(M.DHCPRELEASE, { mac: '02:00:00:00:0d:01', ciaddr: yiaddr, serverId: '192.0.2.1' }),
    unicast(yiaddr, 68),
  );
  await until(() => d2.got.length >= 2);
  t.match(d2.got[1], { 'change-type': 1, fqdn: 'one.example.com.', 'ip-address': yiaddr });
});

t.test('a full sender queue is logged, counted and never blocks serving', async (t) => {
  const dir = t.testdir();
  const file = join(dir, 'ddns.log');
  configureLoggers(
    // The daemon's root name is not set in this process: the library loggers log under 'kea'.
    ['kea-dhcp4', 'kea'].map((name) => ({
      name,
      severity: 'INFO' as const,
      output_options: [{ output: file, pattern: '', flush: true }],
    })),
    { verbose: false },
  );
  t.teardown(() => configureLoggers([], { verbose: false }));
  const d2 = await listener(t);
  const s = await startServer(
    baseConfig({ 'dhcp-ddns': { 'enable-updates': true, 'server-port': d2.port, 'max-queue-size': 1 } }),
  );
  t.teardown(s.teardown);
  const answers = await Promise.all(
    ['02:00:00:00:0e:01', '02:00:00:00:0e:02', '02:00:00:00:0e:03'].map((mac, i) => dora(s, mac, `host${i}`)),
  );
  t.same(
    answers.map((a) => a.ack?.type),
    [M.DHCPACK, M.DHCPACK, M.DHCPACK],
    'every client answered',
  );
  await new Promise((r) => setTimeout(r, 200));
  const d2mgr = s.server.d2!;
  t.ok(d2mgr.rejected >= 1, `${d2mgr.rejected} request(s) refused by the full queue`);
  t.equal(d2mgr.enabled, false, 'updates suspended');
  const log = readFileSync(file, 'utf8');
  t.match(log, /ERROR \[kea(-dhcp4)?\.dhcpsrv\/[^\]]*\] DHCPSRV_DHCP_DDNS_NCR_REJECTED .*queue is full/);
  t.match(log, /ERROR \[kea-dhcp4\.ddns\/[^\]]*\] DHCP4_DDNS_REQUEST_SEND_FAILED .*\(error\)/);
  t.match(log, /WARN {2}\[kea(-dhcp4)?\.dhcpsrv\/[^\]]*\] DHCPSRV_DHCP_DDNS_SUSPEND_UPDATES/);
  // Suspended: the next client is told the server does no updates (N=1, O=1 against its S).
  const after = await dora(s, '02:00:00:00:0e:09', 'late');
  t.equal(after.ack?.type, M.DHCPACK);
  const opt81 = after.ack?.option(81);
  t.equal(opt81?.[0], 0x0e, 'option 81 flags N+O+E');
});

t.test('ddns4_update: a callout renames the client and the request follows', async (t) => {
  const d2 = await listener(t);
  const s = await startServer(
    baseConfig({
      'dhcp-ddns': { 'enable-updates': true, 'server-port': d2.port },
      'ddns-qualifying-suffix': 'example.com',
    }),
  );
  t.teardown(s.teardown);
  const seen: string[] = [];
  ddns4UpdateHook.callouts = [
    (h) => {
      seen.push(`${h.args.hostname} ${h.args['fwd-update']} ${h.args['ddns-params']['enable-updates']}`);
      h.args.hostname = 'hooked.example.com.';
    },
  ];
  t.teardown(() => {
    ddns4UpdateHook.callouts = null;
  });
  const { yiaddr, ack } = await dora(s, '02:00:00:00:0f:01', 'asked');
  t.same(seen, ['asked.example.com. true true', 'asked.example.com. true true'], 'DISCOVER and REQUEST');
  const o81 = ack!.option(81)!;
  t.equal(o81[0], 0x0c, 'option 81: E and N (S set back, as Kea does on any change)');
  t.same(
    o81.subarray(3),
    Buffer.from([6, ...Buffer.from('hooked'), 7, ...Buffer.from('example'), 3, 0x63, 0x6f, 0x6d, 0]),
  );
  await until(() => d2.got.length >= 1);
  t.match(d2.got[0], {
    'change-type': 0,
    fqdn: 'hooked.example.com.',
    'ip-address': yiaddr,
    'forward-change': true,
  });
});
