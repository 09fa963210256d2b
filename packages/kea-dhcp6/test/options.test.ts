// Option precedence (host reservation > pool > subnet > shared network > global), always-send, several
// IA_NA in one message each given its own address, and a RENEW naming an address the client does not
// hold answered with zero lifetimes for it.
import { parseIPv6 } from '@kea-ts/util';
import t from 'tap';
import { CLIENT_DUID, iaNa, message, opt, oro, readIa, readMessage } from './helpers/packets.js';
import { multicast, startServer } from './helpers/server.js';

const cid = opt(1, CLIENT_DUID);
const dns = (a: string) => ({ name: 'dns-servers', data: a });

function config(hostOptions: boolean) {
  return {
    'lease-database': { type: 'memfile', persist: false, 'lfc-interval': 0 },
    'option-data': [dns('2001:db8::1'), { name: 'sntp-servers', data: '2001:db8::123', 'always-send': true }],
    'shared-networks': [
      {
        name: 'net',
        interface: 'eth0',
        'option-data': [dns('2001:db8::2'), { name: 'domain-search', data: 'net.example.' }],
        subnet6: [
          {
            id: 1,
            subnet: '2001:db8:1::/64',
            'option-data': [dns('2001:db8::3'), { name: 'nis-domain-name', data: 'subnet.example.' }],
            pools: [{ pool: '2001:db8:1::100 - 2001:db8:1::1ff', 'option-data': [dns('2001:db8::4')] }],
            reservations: hostOptions
              ? [
                  {
                    duid: CLIENT_DUID.toString('hex').replace(/(..)(?!$)/g, '$1:'),
                    'option-data': [dns('2001:db8::5')],
                  },
                ]
              : [],
          },
        ],
      },
    ],
  };
}

t.test('host > pool > subnet > shared network > global', async (t) => {
  const s = await startServer(config(false));
  t.teardown(s.teardown);
  const a = readMessage((await s.server.inject(message(1, 1, cid, iaNa(1), oro(23, 24, 29)), multicast()))!);
  t.same(a.get(23)!.data, parseIPv6('2001:db8::4'), 'dns-servers from the pool of the advertised address');
  t.ok(a.get(24), 'domain-search from the shared network');
  t.ok(a.get(29), 'nis-domain-name from the subnet');
  t.same(a.get(31)!.data, parseIPv6('2001:db8::123'), 'always-send global option without ORO');
  const info = readMessage((await s.server.inject(message(11, 2, cid, oro(23)), multicast()))!);
  t.same(info.get(23)!.data, parseIPv6('2001:db8::3'), 'INFORMATION-REQUEST: no lease, subnet level');
  const h = await startServer(config(true));
  t.teardown(h.teardown);
  const b = readMessage((await h.server.inject(message(1, 3, cid, iaNa(1), oro(23)), multicast()))!);
  t.same(b.get(23)!.data, parseIPv6('2001:db8::5'), 'the reservation wins');
});

t.test('several IA_NA, and RENEW of an address not held', async (t) => {
  const s = await startServer(config(false));
  t.teardown(s.teardown);
  const sol = readMessage(
    (await s.server.inject(message(1, 1, cid, opt(14, Buffer.alloc(0)), iaNa(1), iaNa(2)), multicast()))!,
  );
  const ias = sol.options.filter((o) => o.code === 3).map(readIa);
  t.same(
    ias.map((i) => i.iaid),
    [1, 2],
  );
  const a1 = ias[0]!.subs[0]!.data.subarray(0, 16);
  const a2 = ias[1]!.subs[0]!.data.subarray(0, 16);
  t.not(a1.toString('hex'), a2.toString('hex'), 'two different addresses');
  t.equal(sol.type, 2, 'no rapid commit unless the subnet allows it');

  const req = readMessage(
    (await s.server.inject(
      message(
        3,
        2,
        cid,
        opt(2, sol.get(2)!.data),
        iaNa(1, [a1.toString('hex').replace(/(.{4})(?!$)/g, '$1:')]),
      ),
      multicast(),
    ))!,
  );
  const got = readIa(req.get(3)!).subs[0]!.data.subarray(0, 16);
  t.same(got, a1, 'REQUEST honours the advertised address');
  const renew = readMessage(
    (await s.server.inject(
      message(5, 3, cid, opt(2, sol.get(2)!.data), iaNa(1, ['2001:db8:1::100', '2001:db8:1::1f0'])),
      multicast(),
    ))!,
  );
  const subs = readIa(renew.get(3)!).subs.filter((o) => o.code === 5);
  const stale = subs.find((o) => o.data.subarray(0, 16).equals(parseIPv6('2001:db8:1::1f0')));
  t.ok(stale, 'the address not held is answered');
  t.same([stale!.data.readUInt32BE(16), stale!.data.readUInt32BE(20)], [0, 0], 'with zero lifetimes');
});
