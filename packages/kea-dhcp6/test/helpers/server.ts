// A kea-dhcp6 server for in-process tests: no sockets, leases in memory, the real allocation engine,
// the server DUID in a temporary data directory, and the ingress of a client on eth0.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonValue } from '@kea-ts/cc';
import { CommandMgr } from '@kea-ts/config';
import { Dhcp6Server, type Ingress6 } from '../../src/index.js';

export function baseConfig(extra: Record<string, JsonValue> = {}): Record<string, JsonValue> {
  return {
    'lease-database': { type: 'memfile', persist: false, 'lfc-interval': 0 },
    'preferred-lifetime': 3000,
    'valid-lifetime': 4000,
    'renew-timer': 1000,
    'rebind-timer': 2000,
    'option-data': [{ name: 'dns-servers', data: '2001:db8::53' }],
    subnet6: [
      {
        id: 1,
        subnet: '2001:db8:1::/64',
        interface: 'eth0',
        'rapid-commit': true,
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
      },
      {
        id: 2,
        subnet: '2001:db8:2::/64',
        'interface-id': 'port-7',
        pools: [{ pool: '2001:db8:2::100 - 2001:db8:2::1ff' }],
      },
    ],
    ...extra,
  };
}

export async function startServer(config: Record<string, JsonValue>, dataDir?: string) {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'kd6-'));
  const commands = new CommandMgr({ loggerName: 'kea-dhcp6' });
  const server = new Dhcp6Server({ commands, sockets: false });
  const checked = server.check(
    { 'data-directory': dir, ...config },
    { file: '<test>', positions: new Map() },
  );
  await server.apply(checked, null);
  return {
    server,
    dir,
    teardown: async () => {
      await server.stop();
      if (dataDir === undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function multicast(overrides: Partial<Ingress6> = {}): Ingress6 {
  return {
    iface: 'eth0',
    localAddress: 'ff02::1:2',
    multicast: true,
    remoteAddress: 'fe80::2',
    remotePort: 546,
    ...overrides,
  };
}
