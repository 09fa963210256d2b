// DHCPv6 client classes with real dhclient -6, against our kea-dhcp6 and real Kea 2.2 on one config.
// Classes read the client's DUID: a client with a DUID-LL (dhclient -D LL) is in class 'll', which
// guards one pool and brings its own dns-servers and lifetimes; a DUID-LLT client gets an address from
// the open pool and the global dns-servers; a DUID-LLT client with one given link-layer address is in
// DROP and gets no answer (pkt6-receive-drop counts it). What each client wrote in its lease file must
// be the same from our daemon as from Kea. Server and client namespaces (unique per run) joined by a
// veth pair, 2001:db8:1::/64 inside them only, removed whatever happens. Needs root, iproute2, dhclient.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { statistic } from './lib/control.js';
import { dhclientOnce } from './lib/dhclient.js';
import { bin, startProgram, tempDir, writeJson } from './lib/harness.js';
import { logIds } from './lib/log-lines.js';
import { canUseNetns, netnsPair } from './lib/netns.js';

const KEA = '/usr/sbin/kea-dhcp6';
const canRun = canUseNetns() && existsSync('/usr/sbin/dhclient');
const DROP_MAC = '02:00:00:00:02:03';

function dhcp6Config(dir: string): object {
  return {
    Dhcp6: {
      'interfaces-config': { interfaces: ['s0'] },
      'control-socket': { 'socket-type': 'unix', 'socket-name': join(dir, 'kea6.sock') },
      'lease-database': { type: 'memfile', persist: false },
      'server-id': { type: 'LLT', persist: false },
      'preferred-lifetime': 3000,
      'valid-lifetime': 4000,
      'option-data': [{ name: 'dns-servers', data: '2001:db8:1::53' }],
      'client-classes': [
        {
          name: 'DROP',
          test: `substring(option[1].hex,0,2) == 0x0001 and substring(option[1].hex,8,6) == 0x${DROP_MAC.replace(/:/g, '')}`,
        },
        {
          name: 'll',
          test: 'substring(option[1].hex,0,2) == 0x0003',
          'preferred-lifetime': 500,
          'valid-lifetime': 600,
          'option-data': [{ name: 'dns-servers', data: '2001:db8:1::99' }],
        },
      ],
      subnet6: [
        {
          id: 1,
          subnet: '2001:db8:1::/64',
          interface: 's0',
          pools: [
            { pool: '2001:db8:1::100 - 2001:db8:1::1ff', 'client-class': 'll' },
            { pool: '2001:db8:1::200 - 2001:db8:1::2ff' },
          ],
        },
      ],
      loggers: [
        { name: 'kea-dhcp6', severity: 'DEBUG', debuglevel: 99, output_options: [{ output: 'stdout' }] },
      ],
    },
  };
}

interface Outcome {
  bound: boolean;
  address?: string;
  preferred?: string;
  valid?: string;
  dns?: string;
}

async function serve(t: Test, which: 'ours' | 'kea'): Promise<Record<string, unknown>> {
  const dir = tempDir(t, `kc6${which}-`);
  const net = await netnsPair(t, 'kc6', { ipv6: true, clientIPv6: false, serverMac: '02:00:00:00:02:00' });
  const conf = writeJson(join(dir, 'kea-dhcp6.conf'), dhcp6Config(dir));
  const program = which === 'ours' ? bin('kea-dhcp6') : KEA;
  const server = startProgram(t, ...net.argv(net.server, program, ['-c', conf]), {
    KEA_PIDFILE_DIR: dir,
    KEA_LOCKFILE_DIR: dir,
  });
  await server.waitFor(/DHCP6_STARTED/);

  const client = async (name: string, mac: string, duid: 'LL' | 'LLT', timeout: number): Promise<Outcome> => {
    const run = await dhclientOnce(net, dir, {
      name,
      mac,
      conf: '',
      timeout,
      args: ['-6', '-D', duid],
      ipv6: true,
    });
    const lease = run.lease;
    const get = (re: RegExp) => re.exec(lease)?.[1];
    const out: Outcome = { bound: run.status === 0 && lease.includes('lease6 {') };
    const address = get(/iaaddr ([0-9a-f:]+) \{/);
    if (address !== undefined) out.address = address;
    const preferred = get(/preferred-life (\d+);/);
    if (preferred !== undefined) out.preferred = preferred;
    const valid = get(/max-life (\d+);/);
    if (valid !== undefined) out.valid = valid;
    const dns = get(/option dhcp6\.name-servers ([0-9a-f:, ]+);/);
    if (dns !== undefined) out.dns = dns;
    return out;
  };

  const ll = await client('ll', '02:00:00:00:02:01', 'LL', 10);
  const llt = await client('llt', '02:00:00:00:02:02', 'LLT', 10);
  const dropped = await client('drop', DROP_MAC, 'LLT', 4);
  const drops = await statistic(join(dir, 'kea6.sock'), 'pkt6-receive-drop');
  const log = server.output();
  // Severity and logger of the class matches, e.g. "INFO  [kea-dhcp6.dhcp6".
  const line = (name: string) =>
    new RegExp(`(\\w+) +\\[([\\w.-]+)\\/[^\\]]*\\] EVAL_RESULT Expression ${name} evaluated to 1`)
      .exec(log)
      ?.slice(1);
  return {
    ll,
    llt,
    dropped,
    dropCounted: (drops ?? 0) >= 1,
    logs: { ll: line('ll'), drop: line('DROP') },
    classLines: logIds(log, /^(EVAL_RESULT|DHCP6_CLASS_\w+|DHCP6_PACKET_DROP_DROP_CLASS\w*)$/),
  };
}

t.test(
  'DHCPv6 client classes with dhclient -6: ours as real Kea 2.2',
  { skip: canRun ? false : 'needs root, ip netns and dhclient', timeout: 180_000 },
  async (t) => {
    const ours = await serve(t, 'ours');
    const ll = ours.ll as Outcome;
    t.ok(ll.bound, 'the DUID-LL client is bound');
    t.equal(ll.address, '2001:db8:1::100', 'from the pool guarded by its class');
    t.same([ll.preferred, ll.valid], ['500', '600'], 'lifetimes of its class');
    t.equal(ll.dns, '2001:db8:1::99', 'dns-servers of its class');
    const llt = ours.llt as Outcome;
    t.ok(llt.bound, 'the DUID-LLT client is bound');
    t.equal(llt.address, '2001:db8:1::200', 'from the open pool');
    t.same(
      [llt.preferred, llt.valid, llt.dns],
      ['3000', '4000', '2001:db8:1::53'],
      'subnet lifetimes, global DNS',
    );
    t.notOk((ours.dropped as Outcome).bound, 'the DROP client is not bound');
    t.ok(ours.dropCounted, 'pkt6-receive-drop counts it');
    t.same(
      ours.logs,
      { ll: ['INFO', 'kea-dhcp6.dhcp6'], drop: ['INFO', 'kea-dhcp6.dhcp6'] },
      'EVAL_RESULT lines',
    );
    if (!existsSync(KEA)) {
      t.comment('real Kea 2.2 is not installed: no comparison');
      return;
    }
    const kea = await serve(t, 'kea');
    t.same(ours, kea, 'every client got from us what it got from real Kea 2.2');
  },
);
