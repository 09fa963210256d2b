// The running service against a scripted DNS server on loopback: the bounded queue (full: the request is
// dropped and receiving pauses; it resumes at 80%), one transaction per DHCID at a time, the transaction
// limit, and the shutdown types.
import dgram from 'node:dgram';
import { createNcr, encodeNcr, type NameChangeRequest } from '@kea-ts/dhcp-ddns';
import { decodeMessage, emptyMessage, encodeMessage } from '@kea-ts/dns';
import { StatsMgr } from '@kea-ts/stats';
import t, { type Test } from 'tap';
import { checkD2Config, D2Service, D2Stats } from '../src/index.js';

/** A DNS server that answers NOERROR to every UPDATE, or holds the answers until released. */
async function fakeDns(): Promise<{
  port: number;
  seen: number[];
  hold: boolean;
  release(): void;
  close(): void;
}> {
  const sock = dgram.createSocket('udp4');
  const held: [Buffer, dgram.RemoteInfo][] = [];
  const answer = (msg: Buffer, r: dgram.RemoteInfo) => {
    const q = decodeMessage(msg);
    sock.send(
      encodeMessage(emptyMessage({ id: q.id, qr: true, opcode: q.opcode, questions: q.questions })),
      r.port,
      r.address,
    );
  };
  const state = {
    port: 0,
    seen: [] as number[],
    hold: false,
    release() {
      state.hold = false;
      for (const [m, r] of held.splice(0)) answer(m, r);
    },
    close: () => sock.close(),
  };
  sock.on('message', (msg, r) => {
    state.seen.push(msg.readUInt16BE(0));
    if (state.hold) held.push([msg, r]);
    else answer(msg, r);
  });
  await new Promise<void>((res) => sock.bind(0, '127.0.0.1', () => res()));
  state.port = sock.address().port;
  return state;
}

async function freeUdpPort(): Promise<number> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((res) => s.bind(0, '127.0.0.1', () => res()));
  const p = s.address().port;
  await new Promise<void>((res) => s.close(() => res()));
  return p;
}

function config(dnsPort: number, ncrPort: number) {
  const servers = [{ 'ip-address': '127.0.0.1', port: dnsPort }];
  return checkD2Config(
    {
      port: ncrPort,
      'dns-server-timeout': 5000,
      'forward-ddns': { 'ddns-domains': [{ name: 'example.com.', 'dns-servers': servers }] },
    },
    { file: 'test', positions: new Map() },
  );
}

const ncr = (i: number, dhcidByte = i): NameChangeRequest =>
  createNcr({
    changeType: 0,
    forwardChange: true,
    reverseChange: false,
    fqdn: `h${i}.example.com`,
    ipAddress: `192.0.2.${i}`,
    dhcid: Buffer.from([0, 1, 1, dhcidByte]),
    leaseExpiresOn: 2_000_000_000,
    leaseLength: 300,
  });

async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out: ${what}`);
}

async function setup(t: Test, opts: { maxQueueSize?: number; maxTransactions?: number }) {
  const dns = await fakeDns();
  const ncrPort = await freeUdpPort();
  const mgr = new StatsMgr();
  const service = new D2Service({ stats: new D2Stats(mgr), ...opts });
  await service.apply(config(dns.port, ncrPort));
  const out = dgram.createSocket('udp4');
  t.teardown(async () => {
    await service.stop('now');
    dns.close();
    out.close();
  });
  const send = (n: NameChangeRequest) =>
    new Promise<void>((res) => out.send(encodeNcr(n), ncrPort, '127.0.0.1', () => res()));
  const stat = (name: string) => mgr.getValue(name) as number;
  return { dns, service, send, stat };
}

t.test('a full queue drops the request, pauses receiving, and resumes at 80%', async (t) => {
  const { dns, service, send, stat } = await setup(t, { maxQueueSize: 5, maxTransactions: 1 });
  dns.hold = true;
  for (let i = 1; i <= 6; i++) await send(ncr(i));
  await until(() => stat('ncr-received') === 6, 'six received');
  t.equal(service.transactionCount, 1);
  t.equal(service.queueSize, 5, 'one running, five queued');
  await send(ncr(7)); // full: counted as received, dropped, receiving pauses
  await until(() => stat('ncr-received') === 7, 'seventh received');
  await send(ncr(8)); // paused: not even received
  await new Promise((r) => setTimeout(r, 100));
  t.equal(stat('ncr-received'), 7);
  t.equal(service.queueSize, 5);
  dns.release();
  await until(() => service.queueSize === 0 && service.transactionCount === 0, 'drained');
  t.equal(service.completed, 6, 'the six accepted requests were done');
  await send(ncr(9));
  await until(() => service.completed === 7, 'receiving resumed');
  t.equal(stat('ncr-received'), 8);
});

t.test('one transaction per DHCID at a time; others pass it', async (t) => {
  const { dns, service, send } = await setup(t, {});
  dns.hold = true;
  await send(ncr(1, 0x42));
  await send(ncr(2, 0x42)); // same DHCID: waits for the first
  await send(ncr(3, 0x43));
  await until(() => dns.seen.length === 2, 'two updates sent');
  t.equal(service.transactionCount, 2);
  t.equal(service.queueSize, 1, 'the second request of DHCID 42 waits');
  dns.release();
  await until(() => service.completed === 3, 'all done');
  t.equal(dns.seen.length, 3);
});

t.test('shutdown drain_first waits for the queue; now does not', async (t) => {
  const { dns, service, send, stat } = await setup(t, { maxTransactions: 1 });
  dns.hold = true;
  await send(ncr(1));
  await send(ncr(2));
  await until(() => service.queueSize === 1, 'one queued');
  setTimeout(() => dns.release(), 200);
  await service.stop('drain_first');
  t.equal(service.completed, 2, 'both requests were done before the stop finished');

  const second = await setup(t, { maxTransactions: 1 });
  second.dns.hold = true;
  await second.send(ncr(1));
  await until(() => second.service.transactionCount === 1, 'running');
  await second.service.stop('now');
  t.equal(second.service.completed, 0);
  t.equal(second.stat('update-timeout'), 0, 'an update cut by the stop is not a timeout');
  t.equal(stat('update-sent'), 2);
});

t.test(
  'a new listener port: bound before the old one closes; a port in use leaves the old one',
  async (t) => {
    const { dns, service, send, stat } = await setup(t, {});
    const newPort = await freeUdpPort();
    await service.apply(config(dns.port, newPort));
    t.equal(service.listenAddress()?.port, newPort);
    await send(ncr(1)); // to the old port: nobody listens any more
    const out = dgram.createSocket('udp4');
    await new Promise<void>((res) => out.send(encodeNcr(ncr(2)), newPort, '127.0.0.1', () => res()));
    await until(() => service.completed === 1, 'the request to the new port is done');
    t.equal(stat('ncr-received'), 1);
    // A port another socket holds: apply fails, the current listener keeps serving.
    const squatter = dgram.createSocket('udp4');
    await new Promise<void>((res) => squatter.bind(0, '127.0.0.1', () => res()));
    await t.rejects(service.apply(config(dns.port, squatter.address().port)), {
      code: 'KEA_ERR_DHCP_DDNS_SOCKET',
    });
    t.equal(service.listenAddress()?.port, newPort);
    await new Promise<void>((res) => out.send(encodeNcr(ncr(3)), newPort, '127.0.0.1', () => res()));
    await until(() => service.completed === 2, 'still served on the current port');
    squatter.close();
    out.close();
  },
);
