// Kea's UDP framing and the sender/receiver pair on loopback: one in flight, bounded queue, bad datagrams.
import dgram from 'node:dgram';
import { readFileSync } from 'node:fs';
import t from 'tap';
import {
  createNcr,
  decodeNcr,
  encodeNcr,
  type NameChangeRequest,
  NCR_RECV_BUFFER,
  NcrUdpReceiver,
  NcrUdpSender,
  ncrEquals,
  ncrToJson,
} from '../src/index.js';

const ncrFor = (i: number): NameChangeRequest =>
  createNcr({
    changeType: 0,
    forwardChange: true,
    reverseChange: true,
    fqdn: `host${i}.example.com`,
    ipAddress: `192.0.2.${i}`,
    dhcid: Buffer.from([0, 1, 1, i]),
    leaseExpiresOn: 1_800_000_000,
    leaseLength: 600,
  });
const BAD = { code: 'KEA_ERR_DHCP_DDNS_BAD_NCR' };

t.test('wire framing: 2-byte network-order length then the JSON', async (t) => {
  const ncr = ncrFor(5);
  const wire = encodeNcr(ncr);
  const json = ncrToJson(ncr);
  t.equal(wire.readUInt16BE(0), json.length);
  t.equal(wire.subarray(2).toString(), json);
  t.ok(ncrEquals(decodeNcr(wire), ncr));
  t.throws(() => decodeNcr(Buffer.from(json)), { ...BAD, message: /runs past the end/ }, 'bare JSON');
  t.throws(() => decodeNcr(Buffer.from([0])), { ...BAD, message: /no 2-byte length/ });
  const long = Buffer.from(wire);
  long.writeUInt16BE(json.length + 1, 0);
  t.throws(() => decodeNcr(long), { ...BAD, message: /runs past the end/ });
  t.throws(() => decodeNcr(Buffer.concat([wire, Buffer.from('x')])), {
    ...BAD,
    message: /1 byte\(s\) after/,
  });
  const short = Buffer.from(wire);
  short.writeUInt16BE(json.length - 1, 0);
  t.throws(() => decodeNcr(short), BAD);
  t.throws(() => decodeNcr(Buffer.alloc(5000)), { ...BAD, message: /larger than 4096/ });
  t.throws(() => encodeNcr({ ...ncr, dhcid: Buffer.alloc(3000) }), { ...BAD, message: /does not fit/ });
});

t.test('sender to receiver over loopback, in order, one in flight', async (t) => {
  const got: NameChangeRequest[] = [];
  const invalid: string[] = [];
  let resolveAll: () => void = () => {};
  const all = new Promise<void>((r) => {
    resolveAll = r;
  });
  const rx = new NcrUdpReceiver({
    ip: '127.0.0.1',
    port: 0,
    onRequest: (ncr) => {
      got.push(ncr);
      if (got.length === 20) resolveAll();
    },
    onInvalid: (e) => invalid.push(e.message),
  });
  await rx.start();
  const port = rx.address()!.port;
  const results: string[] = [];
  const tx = new NcrUdpSender({
    senderIp: '127.0.0.1',
    senderPort: 0,
    serverIp: '127.0.0.1',
    serverPort: port,
    maxQueueSize: 20,
    onSent: (r) => results.push(r),
  });
  t.throws(() => tx.send(ncrFor(1)), { code: 'KEA_ERR_DHCP_DDNS_SENDER_NOT_READY' });
  await tx.start();
  try {
    for (let i = 1; i <= 20; i++) tx.send(ncrFor(i));
    t.ok(tx.sendInProgress, 'the first request is in flight');
    t.equal(tx.queueSize, 20);
    t.throws(() => tx.send(ncrFor(21)), {
      code: 'KEA_ERR_DHCP_DDNS_QUEUE_FULL',
      message: /max-queue-size 20/,
    });
    await all;
    t.same(
      got.map((n) => n.fqdn),
      Array.from({ length: 20 }, (_, i) => `host${i + 1}.example.com.`),
    );
    t.ok(ncrEquals(got[4]!, ncrFor(5)));
    t.equal(tx.queueSize, 0);
    t.equal(tx.sentCount, 20);
    t.same(results, Array(20).fill('success'));
    t.throws(() => tx.clearQueue(), { code: 'KEA_ERR_DHCP_DDNS_SENDER_NOT_READY' });

    // Bad datagrams from a plain socket: each reported, the receiver keeps going.
    const raw = dgram.createSocket('udp4');
    const json = ncrToJson(ncrFor(9));
    const bad = [
      Buffer.from('garbage'),
      Buffer.from(json),
      Buffer.concat([Buffer.from([0, 10]), Buffer.from('{"fqdn":1}')]),
      Buffer.alloc(6000, 0x41),
    ];
    for (const b of bad) await new Promise<void>((r) => raw.send(b, port, '127.0.0.1', () => r()));
    raw.send(encodeNcr(ncrFor(42)), port, '127.0.0.1');
    await new Promise<void>((r) => {
      const iv = setInterval(() => {
        if (got.length === 21) {
          clearInterval(iv);
          r();
        }
      }, 10);
    });
    raw.close();
    t.equal(invalid.length, 4);
    t.match(invalid[3], /larger than 4096/);
    t.equal(got[20]!.fqdn, 'host42.example.com.');
  } finally {
    await tx.stop();
    await rx.stop();
  }
  t.notOk(tx.isSending);
  tx.clearQueue();
});

t.test('options are checked', async (t) => {
  const opt = { code: 'KEA_ERR_DHCP_DDNS_BAD_OPTION' };
  t.throws(
    () => new NcrUdpSender({ senderIp: '::', senderPort: 0, serverIp: '127.0.0.1', serverPort: 53001 }),
    opt,
  );
  t.throws(
    () => new NcrUdpSender({ senderIp: '0.0.0.0', senderPort: 0, serverIp: '127.0.0.1', serverPort: 0 }),
    opt,
  );
  t.throws(
    () =>
      new NcrUdpSender({
        senderIp: '0.0.0.0',
        senderPort: 0,
        serverIp: '127.0.0.1',
        serverPort: 1,
        maxQueueSize: 0,
      }),
    opt,
  );
  t.throws(() => new NcrUdpReceiver({ ip: 'x', port: 1, onRequest: () => {} }), opt);
});

t.test('a receiver on a port in use fails to start with a clear error', async (t) => {
  const a = new NcrUdpReceiver({ ip: '127.0.0.1', port: 0, onRequest: () => {} });
  await a.start();
  const b = new NcrUdpReceiver({ ip: '127.0.0.1', port: a.address()!.port, onRequest: () => {} });
  await t.rejects(b.start(), { code: 'KEA_ERR_DHCP_DDNS_SOCKET', message: /cannot listen/ });
  await a.stop();
});

t.test('IPv6 loopback', async (t) => {
  let got: NameChangeRequest | null = null;
  const rx = new NcrUdpReceiver({
    ip: '::1',
    port: 0,
    onRequest: (n) => {
      got = n;
    },
  });
  await rx.start();
  const tx = new NcrUdpSender({
    senderIp: '::1',
    senderPort: 0,
    serverIp: '::1',
    serverPort: rx.address()!.port,
  });
  await tx.start();
  tx.send(ncrFor(7));
  for (let i = 0; i < 200 && got === null; i++) await new Promise((r) => setTimeout(r, 10));
  t.ok(got !== null && ncrEquals(got, ncrFor(7)));
  await tx.stop();
  await rx.stop();
});

t.test('the receiver asks for a 4 MiB receive buffer (bursts wait in the kernel)', async (t) => {
  const rx = new NcrUdpReceiver({ ip: '127.0.0.1', port: 0, onRequest: () => {} });
  await rx.start();
  const max = Number(readFileSync('/proc/sys/net/core/rmem_max', 'utf8'));
  // Linux reports twice what was set (its bookkeeping share), capped at rmem_max.
  t.equal(rx.receiveBufferSize(), 2 * Math.min(NCR_RECV_BUFFER, max));
  await rx.stop();
  t.equal(rx.receiveBufferSize(), null);
});
