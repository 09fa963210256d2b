// Helpers for the tests that hold our SQL backends and kea-admin against real Kea 2.2: both
// kea-admin programs with the machine's database credentials, the same lease set for every run,
// and the two backends' lease managers behind one shape.
import { MysqlLeaseMgr4, MysqlLeaseMgr6 } from '@kea-ts/db-mysql';
import { PgsqlLeaseMgr4, PgsqlLeaseMgr6 } from '@kea-ts/db-pgsql';
import {
  LEASE_STATE_DECLINED,
  LEASE_TYPE_PD,
  type Lease4,
  type Lease6,
  type LeaseMgr4,
  type LeaseMgr6,
  makeLease4,
  makeLease6,
} from '@kea-ts/dhcpsrv';
import { parseIPv4, parseIPv6 } from '@kea-ts/util';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { bin, runSync } from './harness.js';
import { MY, PG } from './scratch-db.js';

export type Backend = 'pgsql' | 'mysql';
export const BACKENDS: Backend[] = ['pgsql', 'mysql'];
export const REAL_KEA_ADMIN = '/usr/sbin/kea-admin';

const CREDENTIALS: Record<Backend, string[]> = {
  pgsql: ['-u', PG.user, '-h', PG.host],
  mysql: ['-u', MY.user, '-p', MY.password, '-h', MY.host],
};

/** Runs real (/usr/sbin) or our kea-admin: `command backend name [more args]`. */
export function admin(
  which: 'real' | 'ours',
  command: string,
  backend: Backend,
  name: string,
  more: string[] = [],
) {
  const program = which === 'real' ? REAL_KEA_ADMIN : bin('kea-admin');
  return runSync(program, [command, backend, ...CREDENTIALS[backend], '-n', name, ...more], {
    timeout: 120_000,
  });
}

export function params(backend: Backend, name: string) {
  return backend === 'pgsql' ? { ...PG, name } : { ...MY, name };
}

export function open4(backend: Backend, name: string): Promise<LeaseMgr4> {
  return backend === 'pgsql'
    ? PgsqlLeaseMgr4.open(params(backend, name))
    : MysqlLeaseMgr4.open(params(backend, name));
}

export function open6(backend: Backend, name: string): Promise<LeaseMgr6> {
  return backend === 'pgsql'
    ? PgsqlLeaseMgr6.open(params(backend, name))
    : MysqlLeaseMgr6.open(params(backend, name));
}

/** Rows of a query as plain arrays, for comparing tables between two databases. */
export async function tableRows(backend: Backend, name: string, sql: string): Promise<unknown[][]> {
  if (backend === 'pgsql') {
    const c = new pg.Client({ ...PG, database: name });
    await c.connect();
    try {
      return (await c.query({ text: sql, rowMode: 'array' })).rows;
    } finally {
      await c.end();
    }
  }
  const c = await mysql.createConnection({ ...MY, database: name });
  try {
    const [rows] = await c.query({ sql, rowsAsArray: true });
    return rows as unknown[][];
  } finally {
    await c.end();
  }
}

const T0 = 1_800_000_000;
const hex = (s: string) => Buffer.from(s.replace(/:/g, ''), 'hex');

/** DHCPv4 leases with every column in use: commas, JSON, declined, no client id. */
export const LEASES4: Lease4[] = [
  makeLease4({
    address: parseIPv4('192.0.2.10'),
    hwaddr: hex('00:0c:01:02:03:04'),
    clientId: hex('01:00:0c:01:02:03:04'),
    validLifetime: 3600,
    cltt: T0,
    subnetId: 1,
    fqdnFwd: true,
    fqdnRev: true,
    hostname: 'host,one.example.org',
    userContext: { ISC: { 'client-classes': ['gold', 'silver'] }, comment: 'a,b' },
  }),
  makeLease4({
    address: parseIPv4('192.0.2.9'),
    hwaddr: hex('00:0c:01:02:03:05'),
    validLifetime: 600,
    cltt: T0,
    subnetId: 1,
  }),
  makeLease4({
    address: parseIPv4('10.0.0.1'),
    state: LEASE_STATE_DECLINED,
    validLifetime: 86400,
    cltt: T0,
    subnetId: 2,
  }),
];

/** DHCPv6 leases: an address with a hardware address, a prefix, a declined address, a large IAID. */
export const LEASES6: Lease6[] = [
  makeLease6({
    address: parseIPv6('2001:db8::10'),
    duid: hex('00:01:00:01:2a:2b:2c:2d:00:0c:01:02:03:04'),
    iaid: 0xfffffff0,
    preferredLifetime: 1800,
    validLifetime: 3600,
    cltt: T0,
    subnetId: 1,
    hwaddr: hex('00:0c:01:02:03:04'),
    hwaddrSource: 4,
    hostname: 'six,one',
    userContext: { ISC: { 'client-classes': ['gold'] } },
  }),
  makeLease6({
    address: parseIPv6('2001:db8:8::'),
    type: LEASE_TYPE_PD,
    prefixLen: 56,
    duid: hex('00:03:00:01:00:0c:01:02:03:04'),
    iaid: 5,
    preferredLifetime: 1800,
    validLifetime: 3600,
    cltt: T0,
    subnetId: 1,
  }),
  makeLease6({
    address: parseIPv6('2001:db8::9'),
    state: LEASE_STATE_DECLINED,
    validLifetime: 600,
    cltt: T0,
    subnetId: 2,
  }),
];
