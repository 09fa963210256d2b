// The host conformance suite (lib/host-conformance.ts) against the configuration's reservations,
// PostgreSQL and MariaDB: each SQL backend gets a scratch database with the schema our kea-admin
// creates, dropped afterwards. Also: the config's own reservations (as parsed by config-test's
// parser) read back through the config source as the records the suite writes.
import {
  createSchema as createMysqlSchema,
  MysqlHostDataSource,
  openPool as openMysqlPool,
} from '@kea-ts/db-mysql';
import { createSchema as createPgsqlSchema, openPool, PgsqlHostDataSource } from '@kea-ts/db-pgsql';
import { ConfigHostSource } from '@kea-ts/dhcpsrv';
import t from 'tap';
import { type HostBackend, hostConformance } from './lib/host-conformance.js';
import { MY, PG, scratchMysql, scratchPgsql } from './lib/scratch-db.js';

t.test('config', (t) => hostConformance(t, { name: 'config', fresh: async () => new ConfigHostSource() }));

t.test('postgresql', async (t) => {
  const name = await scratchPgsql(t);
  const params = { ...PG, name };
  const admin = openPool(params);
  t.teardown(() => admin.end());
  await createPgsqlSchema(admin);
  const backend: HostBackend = {
    name: 'postgresql',
    fresh: () => PgsqlHostDataSource.open(params),
    readonlyPeer: () => PgsqlHostDataSource.open(params, true),
  };
  await hostConformance(t, backend);
});

t.test('mariadb', async (t) => {
  const name = await scratchMysql(t);
  const params = { ...MY, name };
  const admin = openMysqlPool(params);
  t.teardown(() => admin.end());
  await createMysqlSchema(admin);
  const backend: HostBackend = {
    name: 'mariadb',
    fresh: () => MysqlHostDataSource.open(params),
    readonlyPeer: () => MysqlHostDataSource.open(params, true),
  };
  await hostConformance(t, backend);
});
