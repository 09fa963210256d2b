// Oracle: real Kea 2.2 (Debian's /usr/sbin/kea-dhcp6) and our kea-dhcp6 run in turn on the same config
// (same server DUID) in a server namespace, and the same scenarios are played from a client namespace
// (veth pair, 2001:db8::/32 only, removed whatever happens): IA_NA, IA_PD and both, rapid commit, hints,
// reservations, REQUEST / RENEW / REBIND / RELEASE / DECLINE / CONFIRM / INFORMATION-REQUEST, bad
// bindings, wrong server ids, one and two relay layers. Every answer must match Kea's: message type,
// relay layers and every option's bytes, IA sub-options included. Requests are built by hand here.
// Needs root, iproute2 and kea-dhcp6-server.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { bin, type RunningDaemon, startProgram, tempDir, writeJson } from './lib/harness.js';

const KEA = '/usr/sbin/kea-dhcp6';
const canRun = process.getuid?.() === 0 && spawnSync('ip', ['netns', 'list']).status === 0 && existsSync(KEA);

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

const SERVER_DUID = '000300010200000006f1';

function opt(code: number, payload: Buffer | string): Buffer {
  const p = typeof payload === 'string' ? Buffer.from(payload, 'hex') : payload;
  const h = Buffer.alloc(4);
  h.writeUInt16BE(code, 0);
  h.writeUInt16BE(p.length, 2);
  return Buffer.concat([h, p]);
}
function v6(text: string): Buffer {
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parts = (s: string | undefined) => (s ? s.split(':').map((x) => Number.parseInt(x, 16)) : []);
  const h = parts(head);
  const tl = parts(tail);
  const all = [...h, ...new Array(8 - h.length - tl.length).fill(0), ...tl];
  const b = Buffer.alloc(16);
  all.forEach((x, i) => {
    b.writeUInt16BE(x, i * 2);
  });
  return b;
}
function u32(...v: number[]): Buffer {
  const b = Buffer.alloc(v.length * 4);
  v.forEach((x, i) => {
    b.writeUInt32BE(x, i * 4);
  });
  return b;
}
const clientId = (n: number) => opt(1, `00030001020000000${(0x700 + n).toString(16)}`);
const serverId = (hex = SERVER_DUID) => opt(2, hex);
const na = (iaid: number, ...addrs: string[]) =>
  opt(3, Buffer.concat([u32(iaid, 0, 0), ...addrs.map((a) => opt(5, Buffer.concat([v6(a), u32(0, 0)])))]));
const pd = (iaid: number, ...prefixes: [string, number][]) =>
  opt(
    25,
    Buffer.concat([
      u32(iaid, 0, 0),
      ...prefixes.map(([p, l]) => opt(26, Buffer.concat([u32(0, 0), Buffer.from([l]), v6(p)]))),
    ]),
  );
const oro = (...codes: number[]) => {
  const b = Buffer.alloc(codes.length * 2);
  codes.forEach((c, i) => {
    b.writeUInt16BE(c, i * 2);
  });
  return opt(6, b);
};
const elapsed = opt(8, '0000');
const rapid = opt(14, Buffer.alloc(0));
let xid = 0x100;
const msg = (type: number, ...options: Buffer[]) => {
  xid++;
  return Buffer.concat([Buffer.from([type, xid >> 16, (xid >> 8) & 255, xid & 255]), ...options]);
};
const relay = (hop: number, link: string, peer: string, inner: Buffer, ...options: Buffer[]) =>
  Buffer.concat([Buffer.from([12, hop]), v6(link), v6(peer), ...options, opt(9, inner)]);

interface Step {
  packet: Buffer;
  /** From the relay port (547) instead of the client port (546). */
  relayed?: boolean;
  /** Append the IA_NA / IA_PD options of the previous answer (as a client does). */
  copyIas?: boolean;
}
interface Scenario {
  name: string;
  steps: Step[];
}

const S = 1;
const REQ = 3;
const CONFIRM = 4;
const RENEW = 5;
const REBIND = 6;
const RELEASE = 8;
const DECLINE = 9;
const INFO = 11;

function scenarios(): Scenario[] {
  const life = (n: number, name: string, ias: Buffer[], extra: Buffer[] = []): Scenario => ({
    name,
    steps: [
      { packet: msg(S, clientId(n), elapsed, oro(23, 24, 67), ...ias, ...extra) },
      { packet: msg(REQ, clientId(n), serverId(), elapsed, oro(23, 24, 67)), copyIas: true },
      { packet: msg(RENEW, clientId(n), serverId(), elapsed, oro(23)), copyIas: true },
      { packet: msg(REBIND, clientId(n), elapsed, oro(23)), copyIas: true },
      { packet: msg(CONFIRM, clientId(n), elapsed), copyIas: true },
      { packet: msg(RELEASE, clientId(n), serverId(), elapsed), copyIas: true },
      { packet: msg(RELEASE, clientId(n), serverId(), elapsed), copyIas: true },
    ],
  });
  return [
    life(1, 'IA_NA life cycle', [na(1)]),
    life(2, 'IA_PD life cycle with PD-exclude', [pd(2)]),
    life(3, 'IA_NA and IA_PD together', [na(3), pd(4)]),
    {
      name: 'rapid commit allowed, then DECLINE',
      steps: [
        { packet: msg(S, clientId(4), elapsed, rapid, na(7)) },
        { packet: msg(DECLINE, clientId(4), serverId(), elapsed), copyIas: true },
      ],
    },
    {
      name: 'hints',
      steps: [
        { packet: msg(S, clientId(5), elapsed, na(1, '2001:db8:1::1a0')) },
        { packet: msg(REQ, clientId(5), serverId(), elapsed, na(1, '2001:db8:1::1a0')) },
        { packet: msg(S, clientId(6), elapsed, na(1, '2001:db8:9::1')) },
        { packet: msg(S, clientId(7), elapsed, pd(1, ['2001:db8:8000:4200::', 56])) },
        { packet: msg(S, clientId(8), elapsed, pd(1, ['::', 60])) },
      ],
    },
    {
      name: 'reservation',
      steps: [
        { packet: msg(S, clientId(9), elapsed, na(1), pd(2), oro(23)) },
        { packet: msg(REQ, clientId(9), serverId(), elapsed, oro(23)), copyIas: true },
      ],
    },
    {
      name: 'CONFIRM and bad bindings',
      steps: [
        { packet: msg(CONFIRM, clientId(10), elapsed, na(1, '2001:db8:9::5')) },
        { packet: msg(CONFIRM, clientId(10), elapsed, na(1)) },
        { packet: msg(CONFIRM, clientId(10), elapsed) },
        { packet: msg(RENEW, clientId(10), serverId(), elapsed, na(1, '2001:db8:1::1f0')) },
        { packet: msg(REBIND, clientId(10), elapsed, na(1, '2001:db8:9::1')) },
        { packet: msg(RENEW, clientId(10), serverId(), elapsed, pd(1, ['2001:db8:8000:9900::', 56])) },
        { packet: msg(RELEASE, clientId(10), serverId(), elapsed, na(1, '2001:db8:1::1f1')) },
        { packet: msg(RELEASE, clientId(10), serverId(), elapsed, na(1)) },
        { packet: msg(DECLINE, clientId(10), serverId(), elapsed, na(1, '2001:db8:1::1f2')) },
        { packet: msg(DECLINE, clientId(10), serverId(), elapsed, na(1)) },
      ],
    },
    {
      name: 'server identifiers and message rules',
      steps: [
        { packet: msg(REQ, clientId(11), serverId('000300010200000000ff'), elapsed, na(1)) },
        { packet: msg(S, clientId(11), serverId(), elapsed, na(1)) },
        { packet: msg(S, elapsed, na(1)) },
        { packet: msg(REQ, clientId(11), elapsed, na(1)) },
        { packet: msg(INFO, clientId(11), elapsed, oro(23, 24, 31)) },
        { packet: msg(INFO, elapsed, oro(23)) },
        { packet: msg(S, clientId(12), elapsed, na(1), na(2), na(3)) },
        { packet: msg(S, clientId(13), elapsed, rapid, pd(1), pd(2)) },
      ],
    },
    {
      name: 'relays',
      steps: [
        {
          relayed: true,
          packet: relay(
            0,
            '::',
            'fe80::1:2',
            msg(S, clientId(14), elapsed, na(1), oro(23)),
            opt(18, Buffer.from('port-7')),
          ),
        },
        {
          relayed: true,
          packet: relay(
            1,
            '2001:db8:ff::1',
            'fe80::77',
            relay(
              0,
              '::',
              'fe80::1:2',
              msg(S, clientId(15), elapsed, rapid, na(1)),
              opt(18, Buffer.from('port-7')),
              opt(37, '0000000901'),
            ),
            opt(18, Buffer.from('outer')),
          ),
        },
        {
          relayed: true,
          packet: relay(0, '2001:db8:3::1', 'fe80::1:3', msg(S, clientId(16), elapsed, na(1), pd(2))),
        },
        {
          relayed: true,
          packet: relay(0, '2001:db8:1::5', 'fe80::1:4', msg(S, clientId(17), elapsed, na(1))),
        },
        {
          relayed: true,
          packet: relay(0, '2001:db8:99::1', 'fe80::1:5', msg(S, clientId(18), elapsed, na(1), pd(2))),
        },
        {
          relayed: true,
          packet: relay(
            0,
            '2001:db8:99::1',
            'fe80::1:5',
            msg(RENEW, clientId(18), serverId(), elapsed, na(1, '2001:db8:3::100')),
          ),
        },
        {
          relayed: true,
          packet: relay(
            0,
            '2001:db8:99::1',
            'fe80::1:5',
            msg(REBIND, clientId(18), elapsed, pd(1, ['2001:db8:8000:100::', 56])),
          ),
        },
        {
          relayed: true,
          packet: relay(0, '2001:db8:3::1', 'fe80::1:6', msg(INFO, clientId(19), elapsed, oro(23))),
        },
      ],
    },
    {
      name: 'rapid commit not allowed (subnet by interface-id behind a usable link-address)',
      steps: [
        {
          relayed: true,
          packet: relay(
            0,
            '2001:db8:ff::2',
            'fe80::1:7',
            msg(S, clientId(20), elapsed, rapid, na(1)),
            opt(18, Buffer.from('port-7')),
          ),
        },
      ],
    },
  ];
}

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
    ],
    loggers: [{ name: 'kea-dhcp6', severity: 'INFO', output_options: [{ output: 'stdout' }] }],
  },
});

// Runs in the client namespace: plays the steps in order, one answer (hex or null) per step.
const SENDER = `
import dgram from 'node:dgram';
import { readFileSync } from 'node:fs';
const scenarios = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const open = (port) => new Promise((resolve) => {
  const s = dgram.createSocket({ type: 'udp6', reuseAddr: true });
  s.bind(port, '::', () => resolve(s));
});
const s546 = await open(546);
const s547 = await open(547);
let waiter = null;
for (const s of [s546, s547]) s.on('message', (m) => { if (waiter) { const w = waiter; waiter = null; w(m); } });
const options = (b, from) => { const out = []; for (let p = from; p + 4 <= b.length;) { const c = b.readUInt16BE(p); const l = b.readUInt16BE(p + 2); out.push([c, b.subarray(p, p + 4 + l)]); p += 4 + l; } return out; };
// Warm-up: the server answers an INFORMATION-REQUEST once its sockets are up (neighbour discovery too).
const warm = Buffer.from('0b00000100010008000300010200000007ff', 'hex');
for (let i = 0; i < 40; i++) {
  const got = new Promise((resolve) => {
    const timer = setTimeout(() => { waiter = null; resolve(null); }, 250);
    waiter = (m) => { clearTimeout(timer); resolve(m); };
  });
  s546.send(warm, 547, 'ff02::1:2%c0');
  if (await got) break;
}
const out = [];
for (const sc of scenarios) {
  const answers = [];
  let last = null;
  for (const st of sc.steps) {
    let p = Buffer.from(st.hex, 'hex');
    if (st.copyIas && last) p = Buffer.concat([p, ...options(last, 4).filter(([c]) => c === 3 || c === 25).map(([, raw]) => raw)]);
    const got = new Promise((resolve) => {
      const timer = setTimeout(() => { waiter = null; resolve(null); }, 1500);
      waiter = (m) => { clearTimeout(timer); resolve(m); };
    });
    (st.relayed ? s547 : s546).send(p, 547, 'ff02::1:2%c0');
    const a = await got;
    if (a && a[0] !== 13) last = a;
    answers.push(a ? a.toString('hex') : null);
  }
  out.push(answers);
}
process.stdout.write(JSON.stringify(out));
process.exit(0);
`;

const CONTAINERS = new Set([3, 25, 5, 26]);
/** A message as nested [code, hex | nested] lists: relay layers, IA options and their sub-options. */
function decode(hex: string | null): unknown {
  if (hex === null) return null;
  const walk = (b: Buffer, code: number): unknown => {
    const at = code === 3 || code === 25 ? 12 : code === 5 ? 24 : code === 26 ? 25 : -1;
    if (at < 0) return b.toString('hex');
    return { head: b.subarray(0, at).toString('hex'), subs: list(b, at) };
  };
  const list = (b: Buffer, from: number) => {
    const out: unknown[] = [];
    for (let p = from; p + 4 <= b.length; ) {
      const c = b.readUInt16BE(p);
      const l = b.readUInt16BE(p + 2);
      const v = b.subarray(p + 4, p + 4 + l);
      out.push([c, c === 9 ? message(v) : CONTAINERS.has(c) ? walk(v, c) : v.toString('hex')]);
      p += 4 + l;
    }
    return out;
  };
  const message = (b: Buffer): unknown =>
    b[0] === 13
      ? { relay: b.subarray(0, 34).toString('hex'), options: list(b, 34) }
      : { type: b[0], xid: b.readUIntBE(1, 3), options: list(b, 4) };
  return message(Buffer.from(hex, 'hex'));
}

t.test(
  'our answers match real Kea 2.2 answers',
  { skip: canRun ? false : 'needs root, ip netns and kea-dhcp6-server', timeout: 300_000 },
  async (t) => {
    const dir = tempDir(t, 'kd6o-');
    const sns = `kd6os-${process.pid}`;
    const cns = `kd6oc-${process.pid}`;
    t.teardown(() => {
      for (const ns of [sns, cns]) spawnSync('ip', ['netns', 'del', ns]);
    });
    for (const ns of [sns, cns]) {
      ip('netns', 'add', ns);
      ip('-n', ns, 'link', 'set', 'lo', 'up');
    }
    ip('link', 'add', 's0', 'netns', sns, 'type', 'veth', 'peer', 'name', 'c0', 'netns', cns);
    ip('netns', 'exec', sns, 'sysctl', '-qw', 'net.ipv6.conf.s0.accept_dad=0');
    ip('netns', 'exec', cns, 'sysctl', '-qw', 'net.ipv6.conf.c0.accept_dad=0');
    ip('-n', sns, 'link', 'set', 's0', 'address', '02:00:00:00:06:f1', 'up');
    ip('-n', cns, 'link', 'set', 'c0', 'address', '02:00:00:00:06:f2', 'up');
    ip('-n', sns, 'addr', 'add', '2001:db8:1::1/64', 'dev', 's0', 'nodad');
    await new Promise((r) => setTimeout(r, 300));

    const list = scenarios();
    const input = join(dir, 'scenarios.json');
    writeFileSync(
      input,
      JSON.stringify(
        list.map((s) => ({
          name: s.name,
          steps: s.steps.map((st) => ({ ...st, packet: undefined, hex: st.packet.toString('hex') })),
        })),
      ),
    );
    const sender = join(dir, 'sender.mjs');
    writeFileSync(sender, SENDER);

    const play = async (server: RunningDaemon): Promise<(string | null)[][]> => {
      await server.waitFor(/DHCP6_STARTED/, 20_000);
      await new Promise((r) => setTimeout(r, 300));
      const r = spawnSync('ip', ['netns', 'exec', cns, process.execPath, sender, input], {
        encoding: 'utf8',
        timeout: 240_000,
      });
      if (r.status !== 0) throw new Error(`sender failed: ${r.stderr}`);
      await server.stop();
      return JSON.parse(r.stdout);
    };
    const env = { KEA_PIDFILE_DIR: dir, KEA_LOCKFILE_DIR: dir };
    const keaConf = writeJson(join(dir, 'kea.conf'), config(join(dir, 'kea-leases6.csv'), dir));
    const ourConf = writeJson(join(dir, 'ours.conf'), config(join(dir, 'our-leases6.csv'), dir));
    const kea = await play(startProgram(t, 'ip', ['netns', 'exec', sns, KEA, '-c', keaConf], env));
    const ours = await play(
      startProgram(t, 'ip', ['netns', 'exec', sns, bin('kea-dhcp6'), '-c', ourConf], env),
    );

    let answered = 0;
    let compared = 0;
    list.forEach((sc, i) => {
      sc.steps.forEach((_, j) => {
        compared++;
        const k = kea[i]![j]!;
        if (k !== null) answered++;
        t.same(decode(ours[i]![j]!), decode(k), `${sc.name} step ${j + 1}`);
      });
    });
    t.ok(compared >= 50, `${compared} answers compared (${answered} from Kea, the rest silence)`);
    t.ok(answered >= 40, 'most of them are answers, not silence');
  },
);
