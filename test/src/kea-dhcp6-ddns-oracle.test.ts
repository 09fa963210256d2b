// Oracle for DDNS in kea-dhcp6: real Kea 2.2 and our kea-dhcp6 run in turn on the same config (dhcp-ddns
// on, ddns-* parameters set differently at global, shared-network and subnet level) in a server
// namespace, and the same client sequences are played from a client namespace, direct and through a
// relay layer: Client FQDN (39) with every flag combination, partial, full and empty names, names to
// scrub, no option; rapid commit; a reserved hostname; renewals keeping and changing the name, a
// release, declines, a lease left to expire; bad options. Asserted equal to Kea's: every answer (relay layers, IA
// sub-options, option 39 bytes), every NameChangeRequest a UDP listener standing in for D2 receives
// (field by field, lease-expires-on only as a time near the other's) and the lease file's rows (expire
// aside) per address. Needs root, iproute2 and kea-dhcp6-server.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { decode6, SENDER6, senderInput6 } from './lib/dhcp6-oracle.js';
import {
  clientId,
  DECLINE,
  msg,
  naL,
  REBIND,
  RELEASE,
  RENEW,
  REQ,
  S,
  type Scenario,
  type Step,
  serverId,
} from './lib/dhcp6-oracle-scenarios.js';
import { elapsed, ia, opt, oro, rapid, relayHead } from './lib/dhcp6-packets.js';
import { bin, tempDir } from './lib/harness.js';
import {
  compareAnswers,
  compareLoggerIds,
  compareNcrs,
  NCR_PORT,
  playWithNcrListener,
} from './lib/ncr-oracle.js';
import { canUseNetns, netnsPair } from './lib/netns.js';

const KEA = '/usr/sbin/kea-dhcp6';
const canRun = canUseNetns() && existsSync(KEA);

/** The link address of each relayed subnet (null: the client's own link). */
const LINKS: Record<string, string | null> = {
  direct: null,
  always: '2001:db8:2::1',
  present: '2001:db8:3::1',
  absent: '2001:db8:4::1',
  off: '2001:db8:5::1',
  network: '2001:db8:6::1',
};

function config(dir: string, leaseFile: string): unknown {
  const relayed = (id: number, n: number, extra: Record<string, unknown>) => ({
    id,
    subnet: `2001:db8:${n}::/64`,
    pools: [{ pool: `2001:db8:${n}::100 - 2001:db8:${n}::1ff` }],
    ...extra,
  });
  return {
    Dhcp6: {
      'interfaces-config': { interfaces: ['s0'] },
      'server-id': { type: 'LL', htype: 1, identifier: '0200000006f1', persist: false },
      'data-directory': dir,
      'lease-database': { type: 'memfile', name: leaseFile, 'lfc-interval': 0 },
      'preferred-lifetime': 3000,
      'valid-lifetime': 4000,
      'min-preferred-lifetime': 3,
      'min-valid-lifetime': 3,
      'expired-leases-processing': {
        'reclaim-timer-wait-time': 1,
        'hold-reclaimed-time': 3600,
        'flush-reclaimed-timer-wait-time': 0,
      },
      'dhcp-ddns': { 'enable-updates': true, 'server-ip': '127.0.0.1', 'server-port': NCR_PORT },
      'ddns-qualifying-suffix': 'example.org',
      subnet6: [
        {
          ...relayed(1, 1, { 'rapid-commit': true }),
          interface: 's0',
          reservations: [{ duid: '00:03:00:01:02:00:00:00:07:ee', hostname: 'Resv6' }],
        },
        relayed(2, 2, {
          'ddns-replace-client-name': 'always',
          'ddns-generated-prefix': 'gen',
          'ddns-qualifying-suffix': 'two.example.',
          'ddns-use-conflict-resolution': false,
        }),
        relayed(3, 3, {
          'ddns-replace-client-name': 'when-present',
          'ddns-override-no-update': true,
          'hostname-char-set': '[^a-z.]',
          'hostname-char-replacement': 'x',
        }),
        relayed(4, 4, {
          'ddns-replace-client-name': 'when-not-present',
          'ddns-override-client-update': true,
          'ddns-update-on-renew': true,
          'ddns-qualifying-suffix': '',
        }),
        relayed(5, 5, { 'ddns-send-updates': false }),
      ],
      'shared-networks': [
        {
          name: 'net',
          'ddns-generated-prefix': 'net',
          'ddns-qualifying-suffix': 'net.example.com',
          'ddns-replace-client-name': 'when-not-present',
          'hostname-char-set': '[^A-Za-z0-9-]',
          'hostname-char-replacement': '-',
          subnet6: [relayed(6, 6, { 'ddns-override-client-update': true })],
        },
      ],
      loggers: [
        { name: 'kea-dhcp6', severity: 'INFO', output_options: [{ output: 'stdout' }] },
        { name: 'kea-dhcp6.ddns', severity: 'DEBUG', debuglevel: 55, output_options: [{ output: 'stdout' }] },
      ],
    },
  };
}

const wire = (...labels: string[]): number[] => labels.flatMap((l) => [l.length, ...Buffer.from(l)]);
const full = (...labels: string[]): number[] => [...wire(...labels), 0];
const fqdn = (flags: number, name: number[] = []) => opt(39, Buffer.from([flags, ...name]));

const NAMES: [string, Buffer[]][] = [
  ['fqdn-client-updates-partial', [fqdn(0, wire('Host-A'))]],
  ['fqdn-server-updates-full', [fqdn(0x01, full('Host', 'Example', 'com'))]],
  ['fqdn-no-updates', [fqdn(0x04, wire('nohost'))]],
  ['fqdn-empty', [fqdn(0x01)]],
  ['fqdn-o-flag-set', [fqdn(0x03, wire('oflag'))]],
  ['fqdn-scrub', [fqdn(0x01, wire('Bad_Name!x', 'sub'))]],
  ['fqdn-root', [fqdn(0x01, [0])]],
  ['no-fqdn', []],
];

const ODD: [string, Buffer[]][] = [
  ['fqdn-n-and-s', [fqdn(0x05, wire('ns'))]],
  ['fqdn-zero-length', [opt(39, Buffer.alloc(0))]],
  ['fqdn-bad-label', [fqdn(0x01, [5, 0x61, 0x62])]],
  ['fqdn-mbz-bits', [fqdn(0xf1, wire('mbz'))]],
];

function scenarios(): Scenario[] {
  const out: Scenario[] = [];
  let n = 0x10;
  const cid = (k: number) => opt(1, `00030001020000000${(0x700 + k).toString(16)}`);
  const within = (link: string | null, step: Step): Step =>
    link === null ? step : { ...step, layers: [relayHead(0, link, 'fe80::1', opt(18, 'port-1'))] };
  const sarr = (k: number, link: string | null, extra: Buffer[], hintLife?: [number, number]): Step[] => [
    within(link, {
      packet: msg(S, cid(k), elapsed, oro(23), ...extra, hintLife ? naL(1, '::', ...hintLife) : ia(3, 1)),
    }),
    within(link, { packet: msg(REQ, cid(k), serverId(), elapsed, oro(23), ...extra), copyIas: true }),
  ];
  for (const [where, link] of Object.entries(LINKS)) {
    for (const [name, extra] of NAMES) out.push({ name: `${where}/${name}`, steps: sarr(++n, link, extra) });
    const k = ++n;
    out.push({
      name: `${where}/renew-same-then-new-then-rebind-then-release`,
      steps: [
        ...sarr(k, link, [fqdn(0x01, wire('renewer'))]),
        within(link, {
          packet: msg(RENEW, cid(k), serverId(), elapsed, fqdn(0x01, wire('renewer'))),
          copyIas: true,
        }),
        within(link, {
          packet: msg(RENEW, cid(k), serverId(), elapsed, fqdn(0x01, wire('renamed'))),
          copyIas: true,
        }),
        within(link, { packet: msg(REBIND, cid(k), elapsed, fqdn(0x01, wire('rebound'))), copyIas: true }),
        within(link, { packet: msg(RELEASE, cid(k), serverId(), elapsed), copyIas: true }),
      ],
    });
  }
  for (const where of ['direct', 'absent']) {
    const link = LINKS[where] ?? null;
    const d = ++n;
    out.push({
      name: `${where}/decline`,
      steps: [
        ...sarr(d, link, [fqdn(0x01, wire('decliner'))]),
        within(link, { packet: msg(DECLINE, cid(d), serverId(), elapsed), copyIas: true }),
      ],
    });
  }
  for (const [name, extra] of ODD) out.push({ name: `odd/${name}`, steps: sarr(++n, null, extra) });
  out.push({
    name: 'rapid-commit',
    steps: [{ packet: msg(S, cid(++n), elapsed, rapid, fqdn(0x01, wire('rapid')), ia(3, 1)) }],
  });
  out.push({ name: 'reserved', steps: sarr(0xee, null, [fqdn(0x01, wire('mine'))]) });
  // Without option 39 the lease records the reserved hostname as it is (a second IA of the same client).
  out.push({
    name: 'reserved-no-fqdn',
    steps: [
      { packet: msg(S, clientId(0xee), elapsed, ia(3, 2)) },
      { packet: msg(REQ, clientId(0xee), serverId(), elapsed), copyIas: true },
    ],
  });
  const k = ++n;
  out.push({
    name: 'expiring',
    steps: [
      ...sarr(k, null, [fqdn(0x01, wire('shortlived'))], [3, 3]),
      { packet: msg(11, cid(++n), elapsed), sleep: 6000 },
    ],
  });
  return out;
}

t.test(
  'DDNS answers, NameChangeRequests and lease names match real Kea 2.2 (v6)',
  { skip: canRun ? false : 'needs root, ip netns and kea-dhcp6-server', timeout: 170_000 },
  async (t) => {
    const dir = tempDir(t, 'kd6ddns-');
    const net = await netnsPair(t, 'kd6d', {
      ipv6: true,
      clientIPv6: false,
      serverMac: '02:00:00:00:06:f1',
      clientMac: '02:00:00:00:06:f2',
    });
    const list = scenarios();
    const input = join(dir, 'scenarios.json');
    writeFileSync(input, senderInput6(list));
    const sender = join(dir, 'sender.mjs');
    writeFileSync(sender, SENDER6);
    const play = (who: string, program: string) =>
      playWithNcrListener(t, net, dir, {
        who,
        program,
        config: (leaseFile) => config(dir, leaseFile),
        started: /DHCP6_STARTED/,
        sender,
        input,
      });
    const kea = await play('kea6', KEA);
    const ours = await play('ours6', bin('kea-dhcp6'));

    const answered = compareAnswers(t, list, ours, kea, decode6);
    t.ok(answered >= 80, `${answered} answers from Kea compared`);
    compareNcrs(t, ours.ncrs, kea.ncrs, 30);
    compareLoggerIds(t, ours, kea, 'kea-dhcp6.ddns', 100);
    t.same(ours.leases, kea.leases, 'lease file: the same rows (expire aside) for every address');
  },
);
