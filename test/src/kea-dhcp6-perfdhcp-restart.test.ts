// kill -9 under perfdhcp -6 load, twice on one lease file: Debian's perfdhcp runs SARR exchanges from the
// client namespace (first IA_NA only, then IA_NA + IA_PD) while tcpdump records the server's REPLYs on c0;
// the server is killed with SIGKILL mid-run and started again. Every address and prefix seen in a
// captured REPLY is a live lease in the CSV and counted by the restarted server (subnet[1].assigned-nas /
// assigned-pds), and the server DUID (kea-dhcp6-serverid and option 2 of the REPLYs) stays the same.
// Needs root, iproute2, perfdhcp and tcpdump.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { statistic } from './lib/control.js';
import { LOAD_POOLS, leaseRows, serverDuid, writeDhcp6Config } from './lib/dhcp6-config.js';
import { options, v6Text } from './lib/dhcp6-packets.js';
import { bin, startProgram, tempDir, waitForFile } from './lib/harness.js';
import { canUseNetns, netnsPair } from './lib/netns.js';
import { udp6Payloads } from './lib/pcap.js';

const canRun =
  canUseNetns() && existsSync('/usr/sbin/perfdhcp') && spawnSync('tcpdump', ['--version']).status === 0;

interface Replied {
  serverIds: Set<string>;
  addresses: Set<string>;
  /** "prefix/len" */
  prefixes: Set<string>;
  replies: number;
}

/** Addresses and prefixes with a non-zero valid lifetime in every REPLY (type 7) of the capture. */
function repliedLeases(pcap: Buffer): Replied {
  const out: Replied = { serverIds: new Set(), addresses: new Set(), prefixes: new Set(), replies: 0 };
  for (const msg of udp6Payloads(pcap)) {
    if (msg[0] !== 7) continue;
    out.replies++;
    for (const [code, raw] of options(msg)) {
      const body = raw.subarray(4);
      if (code === 2) out.serverIds.add(body.toString('hex'));
      if (code !== 3 && code !== 25) continue;
      for (const [sub, subRaw] of options(raw, 16)) {
        const s = subRaw.subarray(4);
        if (code === 3 && sub === 5 && s.length >= 24 && s.readUInt32BE(20) > 0)
          out.addresses.add(v6Text(s.subarray(0, 16)));
        if (code === 25 && sub === 26 && s.length >= 25 && s.readUInt32BE(4) > 0)
          out.prefixes.add(`${v6Text(s.subarray(9, 25))}/${s[8]}`);
      }
    }
  }
  return out;
}

/** Live rows of Kea's v6 CSV: the last row of each (address, type) with valid_lifetime > 0. */
function liveLeases(file: string): { nas: Set<string>; pds: Set<string> } {
  const last = new Map<string, Record<string, string>>();
  for (const row of leaseRows(file)) {
    const key = row.lease_type === '2' ? `${v6Text(row.address!)}/${row.prefix_len}` : v6Text(row.address!);
    last.set(`${row.lease_type} ${key}`, row);
  }
  const nas = new Set<string>();
  const pds = new Set<string>();
  for (const [k, row] of last) {
    if (row.valid_lifetime === '0') continue;
    const [type, key] = k.split(' ') as [string, string];
    if (type === '0') nas.add(key);
    if (type === '2') pds.add(key);
  }
  return { nas, pds };
}

t.test(
  'SIGKILL under perfdhcp -6 load (IA_NA, then IA_NA + IA_PD): every replied lease survives',
  { skip: canRun ? false : 'needs root, ip netns, perfdhcp and tcpdump', timeout: 120_000 },
  async (t) => {
    const dir = tempDir(t, 'kd6pk-');
    const net = await netnsPair(t, 'kd6pk', { ipv6: true });
    const log = join(dir, 'kea.log');
    const { conf, leaseFile, sock } = writeDhcp6Config({
      dir,
      globals: { 'preferred-lifetime': 3000, 'valid-lifetime': 4000 },
      ...LOAD_POOLS,
      log,
    });
    const env = { KEA_PIDFILE_DIR: dir, KEA_LOCKFILE_DIR: dir };
    let starts = 0;
    const start = async () => {
      const d = startProgram(t, ...net.argv(net.server, bin('kea-dhcp6'), ['-c', conf]), env);
      starts++;
      await waitForFile(log, new RegExp(`(DHCP6_STARTED[\\s\\S]*){${starts}}`), 20_000);
      return d;
    };

    // Runs perfdhcp -6 (lease type `mode`) for a while under tcpdump, SIGKILLs the server mid-run and
    // returns what the captured REPLYs gave.
    const loadAndKill = async (server: ReturnType<typeof startProgram>, mode: string, tag: string) => {
      const pcapPath = join(dir, `${tag}.pcap`);
      const tcpdump = await net.capture(net.client, 'c0', pcapPath, 'udp and src port 547');
      t.match(tcpdump.output(), /listening on c0/, `${tag}: tcpdump is capturing`);
      const perf = net.start(net.client, 'perfdhcp', [
        ...['-6', '-l', 'c0', '-e', mode, '-r', '200', '-R', '1000000'],
        ...['-p', '12', '-d', '1', '-W', '1000000'],
      ]);
      await new Promise((r) => setTimeout(r, 4000));
      server.child.kill('SIGKILL');
      await server.exited;
      await new Promise((r) => setTimeout(r, 300));
      perf.child.kill('SIGKILL');
      await perf.exited;
      tcpdump.child.kill('SIGINT');
      await tcpdump.exited;
      return repliedLeases(readFileSync(pcapPath));
    };

    const first = await start();
    const duid = serverDuid(dir);
    const duidHex = duid.replace(/:/g, '').toLowerCase();
    const one = await loadAndKill(first, 'address-only', 'na');
    t.ok(one.addresses.size >= 200, `IA_NA run: ${one.replies} REPLYs, ${one.addresses.size} addresses`);
    t.same([...one.serverIds], [duidHex], 'the REPLYs carry the DUID of kea-dhcp6-serverid');

    let live = liveLeases(leaseFile);
    t.same(
      [...one.addresses].filter((a) => !live.nas.has(a)).slice(0, 20),
      [],
      `every replied address is a live lease in the CSV (${live.nas.size} live)`,
    );

    const second = await start();
    const nas1 = await statistic(sock, 'subnet[1].assigned-nas');
    t.ok(
      nas1 !== undefined && nas1 >= one.addresses.size,
      `restarted: assigned-nas ${nas1} >= ${one.addresses.size} replied`,
    );
    t.equal(nas1, live.nas.size, 'and it counts exactly the live address rows');
    t.equal(serverDuid(dir), duid, 'kea-dhcp6-serverid unchanged');

    const two = await loadAndKill(second, 'address-and-prefix', 'napd');
    t.ok(
      two.addresses.size >= 100 && two.prefixes.size >= 100,
      `IA_NA+IA_PD run: ${two.replies} REPLYs, ${two.addresses.size} addresses, ${two.prefixes.size} prefixes`,
    );
    t.same([...two.serverIds], [duidHex], 'the restarted server answers with the same DUID');

    live = liveLeases(leaseFile);
    const addresses = new Set([...one.addresses, ...two.addresses]);
    t.same(
      [...addresses].filter((a) => !live.nas.has(a)).slice(0, 20),
      [],
      'every address replied in either run is live in the CSV',
    );
    t.same(
      [...two.prefixes].filter((p) => !live.pds.has(p)).slice(0, 20),
      [],
      `every replied prefix is a live lease in the CSV (${live.pds.size} live)`,
    );

    const third = await start();
    const nas2 = await statistic(sock, 'subnet[1].assigned-nas');
    const pds2 = await statistic(sock, 'subnet[1].assigned-pds');
    t.ok(nas2 !== undefined && nas2 >= addresses.size, `assigned-nas ${nas2} >= ${addresses.size} replied`);
    t.ok(
      pds2 !== undefined && pds2 >= two.prefixes.size,
      `assigned-pds ${pds2} >= ${two.prefixes.size} replied`,
    );
    t.equal(nas2, live.nas.size, 'assigned-nas is the live address rows');
    t.equal(pds2, live.pds.size, 'assigned-pds is the live prefix rows');
    t.equal(serverDuid(dir), duid, 'the DUID survived two kills');
    t.equal(third.child.exitCode, null, 'the restarted server is running');
  },
);
