// SOLICIT/ADVERTISE/REQUEST/REPLY for IA_NA and IA_PD (with PD-exclude), rapid commit, RENEW, REBIND,
// RELEASE, DECLINE, CONFIRM and INFORMATION-REQUEST through inject(): the bytes of each answer, Kea's
// status codes and texts, the leases stored and the statistics Kea keeps.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseIPv6 } from '@kea-ts/util';
import t from 'tap';
import { duidText } from '../src/index.js';
import {
  CLIENT_DUID,
  iaNa,
  iaPd,
  message,
  opt,
  oro,
  readIa,
  readMessage,
  status,
} from './helpers/packets.js';
import { baseConfig, multicast, startServer } from './helpers/server.js';

const cid = opt(1, CLIENT_DUID);
type S = Awaited<ReturnType<typeof startServer>>;

async function ask(s: S, bytes: Buffer, ingress = multicast()) {
  const out = await s.server.inject(bytes, ingress);
  return out === null ? null : readMessage(out);
}

async function stat(s: S, name: string): Promise<number | undefined> {
  const a = await s.server.command({ command: 'statistic-get', arguments: { name } });
  return (a.arguments as Record<string, [number, string][]>)[name]?.[0]?.[0];
}

t.test('SOLICIT -> ADVERTISE -> REQUEST -> REPLY with IA_NA and IA_PD', async (t) => {
  const s = await startServer(baseConfig());
  t.teardown(s.teardown);
  const adv = (await ask(s, message(1, 0x1234, cid, iaNa(1), iaPd(2), oro(23, 67))))!;
  t.equal(adv.type, 2, 'ADVERTISE');
  t.equal(adv.xid, 0x1234);
  t.same(adv.get(1)!.data, CLIENT_DUID, 'client-id echoed');
  const sid = adv.get(2)!.data;
  t.same(sid, s.server.serverDuid, 'our DUID as server-id');
  t.same(adv.get(23)!.data, parseIPv6('2001:db8::53'), 'dns-servers from ORO');
  const na = readIa(adv.get(3)!);
  t.same([na.iaid, na.t1, na.t2], [1, 1000, 2000]);
  t.same(na.subs[0]!.data.subarray(0, 16), parseIPv6('2001:db8:1::100'));
  t.equal(na.subs[0]!.data.readUInt32BE(16), 3000);
  t.equal(na.subs[0]!.data.readUInt32BE(20), 4000);
  const pd = readIa(adv.get(25)!);
  const pfx = pd.subs[0]!.data;
  t.equal(pfx[8], 56, 'delegated length');
  t.same(pfx.subarray(9, 25), parseIPv6('2001:db8:8000::'));
  t.same([...pfx.subarray(29)], [60, 0xf0], 'PD-exclude: length 60, bits 56-59 = 1111');
  t.equal(await s.server.leaseMgr!.get(0, parseIPv6('2001:db8:1::100')), null, 'ADVERTISE stores nothing');

  // Clients ask for what was advertised (Kea's allocator moved on when it advertised).
  const rep = (await ask(
    s,
    message(3, 0x1235, cid, opt(2, sid), iaNa(1, ['2001:db8:1::100']), iaPd(2, [['2001:db8:8000::', 56]])),
  ))!;
  t.equal(rep.type, 7, 'REPLY');
  t.same(readIa(rep.get(3)!).subs[0]!.data.subarray(0, 16), parseIPv6('2001:db8:1::100'));
  t.equal(readIa(rep.get(25)!).subs[0]!.data.length, 25, 'no PD-exclude when not in ORO');
  const lease = await s.server.leaseMgr!.get(0, parseIPv6('2001:db8:1::100'));
  t.equal(lease?.iaid, 1);
  t.same(lease?.hwaddr, Buffer.from('020000000002', 'hex'), 'hwaddr from the DUID-LLT (mac-sources any)');
  t.equal(lease?.hwaddrSource, 2, "Kea's HWADDR_SOURCE_DUID");
  t.ok(await s.server.leaseMgr!.get(2, parseIPv6('2001:db8:8000::')), 'prefix lease stored');
  t.equal(await stat(s, 'subnet[1].assigned-nas'), 1);
  t.equal(await stat(s, 'subnet[1].assigned-pds'), 1);
  t.equal(await stat(s, 'pkt6-solicit-received'), 1);
  t.equal(await stat(s, 'pkt6-advertise-sent'), 1);
  t.equal(await stat(s, 'pkt6-reply-sent'), 1);

  const renew = (await ask(s, message(5, 0x1236, cid, opt(2, sid), iaNa(1, ['2001:db8:1::100']))))!;
  t.equal(renew.type, 7);
  const rn = readIa(renew.get(3)!);
  t.same([rn.t1, rn.t2], [1000, 2000]);
  t.same(rn.subs[0]!.data.subarray(0, 16), parseIPv6('2001:db8:1::100'), 'RENEW keeps the address');

  const rebind = (await ask(s, message(6, 0x1237, cid, iaPd(2, [['2001:db8:8000::', 56]]))))!;
  t.same(
    readIa(rebind.get(25)!).subs[0]!.data.subarray(9, 25),
    parseIPv6('2001:db8:8000::'),
    'REBIND keeps the prefix',
  );

  const rel = (await ask(s, message(8, 0x1238, cid, opt(2, sid), iaNa(1, ['2001:db8:1::100']))))!;
  t.same(status(readIa(rel.get(3)!).subs.find((o) => o.code === 13)), [
    0,
    'Lease released. Thank you, please come again.',
  ]);
  t.same(status(rel.get(13)), [0, 'Summary status for all processed IA_NAs']);
  t.equal(await s.server.leaseMgr!.get(0, parseIPv6('2001:db8:1::100')), null, 'released lease deleted');
  t.equal(await stat(s, 'subnet[1].assigned-nas'), 0);

  const again = (await ask(s, message(8, 0x1239, cid, opt(2, sid), iaNa(1, ['2001:db8:1::100']))))!;
  t.same(status(readIa(again.get(3)!).subs.find((o) => o.code === 13)), [
    3,
    "Sorry, no known leases for this duid/iaid, can't release.",
  ]);
  t.same(status(again.get(13)), [3, 'Summary status for all processed IA_NAs']);
});

t.test('rapid commit, DECLINE, CONFIRM, INFORMATION-REQUEST', async (t) => {
  const s = await startServer(baseConfig());
  t.teardown(s.teardown);
  const rc = (await ask(s, message(1, 1, cid, opt(14, Buffer.alloc(0)), iaNa(7))))!;
  t.equal(rc.type, 7, 'REPLY to a rapid-commit SOLICIT');
  t.ok(rc.get(14), 'rapid-commit echoed');
  const sid = rc.get(2)!.data;
  const addr = readIa(rc.get(3)!).subs[0]!.data.subarray(0, 16);
  t.ok(await s.server.leaseMgr!.get(0, addr), 'rapid commit stores the lease');

  const dec = (await ask(
    s,
    message(
      9,
      2,
      cid,
      opt(2, sid),
      opt(
        3,
        Buffer.concat([
          Buffer.from([0, 0, 0, 7]),
          Buffer.alloc(8),
          opt(5, Buffer.concat([addr, Buffer.alloc(8)])),
        ]),
      ),
    ),
  ))!;
  t.same(status(readIa(dec.get(3)!).subs.find((o) => o.code === 13)), [
    0,
    'Lease declined. Hopefully the next one will be better.',
  ]);
  t.equal((await s.server.leaseMgr!.get(0, addr))?.state, 1, 'declined state');
  t.equal(await stat(s, 'declined-addresses'), 1);

  const ok = (await ask(s, message(4, 3, cid, iaNa(9, ['2001:db8:1::5']))))!;
  t.same(status(ok.get(13)), [0, 'All addresses are on-link']);
  const off = (await ask(s, message(4, 4, cid, iaNa(9, ['2001:db8:9::5']))))!;
  t.same(status(off.get(13)), [4, 'Address 2001:db8:9::5 is not on link.']);
  t.equal(await ask(s, message(4, 5, cid, iaNa(9))), null, 'CONFIRM without addresses: no answer');

  const info = (await ask(s, message(11, 6, cid, oro(23))))!;
  t.equal(info.type, 7);
  t.same(info.get(23)!.data, parseIPv6('2001:db8::53'));
  t.notOk(info.get(3));
});

t.test('status codes where Kea sends them, and drops', async (t) => {
  const s = await startServer(
    baseConfig({
      subnet6: [
        { id: 1, subnet: '2001:db8:1::/64', interface: 'eth0', pools: [{ pool: '2001:db8:1::100/127' }] },
      ],
    }),
  );
  t.teardown(s.teardown);
  const other = (await ask(s, message(1, 1, cid, iaNa(1)), multicast({ iface: 'eth9' })))!;
  t.same(status(readIa(other.get(3)!).subs[0]), [2, 'Server could not select subnet for this client']);
  const pdNone = (await ask(s, message(1, 2, cid, iaPd(1))))!;
  t.same(status(readIa(pdNone.get(25)!).subs[0]), [6, 'Sorry, no prefixes could be allocated.']);
  const renew = (await ask(
    s,
    message(5, 3, cid, opt(2, s.server.serverDuid!), iaNa(1)),
    multicast({ iface: 'eth9' }),
  ))!;
  t.same(status(readIa(renew.get(3)!).subs[0]), [3, 'Sorry, no known leases for this duid/iaid.']);
  t.equal(
    await ask(s, message(6, 4, cid, iaPd(1, [['2001:db8:9::', 56]])), multicast({ iface: 'eth9' })),
    null,
    'REBIND of an unknown prefix is discarded',
  );
  t.equal(
    await ask(s, message(1, 5, cid, iaNa(1)), multicast({ multicast: false, localAddress: 'fe80::1' })),
    null,
    'unicast SOLICIT dropped',
  );
  t.equal(
    await ask(s, message(3, 6, cid, opt(2, Buffer.from('0003000102', 'hex')), iaNa(1))),
    null,
    'another server-id dropped',
  );
  t.equal(await ask(s, message(1, 7, iaNa(1))), null, 'SOLICIT without client-id dropped');
  t.equal(await ask(s, Buffer.from([1, 0])), null, 'truncated');
  t.equal(await stat(s, 'pkt6-parse-failed'), 1);
  t.equal(await stat(s, 'pkt6-receive-drop'), 5, 'the discarded REBIND counts too');
});

t.test('server DUID persisted in kea-dhcp6-serverid and reused', async (t) => {
  const s1 = await startServer(baseConfig());
  const duid = s1.server.serverDuid!;
  const text = readFileSync(join(s1.dir, 'kea-dhcp6-serverid'), 'utf8');
  t.equal(text.trim(), duidText(duid), 'colon hex as Kea writes it');
  t.equal(duid.readUInt16BE(0), 1, 'DUID-LLT by default');
  await s1.server.stop();
  const s2 = await startServer(baseConfig(), s1.dir);
  t.teardown(async () => {
    await s2.teardown();
  });
  t.same(s2.server.serverDuid, duid, 'same DUID after restart');
  const s3 = await startServer(
    baseConfig({ 'server-id': { type: 'EN', 'enterprise-id': 2495, identifier: '0102030405' } }),
  );
  t.teardown(s3.teardown);
  t.same(s3.server.serverDuid, Buffer.from('0002000009bf0102030405', 'hex'), 'DUID-EN from config');
});

t.test('the hardware type of a DUID-LL is the lease hwtype (IEEE 802: 6)', async (t) => {
  const s = await startServer(baseConfig());
  t.teardown(s.teardown);
  const duidLl = opt(1, Buffer.from('00030006020000000077', 'hex'));
  const rc = (await ask(s, message(1, 3, duidLl, opt(14, Buffer.alloc(0)), iaNa(9))))!;
  t.equal(rc.type, 7, 'rapid-commit REPLY');
  const addr = readIa(rc.get(3)!).subs[0]!.data.subarray(0, 16);
  const lease = await s.server.leaseMgr!.get(0, addr);
  t.same(lease?.hwaddr, Buffer.from('020000000077', 'hex'), 'hwaddr from the DUID-LL');
  t.equal(lease?.hwtype, 6, 'hwtype from the DUID-LL, not always 1');
  t.equal(lease?.hwaddrSource, 2, "Kea's HWADDR_SOURCE_DUID");
});
