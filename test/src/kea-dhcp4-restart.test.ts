// Crash safety and lease-file compatibility with real Kea 2.2: clients run four-message exchanges
// against kea-dhcp4 as fast as they can while it is killed with SIGKILL; every address that was ACKed is
// in the lease file afterwards (an answer leaves only once its lease is written). Real Kea 2.2 then loads
// that file and counts the same assigned addresses, and so does our restarted server.
// Server and client namespaces joined by a veth pair, 192.0.2.0/24 only, removed whatever happens.
// Needs root, iproute2 and kea-dhcp4-server.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { statistic } from './lib/control.js';
import { bin, startProgram, tempDir, writeJson } from './lib/harness.js';
import { canUseNetns, ip, netnsPair } from './lib/netns.js';

const KEA = '/usr/sbin/kea-dhcp4';
const canRun = canUseNetns() && existsSync(KEA);
const assigned = (sock: string) => statistic(sock, 'subnet[1].assigned-addresses');

// Runs in the client namespace: DISCOVER/REQUEST for client after client (broadcast flag set), printing
// each ACKed address at once; stops after a few unanswered exchanges in a row (the server is gone).
const CLIENTS = `
import dgram from 'node:dgram';
const s = dgram.createSocket({ type: 'udp4', reuseAddr: true });
await new Promise((r) => s.bind(68, '0.0.0.0', r));
s.setBroadcast(true);
let waiter = null;
s.on('message', (m) => { if (waiter && m.readUInt32BE(4) === waiter.xid) { const w = waiter; waiter = null; w.done(m); } });
function pkt(type, i, xid, requested) {
  const b = Buffer.alloc(240);
  b[0] = 1; b[1] = 1; b[2] = 6; b.writeUInt32BE(xid, 4); b.writeUInt16BE(0x8000, 10);
  Buffer.from([2, 0, 0, 0xcc, (i >> 8) & 255, i & 255]).copy(b, 28);
  b.writeUInt32BE(0x63825363, 236);
  const o = [53, 1, type];
  if (requested) o.push(50, 4, ...requested, 54, 4, 192, 0, 2, 1);
  return Buffer.concat([b, Buffer.from([...o, 255])]);
}
const ask = (p) => new Promise((resolve) => {
  const xid = p.readUInt32BE(4);
  const timer = setTimeout(() => { waiter = null; resolve(null); }, 300);
  waiter = { xid, done: (m) => { clearTimeout(timer); resolve(m); } };
  s.send(p, 67, '255.255.255.255');
});
let misses = 0;
for (let i = 1; i < 240 && misses < 5; i++) {
  const offer = await ask(pkt(1, i, i * 2));
  if (!offer) { misses++; continue; }
  const ack = await ask(pkt(3, i, i * 2 + 1, [...offer.subarray(16, 20)]));
  if (!ack || ack[242] !== 5) { misses++; continue; }
  misses = 0;
  process.stdout.write([...ack.subarray(16, 20)].join('.') + '\\n');
}
process.exit(0);
`;

t.test(
  'SIGKILL loses no ACKed lease; real Kea loads our lease file',
  { skip: canRun ? false : 'needs root, ip netns and kea-dhcp4-server', timeout: 120_000 },
  async (t) => {
    const dir = tempDir(t, 'kd4k-');
    const net = await netnsPair(t, 'kd4k');
    ip('-n', net.client, 'route', 'add', 'default', 'dev', 'c0');

    const leaseFile = join(dir, 'leases4.csv');
    const sock = join(dir, 'kea4.sock');
    const conf = writeJson(join(dir, 'kea-dhcp4.conf'), {
      Dhcp4: {
        'interfaces-config': { interfaces: ['s0'] },
        'control-socket': { 'socket-type': 'unix', 'socket-name': sock },
        'lease-database': { type: 'memfile', name: leaseFile, 'lfc-interval': 0 },
        'valid-lifetime': 3600,
        subnet4: [{ id: 1, subnet: '192.0.2.0/24', pools: [{ pool: '192.0.2.10 - 192.0.2.250' }] }],
        loggers: [{ name: 'kea-dhcp4', severity: 'INFO', output_options: [{ output: 'stdout' }] }],
      },
    });
    const env = { KEA_PIDFILE_DIR: dir, KEA_LOCKFILE_DIR: dir };
    const ours = startProgram(t, ...net.argv(net.server, bin('kea-dhcp4'), ['-c', conf]), env);
    await ours.waitFor(/DHCP4_STARTED/);

    const script = join(dir, 'clients.mjs');
    writeFileSync(script, CLIENTS);
    const clients = net.spawn(net.client, process.execPath, [script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let acked = '';
    clients.stdout?.on('data', (d) => {
      acked += d.toString();
    });
    const clientsDone = new Promise((r) => clients.once('exit', r));
    t.teardown(() => {
      clients.kill('SIGKILL');
    });
    // Kill the server in the middle of the exchanges.
    const deadline = Date.now() + 15_000;
    while (new Set(acked.split('\n').filter(Boolean)).size < 40 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    ours.child.kill('SIGKILL');
    await ours.exited;
    await clientsDone;
    const ackedSet = new Set(acked.trim().split('\n').filter(Boolean));
    t.ok(ackedSet.size >= 40, `${ackedSet.size} addresses ACKed before and while the server was killed`);

    // The live leases of the file: the last row of each address, valid_lifetime > 0.
    const live = new Map<string, string[]>();
    for (const row of readFileSync(leaseFile, 'utf8').trim().split('\n').slice(1)) {
      const f = row.split(',');
      if (f[3] === '0') live.delete(f[0]!);
      else live.set(f[0]!, f);
    }
    const missing = [...ackedSet].filter((a) => !live.has(a));
    t.same(missing, [], 'every ACKed address is in the lease file');

    const kea = startProgram(t, ...net.argv(net.server, KEA, ['-c', conf]), env);
    await kea.waitFor(/DHCP4_STARTED/, 20_000);
    t.equal(await assigned(sock), live.size, 'real Kea 2.2 loads our file: same assigned-addresses');
    await kea.stop();

    const again = startProgram(t, ...net.argv(net.server, bin('kea-dhcp4'), ['-c', conf]), env);
    await again.waitFor(/DHCP4_STARTED/);
    t.equal(await assigned(sock), live.size, 'our restarted server counts the same');
  },
);
