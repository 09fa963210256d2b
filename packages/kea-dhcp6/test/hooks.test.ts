// The packet hook points: buffer6_receive DROP, pkt6_receive SKIP, subnet6_select replacing the subnet,
// leases6_committed seeing the REPLY's leases (and not called for ADVERTISE), pkt6_send DROP and
// buffer6_send rewriting the bytes; each drop counted in pkt6-receive-drop.
import { NextStep } from '@kea-ts/hooks';
import { parseIPv6 } from '@kea-ts/util';
import t from 'tap';
import {
  buffer6Receive,
  buffer6Send,
  leases6Committed,
  pkt6Receive,
  pkt6Send,
  subnet6Select,
} from '../src/index.js';
import { CLIENT_DUID, iaNa, message, opt, readIa, readMessage } from './helpers/packets.js';
import { baseConfig, multicast, startServer } from './helpers/server.js';

const cid = opt(1, CLIENT_DUID);
const solicit = () => message(1, 1, cid, iaNa(1));

t.afterEach(() => {
  for (const p of [buffer6Receive, pkt6Receive, subnet6Select, leases6Committed, pkt6Send, buffer6Send]) {
    (p as { callouts: unknown }).callouts = null;
  }
});

async function drops(s: Awaited<ReturnType<typeof startServer>>): Promise<number> {
  const a = await s.server.command({ command: 'statistic-get', arguments: { name: 'pkt6-receive-drop' } });
  return (a.arguments as Record<string, [number, string][]>)['pkt6-receive-drop']![0]![0];
}

t.test('receive side: buffer6_receive DROP, pkt6_receive SKIP, subnet6_select', async (t) => {
  const s = await startServer(baseConfig());
  t.teardown(s.teardown);
  buffer6Receive.callouts = [
    (h) => {
      h.next = NextStep.DROP;
    },
  ];
  t.equal(await s.server.inject(solicit(), multicast()), null, 'buffer6_receive DROP');
  t.equal(await drops(s), 1);
  buffer6Receive.callouts = null;
  pkt6Receive.callouts = [
    (h) => {
      h.next = NextStep.SKIP;
    },
  ];
  t.equal(await s.server.inject(solicit(), multicast()), null, 'pkt6_receive SKIP drops');
  t.equal(await drops(s), 2);
  pkt6Receive.callouts = null;
  subnet6Select.callouts = [
    (h) => {
      h.args.subnet6 = h.args.subnet6collection.find((x) => x.id === 2) ?? null;
    },
  ];
  const adv = readMessage((await s.server.inject(solicit(), multicast()))!);
  t.same(
    readIa(adv.get(3)!).subs[0]!.data.subarray(0, 16),
    parseIPv6('2001:db8:2::100'),
    'the callout chose subnet 2',
  );
});

t.test('send side: leases6_committed, pkt6_send DROP, buffer6_send', async (t) => {
  const s = await startServer(baseConfig());
  t.teardown(s.teardown);
  const seen: string[] = [];
  leases6Committed.callouts = [
    (h) => {
      seen.push(`${h.args.query6.msgType}:${h.args.leases6.length}`);
    },
  ];
  const adv = readMessage((await s.server.inject(solicit(), multicast()))!);
  t.same(seen, [], 'not called for ADVERTISE');
  const addr = readIa(adv.get(3)!).subs[0]!.data.subarray(0, 16).toString('hex');
  const sid = adv.get(2)!.data;
  const req = message(3, 2, cid, opt(2, sid), iaNa(1));
  await s.server.inject(req, multicast());
  t.same(seen, ['3:1'], 'REQUEST with its lease');
  t.ok(addr);
  pkt6Send.callouts = [
    (h) => {
      h.next = NextStep.DROP;
    },
  ];
  t.equal(
    await s.server.inject(message(3, 3, cid, opt(2, sid), iaNa(1)), multicast()),
    null,
    'pkt6_send DROP',
  );
  pkt6Send.callouts = null;
  buffer6Send.callouts = [
    (h) => {
      h.args.buffer6 = Buffer.from('rewritten');
    },
  ];
  t.same(
    await s.server.inject(message(11, 4, cid), multicast()),
    Buffer.from('rewritten'),
    'buffer6_send replaced the bytes',
  );
});
