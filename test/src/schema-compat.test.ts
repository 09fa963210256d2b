// Our schema's catalogue against real Kea 2.2's, on the machine's PostgreSQL and MariaDB: the
// databases made by real `kea-admin db-init` and by ours have the same tables, columns (types,
// nullability, defaults), indexes, keys (primary, unique, foreign, with their actions), checks,
// triggers (table, timing, event) and functions/procedures (names and parameters), lease, host and
// configuration-backend parts alike, and the same lookup rows. The only differences are listed
// exactly: our own column/index for v6 address paging, and the lease statistics functions or
// procedures, which ours names and splits differently behind the same triggers.
import t from 'tap';
import { scratchMysql, scratchPgsql } from './lib/scratch-db.js';
import { admin, BACKENDS, type Backend, tableRows } from './lib/sql-compat.js';

/** Catalogue queries: each answers rows that must be equal between the two databases. */
const CATALOGUE: Record<Backend, Record<string, string>> = {
  pgsql: {
    tables: "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
    columns: `SELECT table_name, column_name, data_type, character_maximum_length, is_nullable,
        regexp_replace(column_default, '''?::[a-z ]+', '', 'g')
      FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2`,
    indexes: `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'
      ORDER BY 1, 2`,
    constraints: `SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
      WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2`,
    triggers: `SELECT DISTINCT event_object_table, trigger_name, action_timing, event_manipulation,
        action_statement FROM information_schema.triggers WHERE trigger_schema = 'public' ORDER BY 1, 2`,
    routines: `SELECT proname, pg_get_function_identity_arguments(oid), pg_get_function_result(oid)
      FROM pg_proc WHERE pronamespace = 'public'::regnamespace ORDER BY 1, 2`,
    sequences: `SELECT sequence_name, data_type FROM information_schema.sequences
      WHERE sequence_schema = 'public' ORDER BY 1`,
  },
  mysql: {
    tables: 'SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY 1',
    columns: `SELECT table_name, column_name, column_type, is_nullable, column_default, extra
      FROM information_schema.columns WHERE table_schema = DATABASE() ORDER BY 1, 2`,
    indexes: `SELECT table_name, index_name, non_unique, seq_in_index, column_name
      FROM information_schema.statistics WHERE table_schema = DATABASE() ORDER BY 1, 2, 4`,
    constraints: `SELECT k.table_name, k.constraint_name, k.ordinal_position, k.column_name,
        k.referenced_table_name, k.referenced_column_name, r.update_rule, r.delete_rule
      FROM information_schema.key_column_usage k LEFT JOIN information_schema.referential_constraints r
        ON r.constraint_schema = k.constraint_schema AND r.constraint_name = k.constraint_name
          AND r.table_name = k.table_name
      WHERE k.table_schema = DATABASE() ORDER BY 1, 2, 3`,
    checks: `SELECT table_name, constraint_name, check_clause FROM information_schema.check_constraints
      WHERE constraint_schema = DATABASE() ORDER BY 1, 2`,
    triggers: `SELECT event_object_table, trigger_name, action_timing, event_manipulation
      FROM information_schema.triggers WHERE trigger_schema = DATABASE() ORDER BY 1, 2`,
    routines: `SELECT r.routine_type, r.routine_name, r.dtd_identifier,
        GROUP_CONCAT(CONCAT_WS(' ', p.parameter_mode, p.parameter_name, p.dtd_identifier)
          ORDER BY p.ordinal_position SEPARATOR ', ')
      FROM information_schema.routines r LEFT JOIN information_schema.parameters p
        ON p.specific_schema = r.routine_schema AND p.specific_name = r.specific_name
          AND p.ordinal_position > 0
      WHERE r.routine_schema = DATABASE() GROUP BY 1, 2, 3 ORDER BY 1, 2`,
  },
};

const LOOKUPS = `SELECT 'type', type, name FROM host_identifier_type
  UNION ALL SELECT 'scope', scope_id, scope_name FROM dhcp_option_scope
  UNION ALL SELECT 'modification', id, modification_type FROM modification
  UNION ALL SELECT 'parameter', id, name FROM parameter_data_type
  UNION ALL SELECT 'server4', id, tag FROM dhcp4_server
  UNION ALL SELECT 'server6', id, tag FROM dhcp6_server ORDER BY 1, 2`;
const PG_LOOKUPS = `${LOOKUPS.replace(' ORDER BY 1, 2', '')}
  UNION ALL SELECT 'ddns', type, name FROM ddns_replace_client_name_types ORDER BY 1, 2`;

/** The rows only one side has: [only ours, only Kea's], per catalogue entry. */
const KNOWN: Record<Backend, Record<string, [string[], string[]]>> = {
  pgsql: {
    indexes: [
      [
        'lease6 lease6_by_inet_address CREATE INDEX lease6_by_inet_address ON public.lease6 USING btree (((address)::inet))',
      ],
      [],
    ],
    routines: [
      [
        'lease4_count sid bigint, st bigint, ctx text, delta integer void',
        'lease6_count sid bigint, lt smallint, st bigint, ctx text, delta integer void',
        'lease_classes ctx text SETOF text',
      ],
      [4, 6].flatMap((f) => {
        const lt = f === 6 ? ', old_lease_type smallint' : '';
        const nlt = f === 6 ? ', new_lease_type smallint' : '';
        const l = `lease${f}`;
        return [
          `${l}_adel_${l}_stat old_state bigint, old_subnet_id bigint${lt} void`,
          `${l}_adel_${l}_stat_by_client_class old_state bigint, old_user_context text${lt} void`,
          `${l}_ains_${l}_stat new_state bigint, new_subnet_id bigint${nlt} void`,
          `${l}_ains_${l}_stat_by_client_class new_state bigint, new_user_context text${nlt} void`,
          `${l}_aupd_${l}_stat old_state bigint, old_subnet_id bigint${lt}, new_state bigint, new_subnet_id bigint${nlt} void`,
          `${l}_aupd_${l}_stat_by_client_class old_state bigint, old_user_context text${lt}, new_state bigint, new_user_context text${nlt} void`,
          `proc_stat_${l}_delete  trigger`,
          `proc_stat_${l}_insert  trigger`,
          `proc_stat_${l}_update  trigger`,
        ];
      }),
    ],
  },
  mysql: {
    columns: [['lease6 address_order varbinary(16) YES NULL VIRTUAL GENERATED, INVISIBLE'], []],
    indexes: [['lease6 lease6_by_address_order 1 1 address_order'], []],
    routines: [
      [
        'PROCEDURE lease4_count  IN sid int(10) unsigned, IN st int(10) unsigned, IN ctx text, IN delta int(11)',
        'PROCEDURE lease6_count  IN sid int(10) unsigned, IN lt tinyint(4), IN st int(10) unsigned, IN ctx text, IN delta int(11)',
      ],
      [4, 6].flatMap((f) => {
        const l = `lease${f}`;
        const lt = (w: string) => (f === 6 ? `, IN ${w}_lease_type tinyint(4)` : '');
        const st = (w: string) => `IN ${w}_state tinyint(4), IN ${w}_subnet_id int(10) unsigned${lt(w)}`;
        const cc = (w: string) => `IN ${w}_state tinyint(4), IN ${w}_user_context text${lt(w)}`;
        return [
          `PROCEDURE ${l}_ADEL_${l}_stat  ${st('old')}`,
          `PROCEDURE ${l}_ADEL_${l}_stat_by_client_class  ${cc('old')}`,
          `PROCEDURE ${l}_AINS_${l}_stat  ${st('new')}`,
          `PROCEDURE ${l}_AINS_${l}_stat_by_client_class  ${cc('new')}`,
          `PROCEDURE ${l}_AUPD_${l}_stat  ${st('old')}, ${st('new')}`,
          `PROCEDURE ${l}_AUPD_${l}_stat_by_client_class  ${cc('old')}, ${cc('new')}`,
        ];
      }),
    ],
  },
};

const flat = (rows: unknown[][]) => rows.map((r) => r.map((c) => (c === null ? '' : String(c))).join(' '));

for (const b of BACKENDS) {
  t.test(b, async (t) => {
    const ours = await (b === 'pgsql' ? scratchPgsql(t) : scratchMysql(t));
    const theirs = await (b === 'pgsql' ? scratchPgsql(t) : scratchMysql(t));
    t.equal(admin('ours', 'db-init', b, ours).status, 0, 'our db-init');
    t.equal(admin('real', 'db-init', b, theirs).status, 0, 'real db-init');

    const queries = { ...CATALOGUE[b], lookups: b === 'pgsql' ? PG_LOOKUPS : LOOKUPS };
    for (const [what, sql] of Object.entries(queries)) {
      const mine = flat(await tableRows(b, ours, sql));
      const real = flat(await tableRows(b, theirs, sql));
      // Kea 2.2's MySQL schema has no CHECK constraints; the query guards against ours growing one.
      if (what !== 'checks') t.ok(real.length > 0, `${what}: Kea's catalogue has rows`);
      const [onlyOurs, onlyTheirs] = KNOWN[b][what] ?? [[], []];
      t.same(
        mine.filter((x) => !real.includes(x)),
        onlyOurs.sort(),
        `${what}: ours has nothing Kea's lacks${onlyOurs.length ? ' but the known ones' : ''}`,
      );
      t.same(
        real.filter((x) => !mine.includes(x)),
        onlyTheirs.sort(),
        `${what}: Kea's has nothing ours lacks${onlyTheirs.length ? ' but the known ones' : ''}`,
      );
    }
  });
}
