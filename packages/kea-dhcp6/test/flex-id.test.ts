// flex_id (libdhcp_flex_id.so) for DHCPv6 in process: a reservation keyed on the identifier-expression's
// bytes, and replace-client-id (the lease's DUID is 00 00 + flex-id, the client's own DUID comes back).
import type { JsonValue } from '@kea-ts/cc';
import { HooksManager } from '@kea-ts/hooks';
import { formatIPv6, parseIPv6 } from '@kea-ts/util';
import t from 'tap';
import { CLIENT_DUID, iaNa, message, opt, readIa, readMessage } from './helpers/packets.js';
import { baseConfig, multicast, startServer } from './helpers/server.js';

const config = baseConfig({
  'host-reservation-identifiers': ['flex-id', 'duid'],
  subnet6: [
    {
      id: 1,
      subnet: '2001:db8:1::/64',
      interface: 'eth0',
      'rapid-commit': true,
      pools: [{ pool: '2001:db8:1::100 - 2001:db8:1::1ff' }],
      reservations: [{ 'flex-id': "'port-7'", 'ip-addresses': ['2001:db8:1::7'] }],
    },
  ],
});

/** SOLICIT with rapid commit and a user-class option (15) carrying `tag`. */
function solicit(tag: string, duid = CLIENT_DUID): Buffer {
  return message(1, 7, opt(1, duid), opt(14, Buffer.alloc(0)), iaNa(1), opt(15, Buffer.from(tag)));
}

async function withFlexId(t: { teardown(fn: () => unknown): void }, parameters: Record<string, JsonValue>) {
  const hooks = new HooksManager({ loggerName: 'kea-dhcp6' });
  const s = await startServer(config);
  await hooks.load([{ library: '/opt/kea/lib/hooks/libdhcp_flex_id.so', parameters }]);
  t.teardown(async () => {
    await hooks.unload();
    await s.teardown();
  });
  return s;
}

function address(reply: ReturnType<typeof readMessage>): string {
  return formatIPv6(readIa(reply.get(3)!).subs[0]!.data.subarray(0, 16));
}

t.test('a reservation by flex-id; other clients from the pool', async (t) => {
  const s = await withFlexId(t, { 'identifier-expression': 'option[15].hex' });
  const reply = readMessage((await s.server.inject(solicit('port-7'), multicast()))!);
  t.equal(reply.type, 7);
  t.equal(address(reply), '2001:db8:1::7');
  const other = readMessage((await s.server.inject(solicit('port-9'), multicast()))!);
  t.match(address(other), /^2001:db8:1::1[0-9a-f]{2}$/);
});

t.test("replace-client-id: the lease's DUID is 00 00 + flex-id, the client's DUID echoed", async (t) => {
  const s = await withFlexId(t, { 'identifier-expression': 'option[15].hex', 'replace-client-id': true });
  const reply = readMessage((await s.server.inject(solicit('port-7'), multicast()))!);
  t.same(reply.get(1)?.data, CLIENT_DUID, "the client's own DUID in the REPLY");
  t.equal(address(reply), '2001:db8:1::7');
  const lease = await s.server.leaseMgr!.get(0, parseIPv6('2001:db8:1::7'));
  t.equal(Buffer.from(lease!.duid).toString('hex'), `0000${Buffer.from('port-7').toString('hex')}`);
});
