// A client-class guard on a subnet of a shared network, with real dhclient against our kea-dhcp4 and
// real Kea 2.2 on the same config: the link's shared network holds a subnet only PXE clients (option
// 60) may use and an open one; a PXE client and a plain client each get an address from their subnet,
// with that subnet's routers. Lease files must be the same from our daemon as from Kea. Server and
// client namespaces (unique per run) joined by a veth pair, removed whatever happens. Needs root,
// iproute2 and dhclient.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { dhclientOnce } from './lib/dhclient.js';
import { bin, startProgram, tempDir, writeJson } from './lib/harness.js';
import { canUseNetns, netnsPair } from './lib/netns.js';

const KEA = '/usr/sbin/kea-dhcp4';
const canRun = canUseNetns() && existsSync('/usr/sbin/dhclient');

const config = {
  Dhcp4: {
    'interfaces-config': { interfaces: ['s0'] },
    'lease-database': { type: 'memfile', persist: false },
    'valid-lifetime': 600,
    'client-classes': [{ name: 'pxe', test: "substring(option[60].hex,0,9) == 'PXEClient'" }],
    'shared-networks': [
      {
        name: 'lan',
        interface: 's0',
        subnet4: [
          {
            id: 1,
            subnet: '192.0.2.0/24',
            'client-class': 'pxe',
            pools: [{ pool: '192.0.2.100 - 192.0.2.109' }],
            'option-data': [{ name: 'routers', data: '192.0.2.1' }],
          },
          {
            id: 2,
            subnet: '198.51.100.0/24',
            pools: [{ pool: '198.51.100.10 - 198.51.100.19' }],
            'option-data': [{ name: 'routers', data: '198.51.100.1' }],
          },
        ],
      },
    ],
    loggers: [{ name: 'kea-dhcp4', severity: 'INFO', output_options: [{ output: 'stdout' }] }],
  },
};

async function serve(t: Test, which: 'ours' | 'kea'): Promise<Record<string, string[]>> {
  const dir = tempDir(t, `kcs${which}-`);
  const net = await netnsPair(t, 'kcs', { clientIPv4: false });
  const conf = writeJson(join(dir, 'kea-dhcp4.conf'), config);
  const program = which === 'ours' ? bin('kea-dhcp4') : KEA;
  const env = { KEA_PIDFILE_DIR: dir, KEA_LOCKFILE_DIR: dir };
  const server = startProgram(t, ...net.argv(net.server, program, ['-c', conf]), env);
  await server.waitFor(/DHCP4_STARTED/);
  const got = async (name: string, mac: string, extra: string): Promise<string[]> => {
    const conf = `request subnet-mask, routers;\n${extra}`;
    const run = await dhclientOnce(net, dir, { name, mac, conf, timeout: 10, args: ['-4'] });
    return [
      String(run.status),
      ...[...run.lease.matchAll(/(fixed-address|option routers) ([^;]*);/g)].map((m) => m[2]!),
    ];
  };
  return {
    pxe: await got('pxe', '02:00:00:00:03:01', 'send vendor-class-identifier "PXEClient:Arch:00000";\n'),
    plain: await got('plain', '02:00:00:00:03:02', ''),
  };
}

t.test(
  'a class-guarded subnet of a shared network: ours as real Kea 2.2',
  { skip: canRun ? false : 'needs root, ip netns and dhclient', timeout: 120_000 },
  async (t) => {
    const ours = await serve(t, 'ours');
    t.same(ours.pxe, ['0', '192.0.2.100', '192.0.2.1'], 'the PXE client in the guarded subnet');
    t.same(ours.plain, ['0', '198.51.100.10', '198.51.100.1'], 'the plain client in the open one');
    if (!existsSync(KEA)) {
      t.comment('real Kea 2.2 is not installed: no comparison');
      return;
    }
    t.same(ours, await serve(t, 'kea'), 'the same leases as from real Kea 2.2');
  },
);
