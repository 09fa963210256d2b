// kea-dhcp6 killed with SIGKILL in the middle of fast rapid-commit exchanges from a client namespace:
// every address a REPLY gave is live in the lease CSV; real Kea 2.2 loads that file with the same
// assigned-nas, and so does our restarted server, which also keeps its DUID (kea-dhcp6-serverid).
// Needs root, iproute2 and kea-dhcp6-server.
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { statistic } from './lib/control.js';
import { leaseRows, serverDuid, writeDhcp6Config } from './lib/dhcp6-config.js';
import { v6Text } from './lib/dhcp6-packets.js';
import { bin, startProgram, tempDir } from './lib/harness.js';
import { canUseNetns, netnsPair } from './lib/netns.js';

const KEA = '/usr/sbin/kea-dhcp6';
const canRun = canUseNetns() && existsSync(KEA);
const assignedNas = (sock: string) => statistic(sock, 'subnet[1].assigned-nas');

// Runs in the client namespace: 32 clients at a time, each a rapid-commit SOLICIT with its own DUID;
// every address a REPLY carried is written out, one per line, as it arrives.
const SENDER = `
import dgram from 'node:dgram';
import { appendFileSync } from 'node:fs';
const out = process.argv[2];
const s = dgram.createSocket({ type: 'udp6', reuseAddr: true });
await new Promise((r) => s.bind(546, '::', r));
const pending = new Map();
let next = 1;
const opt = (c, b) => { const h = Buffer.alloc(4); h.writeUInt16BE(c); h.writeUInt16BE(b.length, 2); return Buffer.concat([h, b]); };
function send() {
  const n = next++;
  const xid = n & 0xffffff;
  const duid = Buffer.alloc(10); duid.writeUInt32BE(0x00030001, 0); duid.writeUInt32BE(n, 6);
  const ia = Buffer.alloc(12); ia.writeUInt32BE(1, 0);
  const p = Buffer.concat([Buffer.from([1, xid >> 16, (xid >> 8) & 255, xid & 255]), opt(1, duid), opt(8, Buffer.alloc(2)), opt(14, Buffer.alloc(0)), opt(3, ia)]);
  pending.set(xid, setTimeout(() => { pending.delete(xid); send(); }, 500));
  s.send(p, 547, 'ff02::1:2%c0');
}
s.on('message', (m) => {
  if (m[0] !== 7) return;
  const xid = m.readUIntBE(1, 3);
  const timer = pending.get(xid);
  if (!timer) return;
  clearTimeout(timer); pending.delete(xid);
  for (let p = 4; p + 4 <= m.length;) {
    const c = m.readUInt16BE(p), l = m.readUInt16BE(p + 2);
    if (c === 3 && l >= 12 + 28 && m.readUInt16BE(p + 16) === 5) {
      const a = m.subarray(p + 20, p + 36);
      const words = []; for (let i = 0; i < 16; i += 2) words.push(a.readUInt16BE(i).toString(16));
      appendFileSync(out, words.join(':') + '\\n');
    }
    p += 4 + l;
  }
  send();
});
for (let i = 0; i < 32; i++) send();
setTimeout(() => process.exit(0), Number(process.argv[3]));
`;

t.test(
  'SIGKILL under load loses no replied lease; real Kea and our restart load the file alike',
  { skip: canRun ? false : 'needs root, ip netns and kea-dhcp6-server', timeout: 180_000 },
  async (t) => {
    const dir = tempDir(t, 'kd6k-');
    const net = await netnsPair(t, 'kd6k', { ipv6: true });

    const config = (name: string, leaseFile?: string) =>
      writeDhcp6Config({
        dir,
        name,
        leaseFile,
        subnet: { 'rapid-commit': true },
        pools: ['2001:db8:1::/80'],
        pdPools: [],
      });
    const { conf, leaseFile, sock } = config('ours.conf');
    const env = { KEA_PIDFILE_DIR: dir, KEA_LOCKFILE_DIR: dir };
    const first = startProgram(t, ...net.argv(net.server, bin('kea-dhcp6'), ['-c', conf]), env);
    await first.waitFor(/DHCP6_STARTED/, 20_000);
    await new Promise((r) => setTimeout(r, 1500));
    const duid = serverDuid(dir);

    const sender = join(dir, 'sender.mjs');
    writeFileSync(sender, SENDER);
    const replied = join(dir, 'replied.txt');
    writeFileSync(replied, '');
    const load = net.spawn(net.client, process.execPath, [sender, replied, '3000'], { stdio: 'ignore' });
    const loadDone = new Promise((r) => load.once('exit', r));
    await new Promise((r) => setTimeout(r, 1500));
    first.child.kill('SIGKILL');
    await first.exited;
    await loadDone;

    const got = [...new Set(readFileSync(replied, 'utf8').split('\n').filter(Boolean).map(v6Text))];
    t.ok(got.length > 100, `${got.length} addresses replied before the kill`);
    // The last row of each address is what a restart loads.
    const live = new Map<string, string>();
    for (const r of leaseRows(leaseFile)) live.set(r.address!, r.valid_lifetime!);
    const lost = got.filter((a) => !(Number(live.get(a) ?? 0) > 0));
    t.same(lost, [], 'every replied address has a live row in the CSV');
    const liveCount = [...live.values()].filter((v) => Number(v) > 0).length;

    // Real Kea 2.2 loads the file.
    const keaFile = join(dir, 'kea-leases6.csv');
    copyFileSync(leaseFile, keaFile);
    const keaConf = config('kea.conf', keaFile).conf;
    const kea = startProgram(t, ...net.argv(net.server, KEA, ['-c', keaConf]), env);
    await kea.waitFor(/DHCP6_STARTED/, 20_000);
    await new Promise((r) => setTimeout(r, 500));
    t.equal(await assignedNas(sock), liveCount, 'real Kea 2.2 counts the same assigned-nas');
    t.equal(serverDuid(dir), duid, 'and keeps our DUID');
    await kea.stop();

    const again = startProgram(t, ...net.argv(net.server, bin('kea-dhcp6'), ['-c', conf]), env);
    await again.waitFor(/DHCP6_STARTED/, 20_000);
    await new Promise((r) => setTimeout(r, 500));
    t.equal(await assignedNas(sock), liveCount, 'our restarted server counts the same');
    t.equal(serverDuid(dir), duid, 'the server DUID survived');
    await again.stop();
  },
);
