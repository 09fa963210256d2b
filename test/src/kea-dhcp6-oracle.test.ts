// Oracle: real Kea 2.2 (Debian's /usr/sbin/kea-dhcp6) and our kea-dhcp6 run in turn on the same config
// (same server DUID) in a server namespace, and the same scenarios are played from a client namespace
// (veth pair, 2001:db8::/32 only, removed whatever happens). Each scenario is one client (its own DUID):
// IA_NA, IA_PD and several of both, rapid commit allowed or not, address and prefix hints (in and out of
// the pools, length only), reservations by duid and hw-address, RENEW / REBIND / RELEASE / DECLINE of
// unknown or foreign bindings, CONFIRM on- and off-link, INFORMATION-REQUEST ORO variants, server-id
// rules, one and two relay layers (interface-id, remote-id, subscriber-id), PD-exclude, lifetimes with
// min/max and client-requested ones. Every answer must match Kea's: message type, relay layers and every
// option's bytes, IA sub-options included; silence where Kea drops. Requests are built by hand (lib/dhcp6-packets), the scenarios are in
// lib/dhcp6-oracle-scenarios and lib/dhcp6-oracle-relay-scenarios.
// Needs root, iproute2 and kea-dhcp6-server.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { decode6, SENDER6, senderInput6 } from './lib/dhcp6-oracle.js';
import { relayScenarios } from './lib/dhcp6-oracle-relay-scenarios.js';
import { clientScenarios } from './lib/dhcp6-oracle-scenarios.js';
import { bin, type RunningDaemon, startProgram, tempDir, writeJson } from './lib/harness.js';
import { canUseNetns, netnsPair } from './lib/netns.js';

const KEA = '/usr/sbin/kea-dhcp6';
const canRun = canUseNetns() && existsSync(KEA);

const config = (leaseFile: string, dir: string) => ({
  Dhcp6: {
    'interfaces-config': { interfaces: ['s0'] },
    'server-id': { type: 'LL', htype: 1, identifier: '0200000006f1', persist: false },
    'data-directory': dir,
    'lease-database': { type: 'memfile', name: leaseFile, 'lfc-interval': 0 },
    'preferred-lifetime': 3000,
    'valid-lifetime': 4000,
    'option-data': [
      { name: 'dns-servers', data: '2001:db8::53' },
      { name: 'domain-search', data: 'example.org.' },
    ],
    subnet6: [
      {
        id: 1,
        subnet: '2001:db8:1::/64',
        interface: 's0',
        'rapid-commit': true,
        'renew-timer': 1000,
        'rebind-timer': 2000,
        pools: [{ pool: '2001:db8:1::100 - 2001:db8:1::1ff' }],
        'pd-pools': [
          {
            prefix: '2001:db8:8000::',
            'prefix-len': 48,
            'delegated-len': 56,
            'excluded-prefix': '2001:db8:8000:f0::',
            'excluded-prefix-len': 60,
          },
        ],
        reservations: [
          {
            duid: '00:03:00:01:02:00:00:00:07:09',
            'ip-addresses': ['2001:db8:1::77'],
            prefixes: ['2001:db8:9000::/56'],
            'option-data': [{ name: 'dns-servers', data: '2001:db8::5' }],
          },
          { 'hw-address': '02:00:00:00:07:80', 'ip-addresses': ['2001:db8:1::78'] },
          { 'hw-address': '02:00:00:00:07:81', prefixes: ['2001:db8:9100::/56'] },
          { duid: '00:03:00:01:02:00:00:00:07:82', 'ip-addresses': ['2001:db8:1::79'] },
        ],
      },
      {
        id: 2,
        subnet: '2001:db8:2::/64',
        'interface-id': 'port-7',
        pools: [{ pool: '2001:db8:2::100 - 2001:db8:2::1ff' }],
      },
      {
        id: 3,
        subnet: '2001:db8:3::/64',
        relay: { 'ip-addresses': ['2001:db8:3::1'] },
        'calculate-tee-times': true,
        pools: [{ pool: '2001:db8:3::100 - 2001:db8:3::1ff' }],
        'pd-pools': [{ prefix: '2001:db8:a000::', 'prefix-len': 48, 'delegated-len': 64 }],
      },
      {
        id: 4,
        subnet: '2001:db8:4::/64',
        relay: { 'ip-addresses': ['2001:db8:4::1'] },
        'rapid-commit': true,
        'preferred-lifetime': 3000,
        'min-preferred-lifetime': 2000,
        'max-preferred-lifetime': 4000,
        'valid-lifetime': 5000,
        'min-valid-lifetime': 4000,
        'max-valid-lifetime': 6000,
        pools: [{ pool: '2001:db8:4::100 - 2001:db8:4::1ff' }],
        'pd-pools': [{ prefix: '2001:db8:b000::', 'prefix-len': 48, 'delegated-len': 60 }],
      },
    ],
    loggers: [{ name: 'kea-dhcp6', severity: 'INFO', output_options: [{ output: 'stdout' }] }],
  },
});

t.test(
  'our answers match real Kea 2.2 answers',
  { skip: canRun ? false : 'needs root, ip netns and kea-dhcp6-server', timeout: 300_000 },
  async (t) => {
    const dir = tempDir(t, 'kd6o-');
    const net = await netnsPair(t, 'kd6o', {
      ipv6: true,
      clientIPv6: false,
      serverMac: '02:00:00:00:06:f1',
      clientMac: '02:00:00:00:06:f2',
    });

    const list = [...clientScenarios(), ...relayScenarios()];
    const input = join(dir, 'scenarios.json');
    writeFileSync(input, senderInput6(list));
    const sender = join(dir, 'sender.mjs');
    writeFileSync(sender, SENDER6);

    const play = async (server: RunningDaemon): Promise<(string | null)[][]> => {
      await server.waitFor(/DHCP6_STARTED/, 20_000);
      await new Promise((r) => setTimeout(r, 300));
      const r = net.run(net.client, process.execPath, [sender, input], { timeout: 240_000 });
      if (r.status !== 0) throw new Error(`sender failed: ${r.stderr}`);
      await server.stop();
      return JSON.parse(r.stdout);
    };
    const env = { KEA_PIDFILE_DIR: dir, KEA_LOCKFILE_DIR: dir };
    const keaConf = writeJson(join(dir, 'kea.conf'), config(join(dir, 'kea-leases6.csv'), dir));
    const ourConf = writeJson(join(dir, 'ours.conf'), config(join(dir, 'our-leases6.csv'), dir));
    const kea = await play(startProgram(t, ...net.argv(net.server, KEA, ['-c', keaConf]), env));
    const ours = await play(startProgram(t, ...net.argv(net.server, bin('kea-dhcp6'), ['-c', ourConf]), env));

    // Every scenario is its own client: names distinct, no client DUID shared between scenarios.
    t.equal(new Set(list.map((s) => s.name)).size, list.length, 'scenario names are distinct');
    const owner = new Map<string, string>();
    for (const sc of list) {
      for (const st of sc.steps) {
        for (const m of st.packet.toString('hex').matchAll(/0001000a00030001020000000(7[0-9a-f]{2})/g)) {
          const other = owner.get(m[1]!);
          if (other !== undefined && other !== sc.name) t.fail(`${sc.name} shares its DUID with ${other}`);
          owner.set(m[1]!, sc.name);
        }
      }
    }
    t.ok(list.length >= 55, `${list.length} scenarios`);
    let answered = 0;
    let compared = 0;
    list.forEach((sc, i) => {
      sc.steps.forEach((_, j) => {
        compared++;
        const k = kea[i]![j]!;
        if (k !== null) answered++;
        t.same(decode6(ours[i]![j]!), decode6(k), `${sc.name} step ${j + 1}`);
      });
    });
    const silent = list.flatMap((sc, i) =>
      sc.steps.flatMap((_, j) => (kea[i]![j] === null ? [`${sc.name} step ${j + 1}`] : [])),
    );
    t.comment(`Kea stayed silent for: ${silent.join('; ')}`);
    t.ok(compared >= 50, `${compared} answers compared (${answered} from Kea, the rest silence)`);
    t.ok(answered >= 40, 'most of them are answers, not silence');
  },
);
