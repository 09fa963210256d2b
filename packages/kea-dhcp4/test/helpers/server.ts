// A kea-dhcp4 server for in-process tests: no sockets, leases in memory (or in a given file), the
// real allocation engine, and the ingress of a client on eth0 192.0.2.1.

import type { JsonValue } from '@kea-ts/cc';
import { CommandMgr } from '@kea-ts/config';
import { type Allocator4, Dhcp4Server, type EngineFactory, type Ingress4 } from '../../src/index.js';
import { ip } from './packets.js';

export const SERVER_ADDRESS = '192.0.2.1';

export function baseConfig(extra: Record<string, JsonValue> = {}): Record<string, JsonValue> {
  return {
    'lease-database': { type: 'memfile', persist: false, 'lfc-interval': 0 },
    'valid-lifetime': 4000,
    'renew-timer': 1000,
    'rebind-timer': 2000,
    'option-data': [{ name: 'domain-name-servers', data: '192.0.2.53, 192.0.2.54' }],
    subnet4: [
      {
        id: 1,
        subnet: '192.0.2.0/24',
        interface: 'eth0',
        pools: [{ pool: '192.0.2.100 - 192.0.2.109' }],
        'option-data': [{ name: 'routers', data: '192.0.2.1' }],
      },
    ],
    ...extra,
  };
}

export interface TestServer {
  server: Dhcp4Server;
  engine(): Allocator4;
  teardown(): Promise<void>;
}

export async function startServer(
  config: Record<string, JsonValue>,
  opts: { engine?: EngineFactory; sockets?: boolean } = {},
): Promise<TestServer> {
  const commands = new CommandMgr({ loggerName: 'kea-dhcp4' });
  const server = new Dhcp4Server({
    commands,
    sockets: opts.sockets ?? false,
    ...(opts.engine ? { createEngine: opts.engine } : {}),
  });
  const checked = server.check(config, { file: '<test>', positions: new Map() });
  await server.apply(checked, null);
  return {
    server,
    engine: () => server.engine!,
    teardown: () => server.stop(),
  };
}

/** A broadcast from a client without an address on eth0. */
export function direct(overrides: Partial<Ingress4> = {}): Ingress4 {
  return {
    iface: 'eth0',
    ifaceAddress: ip(SERVER_ADDRESS),
    localAddress: 0xffffffff,
    remoteAddress: 0,
    remotePort: 68,
    ...overrides,
  };
}

/** A unicast from a relay (or a renewing client) to the server's address. */
export function unicast(from: string, port = 67): Ingress4 {
  return direct({ localAddress: ip(SERVER_ADDRESS), remoteAddress: ip(from), remotePort: port });
}
