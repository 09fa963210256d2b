// A SOLICIT relayed through two RELAY-FORW layers: the subnet chosen by the interface-id of the relay
// closest to the client, the ADVERTISE wrapped in two RELAY-REPL layers with the same hop counts, link
// and peer addresses and the interface-ids echoed; and selection by the relay's link-address.

import { parseIPv6 } from '@kea-ts/util';
import t from 'tap';
import { CLIENT_DUID, iaNa, message, opt, readIa, readOptions, relayForw } from './helpers/packets.js';
import { baseConfig, multicast, startServer } from './helpers/server.js';

t.test('two relay layers in, two RELAY-REPL layers out', async (t) => {
  const s = await startServer(baseConfig());
  t.teardown(s.teardown);
  const inner = message(1, 0xabc, opt(1, CLIENT_DUID), iaNa(5));
  const r1 = relayForw(
    0,
    '::',
    'fe80::2',
    inner,
    opt(18, Buffer.from('port-7')),
    opt(37, Buffer.from('0000000901', 'hex')),
  );
  const r2 = relayForw(1, '2001:db8:ff::1', 'fe80::99', r1, opt(18, Buffer.from('outer')));
  const out = await s.server.process(r2, multicast({ remoteAddress: 'fe80::99', remotePort: 547 }));
  t.ok(out);
  const b = out!.data;
  t.same(out!.destination, { iface: 'eth0', address: 'fe80::99', port: 547 }, 'back to the outer relay');
  t.equal(b[0], 13, 'RELAY-REPL');
  t.equal(b[1], 1, 'outer hop count');
  t.same(b.subarray(2, 18), parseIPv6('2001:db8:ff::1'));
  t.same(b.subarray(18, 34), parseIPv6('fe80::99'));
  const o1 = readOptions(b.subarray(34));
  t.same(
    o1.map((o) => o.code),
    [18, 9],
    'interface-id then relay-msg',
  );
  t.equal(o1[0]!.data.toString(), 'outer');
  const l2 = o1[1]!.data;
  t.equal(l2[0], 13);
  t.equal(l2[1], 0);
  t.same(l2.subarray(18, 34), parseIPv6('fe80::2'));
  const o2 = readOptions(l2.subarray(34));
  t.same(
    o2.map((o) => o.code),
    [18, 9],
    'remote-id is not echoed (Kea 2.2 copies interface-id and relay-source-port)',
  );
  t.equal(o2[0]!.data.toString(), 'port-7');
  const adv = o2[1]!.data;
  t.equal(adv[0], 2, 'ADVERTISE inside');
  const ia = readIa(readOptions(adv.subarray(4)).find((o) => o.code === 3)!);
  t.same(
    ia.subs[0]!.data.subarray(0, 16),
    parseIPv6('2001:db8:2::100'),
    'address from the interface-id subnet',
  );
});

t.test('relayed by link-address', async (t) => {
  const s = await startServer(baseConfig());
  t.teardown(s.teardown);
  const r = relayForw(0, '2001:db8:2::1', 'fe80::2', message(1, 1, opt(1, CLIENT_DUID), iaNa(5)));
  const out = await s.server.inject(
    r,
    multicast({ iface: 'eth5', remoteAddress: '2001:db8:2::1', remotePort: 547 }),
  );
  const adv = readOptions(out!.subarray(34))[0]!.data;
  const ia = readIa(readOptions(adv.subarray(4)).find((o) => o.code === 3)!);
  t.same(ia.subs[0]!.data.subarray(0, 16), parseIPv6('2001:db8:2::100'));
});

t.test(
  "a relay whose link-address is :: selects like a direct client (Kea's CfgSubnets6 rule)",
  async (t) => {
    const s = await startServer(baseConfig());
    t.teardown(s.teardown);
    const r = relayForw(
      0,
      '::',
      'fe80::2',
      message(1, 1, opt(1, CLIENT_DUID), iaNa(5)),
      opt(18, Buffer.from('port-7')),
    );
    const out = await s.server.inject(r, multicast({ remoteAddress: 'fe80::99', remotePort: 547 }));
    const adv = readOptions(out!.subarray(34)).find((o) => o.code === 9)!.data;
    const ia = readIa(readOptions(adv.subarray(4)).find((o) => o.code === 3)!);
    t.same(
      ia.subs[0]!.data.subarray(0, 16),
      parseIPv6('2001:db8:1::100'),
      'subnet of the ingress interface, not of port-7',
    );
  },
);

t.test('relay-source-port: the answer goes back to the port the relay used, option echoed', async (t) => {
  const s = await startServer(baseConfig());
  t.teardown(s.teardown);
  const r = relayForw(
    0,
    '2001:db8:2::1',
    'fe80::2',
    message(1, 1, opt(1, CLIENT_DUID), iaNa(5)),
    opt(135, Buffer.from([0x12, 0x34])),
  );
  const out = await s.server.process(r, multicast({ remoteAddress: '2001:db8:2::1', remotePort: 4660 }));
  t.same(out!.destination, { iface: 'eth0', address: '2001:db8:2::1', port: 4660 });
  const o = readOptions(out!.data.subarray(34));
  t.same(
    o.map((x) => x.code),
    [135, 9],
    'relay-source-port echoed before relay-msg',
  );
});

t.test('REQUEST sent by unicast is served (Kea 2.2 never answers UseMulticast)', async (t) => {
  const s = await startServer(baseConfig());
  t.teardown(s.teardown);
  const unicast = multicast({ multicast: false, localAddress: '2001:db8:1::1' });
  const sid = opt(2, s.server.serverDuid!);
  const out = await s.server.process(message(3, 1, opt(1, CLIENT_DUID), sid, iaNa(5)), unicast);
  t.equal(out!.data[0], 7, 'REPLY');
  t.same(out!.destination, { iface: 'eth0', address: 'fe80::2', port: 546 }, 'to the client port');
  t.notOk(
    readOptions(out!.data.subarray(4)).some((o) => o.code === 13 && o.data.readUInt16BE(0) === 5),
    'no UseMulticast',
  );
});
