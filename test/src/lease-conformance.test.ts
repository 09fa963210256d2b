// The lease conformance suite (lib/lease-conformance.ts) against memfile, PostgreSQL and MariaDB,
// and the host one (lib/host-conformance.ts) against the config's reservations and the same two
// databases. Each SQL backend gets its own scratch database with the schema our kea-admin creates;
// every test starts from empty tables (the statistics tables included) and the database is dropped after.
import {
  createSchema as createMysqlSchema,
  MysqlHostDataSource,
  MysqlLeaseMgr4,
  MysqlLeaseMgr6,
  openPool as openMysqlPool,
} from '@kea-ts/db-mysql';
import {
  createSchema as createPgsqlSchema,
  openPool,
  PgsqlHostDataSource,
  PgsqlLeaseMgr4,
  PgsqlLeaseMgr6,
} from '@kea-ts/db-pgsql';
import { ConfigHostSource, MemfileLeaseMgr4, MemfileLeaseMgr6 } from '@kea-ts/dhcpsrv';
import t from 'tap';
import { hostConformance } from './lib/host-conformance.js';
import { type LeaseBackend, leaseConformance4, leaseConformance6 } from './lib/lease-conformance.js';
import { MY, PG, scratchMysql, scratchPgsql } from './lib/scratch-db.js';

const TABLES = [
  'lease4',
  'lease6',
  'lease4_stat',
  'lease6_stat',
  'lease4_stat_by_client_class',
  'lease6_stat_by_client_class',
];
const EMPTY_PG = `TRUNCATE ${TABLES.join(', ')}`;

const memfile: LeaseBackend = {
  name: 'memfile',
  statsCountReclaimed: true,
  fresh4: () => MemfileLeaseMgr4.open({ persist: false }),
  fresh6: () => MemfileLeaseMgr6.open({ persist: false }),
  peer4: async (first) => first,
  peer6: async (first) => first,
};

t.test('memfile', async (t) => {
  await t.test('v4', (t) => leaseConformance4(t, memfile));
  await t.test('v6', (t) => leaseConformance6(t, memfile));
  await t.test('hosts (config)', (t) =>
    hostConformance(t, { name: 'config', fresh: async () => new ConfigHostSource() }),
  );
});

t.test('postgresql', async (t) => {
  const name = await scratchPgsql(t);
  const params = { ...PG, name };
  const admin = openPool(params);
  t.teardown(() => admin.end());
  await createPgsqlSchema(admin);
  const backend: LeaseBackend = {
    name: 'postgresql',
    statsCountReclaimed: false,
    fresh4: async () => {
      await admin.query(EMPTY_PG);
      return PgsqlLeaseMgr4.open(params);
    },
    fresh6: async () => {
      await admin.query(EMPTY_PG);
      return PgsqlLeaseMgr6.open(params);
    },
    peer4: () => PgsqlLeaseMgr4.open(params),
    peer6: () => PgsqlLeaseMgr6.open(params),
  };
  await t.test('v4', (t) => leaseConformance4(t, backend));
  await t.test('v6', (t) => leaseConformance6(t, backend));
  await t.test('hosts', (t) =>
    hostConformance(t, {
      name: 'postgresql',
      fresh: () => PgsqlHostDataSource.open(params),
      readonlyPeer: () => PgsqlHostDataSource.open(params, true),
    }),
  );
});

t.test('mariadb', async (t) => {
  const name = await scratchMysql(t);
  const params = { ...MY, name };
  const admin = openMysqlPool(params);
  t.teardown(() => admin.end());
  await createMysqlSchema(admin);
  const empty = async () => {
    for (const table of TABLES) await admin.query(`DELETE FROM ${table}`);
  };
  const backend: LeaseBackend = {
    name: 'mariadb',
    statsCountReclaimed: false,
    fresh4: async () => {
      await empty();
      return MysqlLeaseMgr4.open(params);
    },
    fresh6: async () => {
      await empty();
      return MysqlLeaseMgr6.open(params);
    },
    peer4: () => MysqlLeaseMgr4.open(params),
    peer6: () => MysqlLeaseMgr6.open(params),
  };
  await t.test('v4', (t) => leaseConformance4(t, backend));
  await t.test('v6', (t) => leaseConformance6(t, backend));
  await t.test('hosts', (t) =>
    hostConformance(t, {
      name: 'mariadb',
      fresh: () => MysqlHostDataSource.open(params),
      readonlyPeer: () => MysqlHostDataSource.open(params, true),
    }),
  );
});
