// kea-dhcp4 with libdhcp_flex_id.so, as a Kea user configures it: relayed clients (DISCOVER/REQUEST
// built here and sent from a relay namespace, giaddr 192.0.2.2, option 82 with a remote-id) get the
// address reserved for their remote-id (identifier-expression "relay4[2].hex"), with replace-client-id
// the lease file holds 00 + remote-id as client_id and the ACK carries the client's own client-id; a
// client of another port gets a pool address. Needs root and ip netns.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pkt4 } from '@kea-ts/dhcp';
import t from 'tap';
import { command } from './lib/control.js';
import { bin, startProgram, tempDir, writeJson } from './lib/harness.js';
import { canUseNetns, netnsPair } from './lib/netns.js';

// Runs in the relay namespace: sends each packet from port 67 and prints the answers (hex or null).
const RELAY = `
import dgram from 'node:dgram';
import { readFileSync } from 'node:fs';
const packets = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const s = dgram.createSocket({ type: 'udp4', reuseAddr: true });
await new Promise((r) => s.bind(67, '192.0.2.2', r));
const waiting = new Map();
s.on('message', (m) => { const w = waiting.get(m.readUInt32BE(4)); if (w) w(m); });
const out = [];
for (const hex of packets) {
  const p = Buffer.from(hex, 'hex');
  const got = new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), 3000);
    waiting.set(p.readUInt32BE(4), (m) => { clearTimeout(timer); resolve(m); });
  });
  s.send(p, 67, '192.0.2.1');
  const a = await got;
  out.push(a ? a.toString('hex') : null);
}
process.stdout.write(JSON.stringify(out));
process.exit(0);
`;

function u32(v: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(v >>> 0);
  return b;
}

/** A client's message as the relay forwards it: giaddr, hops 1, option 82 with circuit-id and remote-id. */
function relayed(type: number, xid: number, mac: number, remoteId: string, extra: [number, Buffer][] = []) {
  const p = new Pkt4(type);
  p.op = 1;
  p.htype = 1;
  p.hlen = 6;
  p.hops = 1;
  p.xid = xid;
  p.giaddr = 0xc0000202;
  p.chaddr = Buffer.from([2, 0, 0, 0, 0, mac]);
  p.setOption(61, Buffer.from([1, 2, 0, 0, 0, 0, mac]));
  for (const [code, value] of extra) p.setOption(code, value);
  const rid = Buffer.from(remoteId);
  p.setOption(82, Buffer.concat([Buffer.from([1, 2, 0x72, 0x31, 2, rid.length]), rid]));
  return p.pack().toString('hex');
}

t.test(
  'flex-id on the relay remote-id: reserved address, lease keyed on the flex-id, client-id echoed',
  { skip: canUseNetns() ? false : 'needs root and ip netns', timeout: 60_000 },
  async (t) => {
    const dir = tempDir(t, 'kd4f-');
    const net = await netnsPair(t, 'kd4f');
    const leaseFile = join(dir, 'leases4.csv');
    const socket = join(dir, 'kea4.sock');
    const conf = writeJson(join(dir, 'kea-dhcp4.conf'), {
      Dhcp4: {
        'interfaces-config': { interfaces: ['s0'] },
        'control-socket': { 'socket-type': 'unix', 'socket-name': socket },
        'lease-database': { type: 'memfile', name: leaseFile, 'lfc-interval': 0 },
        'valid-lifetime': 900,
        'host-reservation-identifiers': ['flex-id'],
        'hooks-libraries': [
          {
            library: '/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_flex_id.so',
            parameters: { 'identifier-expression': 'relay4[2].hex', 'replace-client-id': true },
          },
        ],
        subnet4: [
          {
            id: 1,
            subnet: '192.0.2.0/24',
            pools: [{ pool: '192.0.2.100 - 192.0.2.110' }],
            reservations: [{ 'flex-id': "'port-7'", 'ip-address': '192.0.2.7', hostname: 'port7' }],
          },
        ],
        loggers: [{ name: 'kea-dhcp4', severity: 'INFO', output_options: [{ output: 'stdout' }] }],
      },
    });
    const server = startProgram(t, ...net.argv(net.server, bin('kea-dhcp4'), ['-c', conf]), {
      KEA_PIDFILE_DIR: dir,
    });
    await server.waitFor(/DHCP4_STARTED/, 20_000);

    const requested = (a: string) => [50, u32(a.split('.').reduce((n, x) => n * 256 + Number(x), 0))];
    const sid: [number, Buffer] = [54, u32(0xc0000201)];
    const packets = [
      relayed(1, 0x101, 1, 'port-7'),
      relayed(3, 0x102, 1, 'port-7', [requested('192.0.2.7') as [number, Buffer], sid]),
      relayed(1, 0x201, 2, 'port-9'),
    ];
    const input = join(dir, 'packets.json');
    writeFileSync(input, JSON.stringify(packets));
    const relay = join(dir, 'relay.mjs');
    writeFileSync(relay, RELAY);
    const r = net.run(net.client, process.execPath, [relay, input], { timeout: 30_000 });
    t.equal(r.status, 0, r.stderr);
    const [offer, ack, other] = (JSON.parse(r.stdout) as (string | null)[]).map((h) =>
      h === null ? null : Pkt4.parse(Buffer.from(h, 'hex')),
    );
    const addr = (p: Pkt4 | null | undefined) =>
      p ? [p.yiaddr >>> 24, (p.yiaddr >>> 16) & 255, (p.yiaddr >>> 8) & 255, p.yiaddr & 255].join('.') : null;
    t.equal(addr(offer), '192.0.2.7', `the reserved address offered\n${server.output()}`);
    t.equal(ack?.messageType, 5, 'ACK');
    t.equal(addr(ack), '192.0.2.7');
    t.equal(ack?.getOption(12)?.toString(), 'port7', "the reservation's hostname");
    t.equal(ack?.getOption(61)?.toString('hex'), '01020000000001', "the client's own client-id back");
    t.match(addr(other), /^192\.0\.2\.1(?:0\d|10)$/, 'another port: a pool address');

    const row = readFileSync(leaseFile, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('192.0.2.7,'))
      ?.split(',');
    t.equal(row?.[2], `00:${[...Buffer.from('port-7')].map((b) => b.toString(16)).join(':')}`, 'client_id');
    t.equal(row?.[1], '02:00:00:00:00:01', 'hwaddr');

    const got = await command(socket, { command: 'config-get' });
    const libs = (got.arguments as { Dhcp4: { 'hooks-libraries': { library: string }[] } }).Dhcp4[
      'hooks-libraries'
    ];
    t.match(libs, [{ library: /libdhcp_flex_id\.so$/ }], 'config-get shows the library');
  },
);
