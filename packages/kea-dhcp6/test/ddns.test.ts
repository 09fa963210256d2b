// DDNS in process (no DHCP sockets; a UDP socket on loopback stands in for D2): SOLICIT/REQUEST with
// option 39 gets the answer and one add request (lease-expires-on 0, as Kea's v6 add requests), RELEASE a
// remove; a ddns6_update callout's name goes to option 39 and the request, and turning both updates off
// sets S=0, N=1 back and adds nothing (the renewed lease's old name is removed).
import dgram from 'node:dgram';
import t, { type Test } from 'tap';
import { ddns6UpdateHook } from '../src/pipeline/client-fqdn.js';
import { CLIENT_DUID, iaNa, message, opt, readMessage } from './helpers/packets.js';
import { baseConfig, multicast, startServer } from './helpers/server.js';

async function listener(t: Test): Promise<Record<string, unknown>[]> {
  const s = dgram.createSocket('udp4');
  const got: Record<string, unknown>[] = [];
  s.on('message', (m) => got.push(JSON.parse(m.subarray(2).toString('utf8'))));
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
  t.teardown(() => s.close());
  (got as unknown as { port: number }).port = s.address().port;
  return got;
}

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 100 && !cond(); i++) await new Promise((r) => setTimeout(r, 20));
};
const cid = opt(1, CLIENT_DUID);
const fqdn = opt(39, Buffer.from([0x01, 4, ...Buffer.from('host')]));

async function sarr(s: Awaited<ReturnType<typeof startServer>>) {
  const adv = readMessage((await s.server.inject(message(1, 1, cid, fqdn, iaNa(1)), multicast()))!);
  const sid = opt(2, adv.get(2)!.data);
  const na = opt(3, adv.get(3)!.data);
  return readMessage((await s.server.inject(message(3, 2, cid, sid, fqdn, na), multicast()))!);
}

t.test('REQUEST adds, RELEASE removes; ddns6_update renames or turns updates off', async (t) => {
  const got = await listener(t);
  const port = (got as unknown as { port: number }).port;
  const s = await startServer(
    baseConfig({
      'dhcp-ddns': { 'enable-updates': true, 'server-port': port },
      'ddns-qualifying-suffix': 'example.com',
    }),
  );
  t.teardown(s.teardown);
  const reply = await sarr(s);
  t.equal(reply.type, 7);
  t.same(
    reply.get(39)!.data,
    Buffer.from([0x01, 4, ...Buffer.from('host'), 7, ...Buffer.from('example'), 3, 0x63, 0x6f, 0x6d, 0]),
  );
  await until(() => got.length >= 1);
  t.equal(got.length, 1, 'one add for the REPLY, none for the ADVERTISE');
  t.match(got[0], {
    'change-type': 0,
    fqdn: 'host.example.com.',
    'lease-expires-on': '19700101000000',
    'lease-length': 1333,
  });
  t.match(String(got[0]!.dhcid), /^000201[0-9A-F]{64}$/, 'DHCID from the DUID');
  const sid = opt(2, reply.get(2)!.data);
  await s.server.inject(message(8, 3, cid, sid, opt(3, reply.get(3)!.data)), multicast());
  await until(() => got.length >= 2);
  t.match(got[1], { 'change-type': 1, fqdn: 'host.example.com.' });

  ddns6UpdateHook.callouts = [
    (h) => {
      h.args.hostname = 'hooked.example.com.';
    },
  ];
  t.teardown(() => {
    ddns6UpdateHook.callouts = null;
  });
  const renamed = await sarr(s);
  t.equal(renamed.get(39)!.data[0], 0x01, 'directions kept: S stays');
  await until(() => got.length >= 3);
  t.match(got[2], { 'change-type': 0, fqdn: 'hooked.example.com.' });
  ddns6UpdateHook.callouts = [
    (h) => {
      h.args['fwd-update'] = false;
      h.args['rev-update'] = false;
    },
  ];
  const off = await sarr(s);
  t.equal(off.get(39)!.data[0], 0x04, 'both updates off: N, no S');
  await new Promise((r) => setTimeout(r, 200));
  t.equal(got.length, 4, 'no add request, only the remove of the name the lease had');
  t.match(got[3], { 'change-type': 1, fqdn: 'hooked.example.com.' });
});
