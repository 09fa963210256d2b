// Our schema's catalogue against real Kea 2.2's, on the machine's PostgreSQL and MariaDB: the
// databases made by real `kea-admin db-init` and by ours have the same host tables with the same
// columns (types, nullability, defaults), indexes (columns, uniqueness) and foreign keys among the
// host tables. What ours leaves out is listed exactly: the configuration-backend tables, their
// foreign keys from the option tables, and their audit triggers and routines.
import t from 'tap';
import { scratchMysql, scratchPgsql } from './lib/scratch-db.js';
import { admin, type Backend, tableRows } from './lib/sql-compat.js';

const HOST_TABLES = [
  'dhcp4_options',
  'dhcp6_options',
  'dhcp_option_scope',
  'host_identifier_type',
  'hosts',
  'ipv6_reservations',
];
const IN = HOST_TABLES.map((n) => `'${n}'`).join(', ');

/** Catalogue queries: each answers rows that must be equal between the two databases. */
const CATALOGUE: Record<Backend, Record<string, string>> = {
  pgsql: {
    columns: `SELECT table_name, column_name, data_type, character_maximum_length, is_nullable,
        regexp_replace(column_default, '''?::[a-z ]+', '', 'g')
      FROM information_schema.columns WHERE table_schema = 'public' AND table_name IN (${IN})
      ORDER BY 1, 2`,
    indexes: `SELECT tablename, indexname, indexdef FROM pg_indexes
      WHERE schemaname = 'public' AND tablename IN (${IN}) ORDER BY 1, 2`,
    keys: `SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
      WHERE conrelid::regclass::text IN (${IN}) AND (contype <> 'f' OR confrelid::regclass::text IN (${IN}))
      ORDER BY 1, 2`,
    lookups: `SELECT 'type', type, name FROM host_identifier_type
      UNION ALL SELECT 'scope', scope_id, scope_name FROM dhcp_option_scope ORDER BY 1, 2`,
  },
  mysql: {
    columns: `SELECT table_name, column_name, column_type, is_nullable, column_default
      FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name IN (${IN})
      ORDER BY 1, 2`,
    indexes: `SELECT table_name, index_name, non_unique, seq_in_index, column_name
      FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name IN (${IN})
      ORDER BY 1, 2, 4`,
    keys: `SELECT k.table_name, k.constraint_name, k.column_name, k.referenced_table_name, r.delete_rule
      FROM information_schema.key_column_usage k JOIN information_schema.referential_constraints r
        ON r.constraint_schema = k.constraint_schema AND r.constraint_name = k.constraint_name
      WHERE k.table_schema = DATABASE() AND k.table_name IN (${IN})
        AND k.referenced_table_name IN (${IN}) ORDER BY 1, 2`,
    lookups: `SELECT 'type', type, name FROM host_identifier_type
      UNION ALL SELECT 'scope', scope_id, scope_name FROM dhcp_option_scope ORDER BY 1, 2`,
  },
};

const TABLES: Record<Backend, string> = {
  pgsql: "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
  mysql: 'SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY 1',
};
const TRIGGERS: Record<Backend, string> = {
  pgsql: `SELECT DISTINCT event_object_table, trigger_name FROM information_schema.triggers
    WHERE trigger_schema = 'public' ORDER BY 1, 2`,
  mysql:
    'SELECT event_object_table, trigger_name FROM information_schema.triggers WHERE trigger_schema = DATABASE() ORDER BY 1, 2',
};

/** The configuration-backend tables of Kea 2.2's schema, which ours does not have. */
const CB_TABLES = [
  ...[4, 6].flatMap((f) => [
    `dhcp${f}_audit`,
    `dhcp${f}_audit_revision`,
    `dhcp${f}_client_class`,
    `dhcp${f}_client_class_dependency`,
    `dhcp${f}_client_class_order`,
    `dhcp${f}_client_class_server`,
    `dhcp${f}_global_parameter`,
    `dhcp${f}_global_parameter_server`,
    `dhcp${f}_option_def`,
    `dhcp${f}_option_def_server`,
    `dhcp${f}_options_server`,
    ...(f === 6 ? ['dhcp6_pd_pool'] : []),
    `dhcp${f}_pool`,
    `dhcp${f}_server`,
    `dhcp${f}_shared_network`,
    `dhcp${f}_shared_network_server`,
    `dhcp${f}_subnet`,
    `dhcp${f}_subnet_server`,
  ]),
  'modification',
  'parameter_data_type',
];
const PG_ONLY_CB = ['ddns_replace_client_name_types', 'logs'];
const MY_ONLY_CB = ['logs'];

const flat = (rows: unknown[][]) => rows.map((r) => r.map((c) => String(c)).join(' '));

for (const b of ['mysql'] as Backend[]) {
  t.test(b, async (t) => {
    const ours = await (b === 'pgsql' ? scratchPgsql(t) : scratchMysql(t));
    const theirs = await (b === 'pgsql' ? scratchPgsql(t) : scratchMysql(t));
    t.equal(admin('ours', 'db-init', b, ours).status, 0, 'our db-init');
    t.equal(admin('real', 'db-init', b, theirs).status, 0, 'real db-init');

    for (const [what, sql] of Object.entries(CATALOGUE[b])) {
      const mine = flat(await tableRows(b, ours, sql));
      const real = flat(await tableRows(b, theirs, sql));
      t.ok(mine.length > 0, `${what}: our catalogue has rows`);
      t.same(mine, real, `host tables: ${what} as real Kea's`);
    }

    const myTables = flat(await tableRows(b, ours, TABLES[b]));
    const realTables = flat(await tableRows(b, theirs, TABLES[b]));
    t.same(
      myTables.filter((n) => !realTables.includes(n)),
      [],
      'every table of ours is one of Kea’s',
    );
    const missing = realTables.filter((n) => !myTables.includes(n)).sort();
    t.same(
      missing,
      [...CB_TABLES, ...(b === 'pgsql' ? PG_ONLY_CB : MY_ONLY_CB)].sort(),
      'what ours leaves out is exactly the configuration-backend tables',
    );

    // Triggers: every one of ours is Kea's; Kea's others are on tables we lack, or the audit
    // triggers of the option tables.
    const myTriggers = flat(await tableRows(b, ours, TRIGGERS[b]));
    const realTriggers = flat(await tableRows(b, theirs, TRIGGERS[b]));
    t.same(
      myTriggers.filter((x) => !realTriggers.includes(x)),
      [],
      'every trigger of ours is one of Kea’s',
    );
    const lacking = realTriggers
      .filter((x) => !myTriggers.includes(x))
      .filter((x) => !missing.includes(x.split(' ')[0]!));
    t.same(
      lacking.map((x) => x.split(' ')[1]!.toLowerCase()).sort(),
      ['dhcp4_options_adel', 'dhcp4_options_ains', 'dhcp4_options_aupd']
        .flatMap((n) => [n, n.replace('dhcp4', 'dhcp6')])
        .sort(),
      'on the tables both have, ours lacks only the option tables’ audit triggers',
    );
  });
}
