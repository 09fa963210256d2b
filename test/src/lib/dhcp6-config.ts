// The Dhcp6 configuration most kea-dhcp6 system tests start from (interface s0 of a netnsPair, a
// memfile lease file without LFC, subnet 1 = 2001:db8:1::/64 on s0 with an address pool and a pd-pool,
// INFO logging), with parameters for what the tests change; and the readers of what a server leaves in
// its directory (the lease CSV, kea-dhcp6-serverid).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeJson } from './harness.js';

/** The address pool of subnet 1 unless a test names its own. */
export const POOL = '2001:db8:1::100 - 2001:db8:1::1ff';
/** The pd-pool of subnet 1 unless a test names its own: /56s out of 2001:db8:8000::/48. */
export const PD_POOL = { prefix: '2001:db8:8000::', 'prefix-len': 48, 'delegated-len': 56 };
/** Pools big enough for perfdhcp load (2^32 addresses, 2^48 /64 prefixes). */
export const LOAD_POOLS = {
  pools: ['2001:db8:1::1:0 - 2001:db8:1::ffff:ffff'],
  pdPools: [{ prefix: '3000::', 'prefix-len': 16, 'delegated-len': 64 }],
};

export interface Dhcp6Options {
  /** data-directory (kea-dhcp6-serverid goes there). */
  dir: string;
  /** The memfile lease file (default <dir>/leases6.csv). */
  leaseFile?: string;
  /** A UNIX control socket at this path. */
  socket?: string;
  /** Global parameters (lifetimes, timers, option-data, hooks-libraries...), after the fixed ones. */
  globals?: Record<string, unknown>;
  /** Parameters of subnet 1 (rapid-commit...), between its interface and its pools. */
  subnet?: Record<string, unknown>;
  /** Address pools of subnet 1 (default [POOL]). */
  pools?: string[];
  /** pd-pools of subnet 1 (default [PD_POOL]; none: no pd-pools key). */
  pdPools?: object[];
  /** Where the kea-dhcp6 logger writes (default stdout), or the whole loggers list. */
  log?: string | object[];
}

/** { Dhcp6: ... } for writeJson. */
export function dhcp6Config(o: Dhcp6Options) {
  const pdPools = o.pdPools ?? [PD_POOL];
  return {
    Dhcp6: {
      'interfaces-config': { interfaces: ['s0'] },
      ...(o.socket ? { 'control-socket': { 'socket-type': 'unix', 'socket-name': o.socket } } : {}),
      'lease-database': {
        type: 'memfile',
        name: o.leaseFile ?? join(o.dir, 'leases6.csv'),
        'lfc-interval': 0,
      },
      'data-directory': o.dir,
      ...o.globals,
      subnet6: [
        {
          id: 1,
          subnet: '2001:db8:1::/64',
          interface: 's0',
          ...o.subnet,
          pools: (o.pools ?? [POOL]).map((pool) => ({ pool })),
          ...(pdPools.length > 0 ? { 'pd-pools': pdPools } : {}),
        },
      ],
      loggers: Array.isArray(o.log)
        ? o.log
        : [{ name: 'kea-dhcp6', severity: 'INFO', output_options: [{ output: o.log ?? 'stdout' }] }],
    },
  };
}

/**
 * Writes dhcp6Config to <dir>/<name> (default kea-dhcp6.conf) with a control socket at <dir>/kea6.sock;
 * returns the paths a test reads.
 */
export function writeDhcp6Config(o: Omit<Dhcp6Options, 'socket'> & { name?: string }) {
  const leaseFile = o.leaseFile ?? join(o.dir, 'leases6.csv');
  const sock = join(o.dir, 'kea6.sock');
  const conf = writeJson(
    join(o.dir, o.name ?? 'kea-dhcp6.conf'),
    dhcp6Config({ ...o, leaseFile, socket: sock }),
  );
  return { conf, leaseFile, sock };
}

/** The rows of a lease CSV as maps keyed by the header's column names, oldest first. */
export function leaseRows(file: string): Record<string, string>[] {
  const [header, ...rows] = readFileSync(file, 'utf8').trim().split('\n');
  const cols = header!.split(',');
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [cols[i]!, v])));
}

/** The server DUID a DHCPv6 server keeps in <dir>/kea-dhcp6-serverid, as written (hex with colons). */
export const serverDuid = (dir: string) => readFileSync(join(dir, 'kea-dhcp6-serverid'), 'utf8').trim();
