// flex_id (libdhcp_flex_id.so) in process: reservations keyed on the identifier-expression's bytes (text
// and hex reservation forms), replace-client-id (the lease keyed on 0x00 + flex-id, the client's own
// client-id echoed back), and the parameter errors Kea's load() refuses.
import type { JsonValue } from '@kea-ts/cc';
import { HooksManager } from '@kea-ts/hooks';
import t from 'tap';
import { clientPacket, ip, M, readAnswer } from './helpers/packets.js';
import { baseConfig, direct, startServer } from './helpers/server.js';

/** Option 82 with a circuit-id and the given remote-id (sub-option 2). */
function rai(remoteId: string): Buffer {
  const rid = Buffer.from(remoteId);
  return Buffer.concat([Buffer.from([1, 3, 0x65, 0x74, 0x68, 2, rid.length]), rid]);
}

const config = baseConfig({
  'host-reservation-identifiers': ['flex-id', 'hw-address'],
  subnet4: [
    {
      id: 1,
      subnet: '192.0.2.0/24',
      interface: 'eth0',
      pools: [{ pool: '192.0.2.100 - 192.0.2.109' }],
      reservations: [
        { 'flex-id': "'port-7'", 'ip-address': '192.0.2.7', hostname: 'port7' },
        // 'port-8' as hex with colons, as Kea also accepts.
        { 'flex-id': '70:6f:72:74:2d:38', 'ip-address': '192.0.2.8' },
      ],
    },
  ],
});

async function withFlexId(t: { teardown(fn: () => unknown): void }, parameters: Record<string, JsonValue>) {
  const hooks = new HooksManager({ loggerName: 'kea-dhcp4' });
  const s = await startServer(config);
  await hooks.load([{ library: '/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_flex_id.so', parameters }]);
  t.teardown(async () => {
    await hooks.unload();
    await s.teardown();
  });
  return s;
}

t.test('reservations by flex-id: text and hex forms, other clients from the pool', async (t) => {
  const s = await withFlexId(t, { 'identifier-expression': 'relay4[2].hex' });
  const offer = async (mac: string, remoteId: string) =>
    readAnswer(
      (await s.server.inject(clientPacket(M.DHCPDISCOVER, { mac, agentInfo: rai(remoteId) }), direct()))!,
    );
  const a = await offer('02:00:00:00:00:01', 'port-7');
  t.equal(a.yiaddr, '192.0.2.7');
  t.equal(a.option(12)?.toString(), 'port7', 'the reservation hostname');
  t.equal((await offer('02:00:00:00:00:02', 'port-8')).yiaddr, '192.0.2.8', 'hex reservation');
  const other = await offer('02:00:00:00:00:03', 'port-9');
  t.match(other.yiaddr, /^192\.0\.2\.10\d$/, 'no reservation: pool address');
});

t.test('without the library, flex-id reservations never match', async (t) => {
  const s = await startServer(config);
  t.teardown(s.teardown);
  const q = clientPacket(M.DHCPDISCOVER, { agentInfo: rai('port-7') });
  t.match(readAnswer((await s.server.inject(q, direct()))!).yiaddr, /^192\.0\.2\.10\d$/);
});

t.test('replace-client-id: lease keyed on 00 + flex-id, the sent client-id echoed back', async (t) => {
  const s = await withFlexId(t, { 'identifier-expression': 'relay4[2].hex', 'replace-client-id': true });
  const cid = Buffer.from('01020000000001', 'hex');
  const discover = clientPacket(M.DHCPDISCOVER, { clientId: cid, agentInfo: rai('port-7') });
  const offer = readAnswer((await s.server.inject(discover, direct()))!);
  t.equal(offer.yiaddr, '192.0.2.7');
  t.same(offer.option(61), cid, "the client's own client-id in the OFFER");
  const request = clientPacket(M.DHCPREQUEST, {
    clientId: cid,
    agentInfo: rai('port-7'),
    requested: '192.0.2.7',
    serverId: '192.0.2.1',
  });
  const ack = readAnswer((await s.server.inject(request, direct()))!);
  t.equal(ack.type, M.DHCPACK);
  t.same(ack.option(61), cid, "the client's own client-id in the ACK");
  const lease = await s.server.leaseMgr!.get(ip('192.0.2.7'));
  t.equal(Buffer.from(lease!.clientId!).toString('hex'), `00${Buffer.from('port-7').toString('hex')}`);

  // A client that sent no client-id gets none back, though its lease has the flex-id one.
  const bare = clientPacket(M.DHCPDISCOVER, { mac: '02:00:00:00:00:09', agentInfo: rai('port-8') });
  const o2 = readAnswer((await s.server.inject(bare, direct()))!);
  t.equal(o2.yiaddr, '192.0.2.8');
  t.equal(o2.option(61), undefined);
});

t.test('load() refuses what Kea refuses', async (t) => {
  const cases: [Record<string, JsonValue>, RegExp][] = [
    [{}, /'identifier-expression' is not defined/],
    [{ 'identifier-expression': 7 }, /must be a string, not integer/],
    [{ 'identifier-expression': 'relay4[2].hex ==' }, /identifier-expression \[relay4\[2\]\.hex ==\]/],
    [{ 'identifier-expression': "'a'", 'replace-client-id': 'yes' }, /'replace-client-id' must be a boolean/],
  ];
  const s = await startServer(config); // registers the built-in libraries
  t.teardown(s.teardown);
  for (const [parameters, error] of cases) {
    const hooks = new HooksManager({ loggerName: 'kea-dhcp4' });
    await t.rejects(hooks.load([{ library: 'libdhcp_flex_id.so', parameters }]), error);
    t.equal(hooks.libraryCount, 0);
  }
});
