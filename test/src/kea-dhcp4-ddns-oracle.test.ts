// Oracle for DDNS in kea-dhcp4: real Kea 2.2 and our kea-dhcp4 run in turn on the same config (dhcp-ddns
// on, ddns-* parameters set differently at global, shared-network and subnet level) in a server
// namespace, and the same client sequences are played from a client namespace: Client FQDN (81) with
// every flag combination, partial, full, ASCII and empty names, Hostname (12), both, neither, names to
// scrub, bad options; renewals with a changed name, releases, declines and a lease left to expire. Asserted equal
// to Kea's: every answer (header fields, every option's bytes in order), every NameChangeRequest a UDP
// listener standing in for D2 receives (JSON after the 2-byte length, field by field; lease-expires-on
// only as a time near the other's), and the lease file's hostname/fqdn_fwd/fqdn_rev per address.
// Needs root, iproute2 and kea-dhcp4-server.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import {
  build,
  decode,
  macOf,
  type Opt,
  type Scenario,
  SENDER,
  type Step,
  senderInput,
} from './lib/dhcp4-oracle.js';
import { bin, tempDir } from './lib/harness.js';
import {
  compareAnswers,
  compareLoggerIds,
  compareNcrs,
  NCR_PORT,
  playWithNcrListener,
} from './lib/ncr-oracle.js';
import { canUseNetns, ip, netnsPair } from './lib/netns.js';

const KEA = '/usr/sbin/kea-dhcp4';
const canRun = canUseNetns() && existsSync(KEA);
const SERVER = [192, 0, 2, 1];

/** Relay addresses (extra addresses of the client's c0) and the subnet each selects. */
const RELAYS: Record<string, number[]> = {
  direct: [0, 0, 0, 0],
  always: [192, 0, 2, 3],
  present: [192, 0, 2, 4],
  absent: [192, 0, 2, 5],
  off: [192, 0, 2, 6],
  network: [192, 0, 2, 7],
};

function config(leaseFile: string): unknown {
  const relayed = (id: number, net: string, relay: string, extra: Record<string, unknown>) => ({
    id,
    subnet: `${net}.0/24`,
    relay: { 'ip-addresses': [RELAYS[relay]!.join('.')] },
    pools: [{ pool: `${net}.10 - ${net}.60` }],
    ...extra,
  });
  return {
    Dhcp4: {
      'interfaces-config': { interfaces: ['s0'] },
      'lease-database': { type: 'memfile', persist: true, name: leaseFile, 'lfc-interval': 0 },
      'valid-lifetime': 4000,
      'min-valid-lifetime': 3,
      'max-valid-lifetime': 8000,
      'expired-leases-processing': {
        'reclaim-timer-wait-time': 1,
        'hold-reclaimed-time': 3600,
        'flush-reclaimed-timer-wait-time': 0,
      },
      'dhcp-ddns': { 'enable-updates': true, 'server-ip': '127.0.0.1', 'server-port': NCR_PORT },
      'ddns-qualifying-suffix': 'example.org',
      subnet4: [
        {
          id: 1,
          subnet: '192.0.2.0/25',
          pools: [{ pool: '192.0.2.100 - 192.0.2.120' }],
          reservations: [
            { 'hw-address': '02:00:00:00:aa:01', 'ip-address': '192.0.2.50', hostname: 'Resv1' },
          ],
        },
        relayed(2, '10.1.0', 'always', {
          'ddns-replace-client-name': 'always',
          'ddns-generated-prefix': 'gen',
          'ddns-qualifying-suffix': 'two.example.',
          'ddns-use-conflict-resolution': false,
        }),
        relayed(3, '10.2.0', 'present', {
          'ddns-replace-client-name': 'when-present',
          'ddns-override-no-update': true,
          'hostname-char-set': '[^a-z.]',
          'hostname-char-replacement': 'x',
        }),
        relayed(4, '10.3.0', 'absent', {
          'ddns-replace-client-name': 'when-not-present',
          'ddns-override-client-update': true,
          'ddns-update-on-renew': true,
          'ddns-qualifying-suffix': '',
        }),
        relayed(5, '10.4.0', 'off', { 'ddns-send-updates': false }),
      ],
      'shared-networks': [
        {
          name: 'net',
          'ddns-generated-prefix': 'net',
          'ddns-qualifying-suffix': 'net.example.com',
          'ddns-replace-client-name': 'when-not-present',
          'hostname-char-set': '[^A-Za-z0-9-]',
          'hostname-char-replacement': '-',
          subnet4: [relayed(6, '10.5.0', 'network', { 'ddns-override-client-update': true })],
        },
      ],
      loggers: [
        { name: 'kea-dhcp4', severity: 'INFO', output_options: [{ output: 'stdout' }] },
        { name: 'kea-dhcp4.ddns', severity: 'DEBUG', debuglevel: 55, output_options: [{ output: 'stdout' }] },
      ],
    },
  };
}

const E = 0x04;
const fqdn = (flags: number, name: number[] | Buffer = []): Opt => [81, [flags, 0, 0, ...name]];
const wire = (...labels: string[]): number[] => labels.flatMap((l) => [l.length, ...Buffer.from(l)]);
const full = (...labels: string[]): number[] => [...wire(...labels), 0];

/** Client name options of each sequence, played in every subnet. */
const NAMES: [string, Opt[]][] = [
  ['fqdn-client-updates-partial', [fqdn(E, wire('Host-A'))]],
  ['fqdn-server-updates-full', [fqdn(E | 0x01, full('Host', 'Example', 'com'))]],
  ['fqdn-no-updates', [fqdn(E | 0x08, wire('nohost'))]],
  ['fqdn-ascii-partial', [fqdn(0x01, [...Buffer.from('ascii-host')])]],
  ['fqdn-ascii-full', [fqdn(0x01, [...Buffer.from('ascii.example.net.')])]],
  ['fqdn-empty', [fqdn(E | 0x01)]],
  ['fqdn-o-flag-set', [fqdn(E | 0x03, wire('oflag'))]],
  ['fqdn-scrub', [fqdn(E | 0x01, wire('Bad_Name!x', 'sub'))]],
  ['hostname-single', [[12, Buffer.from('MyHost')]]],
  ['hostname-full', [[12, Buffer.from('my.host.org')]]],
  ['hostname-scrub', [[12, Buffer.from('my_host name')]]],
  ['hostname-dot', [[12, Buffer.from('.')]]],
  ['hostname-and-fqdn', [[12, Buffer.from('both12')], fqdn(E | 0x01, wire('both81'))]],
  ['no-name', []],
];

/** Odd options: Kea drops the packet or ignores the name; so must we. */
const ODD: [string, Opt[]][] = [
  ['fqdn-n-and-s', [fqdn(E | 0x09, wire('ns'))]],
  ['fqdn-truncated', [[81, [E | 0x01, 0]]]],
  ['fqdn-zero-length', [[81, []]]],
  ['fqdn-bad-label', [fqdn(E | 0x01, [5, 0x61, 0x62])]],
  ['fqdn-mbz-bits', [fqdn(0xf5, wire('mbz'))]],
  ['fqdn-ascii-empty-label', [fqdn(0x01, [...Buffer.from('a..b')])]],
  ['hostname-empty-label', [[12, Buffer.from('a..b')]]],
  ['hostname-space', [[12, Buffer.from(' ')]]],
];

function scenarios(): Scenario[] {
  const out: Scenario[] = [];
  let n = 0x100;
  let xid = 0x0dd50000;
  const dora = (mac: number[], relay: string, opts: Opt[], cid: boolean): Step[] => {
    const giaddr = RELAYS[relay]!;
    const relayed = relay !== 'direct';
    const common: Opt[] = [...(cid ? ([[61, [1, ...mac]]] as Opt[]) : []), [55, [1, 3, 12, 81]], ...opts];
    const hdr = relayed ? { giaddr, hops: 1 } : { flags: 0x8000 };
    const via = relayed ? ({ to: 'server', src: 67 } as const) : ({ to: 'broadcast', src: 68 } as const);
    const d = build({ type: 1, mac, xid: ++xid, ...hdr, opts: common });
    const r = build({
      type: 3,
      mac,
      xid: ++xid,
      ...hdr,
      opts: [[50, [0, 0, 0, 0]], [54, SERVER], ...common],
    });
    return [
      { packet: d.packet, ...via },
      { packet: r.packet, ...via, patch50: r.at50! },
    ];
  };
  const renew = (mac: number[], relay: string, opts: Opt[]): Step => {
    const relayed = relay !== 'direct';
    const p = build({
      type: 3,
      mac,
      xid: ++xid,
      ...(relayed ? { giaddr: RELAYS[relay]!, hops: 1 } : {}),
      opts: [[55, [1, 3, 12, 81]], ...opts],
    });
    return { packet: p.packet, to: 'server', src: relayed ? 67 : 68, patchCiaddr: true };
  };
  const release = (mac: number[]): Step => ({
    packet: build({ type: 7, mac, xid: ++xid, opts: [[54, SERVER]] }).packet,
    to: 'server',
    src: 68,
    patchCiaddr: true,
    wait: 300,
  });
  // DECLINE of the address just acknowledged (option 50 from the answer): its names are removed.
  const decline = (mac: number[], relay: string): Step => {
    const relayed = relay !== 'direct';
    const d = build({
      type: 4,
      mac,
      xid: ++xid,
      ...(relayed ? { giaddr: RELAYS[relay]!, hops: 1 } : { flags: 0x8000 }),
      opts: [
        [50, [0, 0, 0, 0]],
        [54, SERVER],
      ],
    });
    const via = relayed ? ({ to: 'server', src: 67 } as const) : ({ to: 'broadcast', src: 68 } as const);
    return { packet: d.packet, ...via, patch50: d.at50!, wait: 300 };
  };
  for (const relay of Object.keys(RELAYS)) {
    for (const [name, opts] of NAMES) {
      const mac = macOf(++n);
      out.push({ name: `${relay}/${name}`, steps: dora(mac, relay, opts, n % 2 === 0) });
    }
    // A renewal keeping its name, one changing it, then a release.
    const mac = macOf(++n);
    out.push({
      name: `${relay}/renew-same-then-new-then-release`,
      steps: [
        ...dora(mac, relay, [fqdn(E | 0x01, wire('renewer'))], true),
        renew(mac, relay, [fqdn(E | 0x01, wire('renewer'))]),
        renew(mac, relay, [fqdn(E | 0x01, wire('renamed'))]),
        release(mac),
      ],
    });
  }
  for (const relay of ['direct', 'absent']) {
    const mac = macOf(++n);
    out.push({
      name: `${relay}/decline`,
      steps: [...dora(mac, relay, [fqdn(E | 0x01, wire('decliner'))], false), decline(mac, relay)],
    });
  }
  for (const [name, opts] of ODD) {
    out.push({ name: `odd/${name}`, steps: dora(macOf(++n), 'direct', opts, false) });
  }
  // The reserved host (hostname Resv1) with option 81 and with option 12.
  out.push({
    name: 'reserved/fqdn',
    steps: dora([2, 0, 0, 0, 0xaa, 1], 'direct', [fqdn(E | 1, wire('mine'))], false),
  });
  // A lease of 3 s left to expire: its names are removed by reclamation.
  const b = Buffer.alloc(4);
  b.writeUInt32BE(3);
  out.push({
    name: 'expiring',
    steps: [
      ...dora(macOf(++n), 'direct', [[51, b], fqdn(E | 1, wire('shortlived'))], true),
      {
        packet: build({ type: 8, mac: macOf(n), xid: ++xid, opts: [] }).packet,
        to: 'server',
        src: 68,
        sleep: 6000,
        wait: 300,
      },
    ],
  });
  return out;
}

t.test(
  'DDNS answers, NameChangeRequests and lease names match real Kea 2.2',
  { skip: canRun ? false : 'needs root, ip netns and kea-dhcp4-server', timeout: 300_000 },
  async (t) => {
    const dir = tempDir(t, 'kd4ddns-');
    const net = await netnsPair(t, 'kd4d', {
      serverMac: '02:00:00:00:ff:01',
      clientMac: '02:00:00:00:ff:02',
    });
    ip('-n', net.client, 'route', 'add', 'default', 'dev', 'c0');
    for (const r of Object.values(RELAYS)) {
      if (r[0] !== 0) ip('-n', net.client, 'addr', 'add', `${r.join('.')}/24`, 'dev', 'c0');
    }
    const list = scenarios();
    const input = join(dir, 'scenarios.json');
    writeFileSync(input, senderInput(list));
    const sender = join(dir, 'sender.mjs');
    writeFileSync(sender, SENDER);
    const play = (who: string, program: string) =>
      playWithNcrListener(t, net, dir, {
        who,
        program,
        config: (leaseFile) => config(leaseFile),
        started: /DHCP4_STARTED/,
        sender,
        input,
      });
    const kea = await play('kea4', KEA);
    const ours = await play('ours4', bin('kea-dhcp4'));

    const answered = compareAnswers(t, list, ours, kea, decode);
    t.ok(answered >= 100, `${answered} answers from Kea compared`);
    compareNcrs(t, ours.ncrs, kea.ncrs, 40);
    compareLoggerIds(t, ours, kea, 'kea-dhcp4.ddns', 100);
    t.same(ours.leases, kea.leases, 'lease file: the same rows (expire aside) for every address');
  },
);
