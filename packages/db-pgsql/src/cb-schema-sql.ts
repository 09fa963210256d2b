// The configuration-backend part of Kea 2.2's PostgreSQL schema (13.0), written for this project:
// the tables libdhcp_pgsql_cb reads and writes (servers, subnets, pools, shared networks, global
// parameters, option definitions, client classes, their *_server link tables, the audit tables),
// the option tables' keys to them, and the triggers and functions the hook relies on: each change
// of a configuration object writes an audit row (object type, id, create/update/delete) under the
// revision the hook opened with createAuditRevisionDHCPn(), deleting a subnet, pool or network
// takes its options along, and client classes keep their order and KNOWN/UNKNOWN dependencies.
// The catalogue (names, types, keys, indexes, triggers, functions) is Kea's, including its
// irregular index names; the statements and function bodies are ours. Runs after host-schema-sql.

type Family = 4 | 6;
const FAMILIES: readonly Family[] = [4, 6];

const TS = 'TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP';
const NAME = 'VARCHAR(128) DEFAULT NULL';

/** Session variables: the hook and the audit functions pass the revision and flags through them. */
const SESSION = `
CREATE TABLE modification (id SMALLINT PRIMARY KEY NOT NULL, modification_type VARCHAR(32) NOT NULL);
INSERT INTO modification VALUES (0, 'create'), (1, 'update'), (2, 'delete');

CREATE TABLE parameter_data_type (id SMALLINT PRIMARY KEY NOT NULL, name VARCHAR(32) NOT NULL);
INSERT INTO parameter_data_type VALUES (0, 'integer'), (1, 'real'), (2, 'boolean'), (4, 'string');

CREATE TABLE ddns_replace_client_name_types (type BIGINT PRIMARY KEY NOT NULL, name VARCHAR(32));
INSERT INTO ddns_replace_client_name_types VALUES
  (0, 'RCM_NEVER'), (1, 'RCM_ALWAYS'), (2, 'RCM_WHEN_PRESENT'), (3, 'RCM_WHEN_NOT_PRESENT');

CREATE TABLE logs ("timestamp" TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP, address VARCHAR(43), log TEXT NOT NULL);
CREATE INDEX timestamp_id ON logs ("timestamp");
CREATE INDEX address_id ON logs (address);

CREATE FUNCTION get_session_value(name TEXT) RETURNS TEXT LANGUAGE plpgsql AS $$
BEGIN
  RETURN current_setting(name);
EXCEPTION
  WHEN undefined_object THEN RETURN NULL;
  WHEN OTHERS THEN RAISE EXCEPTION 'get_session_value(%) failed, sqlstate: %', name, sqlstate;
END; $$;

CREATE FUNCTION get_session_boolean(name TEXT) RETURNS BOOLEAN LANGUAGE plpgsql AS $$
DECLARE v TEXT;
BEGIN
  v := get_session_value(name);
  IF v IS NULL OR v = '' THEN RETURN false; END IF;
  RETURN v::BOOLEAN;
EXCEPTION
  WHEN OTHERS THEN RAISE EXCEPTION 'get_session_boolean(%) failed - text:[%], sqlstate: %', name, v, sqlstate;
END; $$;

CREATE FUNCTION get_session_big_int(name TEXT) RETURNS BIGINT LANGUAGE plpgsql AS $$
DECLARE v TEXT;
BEGIN
  v := get_session_value(name);
  IF v IS NULL OR v = '' THEN RETURN 0; END IF;
  RETURN v::BIGINT;
EXCEPTION
  WHEN OTHERS THEN RAISE EXCEPTION 'get_session_big_int(%) failed - text:[%], sqlstate: %', name, v, sqlstate;
END; $$;

CREATE FUNCTION set_session_value(name TEXT, value TEXT) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config(name, value, false);
EXCEPTION
  WHEN OTHERS THEN RAISE EXCEPTION 'set_session_value(%): value [%] failed, sqlstate: %', name, value, sqlstate;
END; $$;
CREATE FUNCTION set_session_value(name TEXT, value BIGINT) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN PERFORM set_session_value(name, value::TEXT); END; $$;
CREATE FUNCTION set_session_value(name TEXT, value BOOLEAN) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN PERFORM set_session_value(name, value::TEXT); END; $$;

CREATE FUNCTION gmt_epoch(input_ts TIMESTAMP WITH TIME ZONE) RETURNS BIGINT LANGUAGE plpgsql AS $$
BEGIN
  RETURN (extract(epoch FROM input_ts) + extract(timezone FROM input_ts))::BIGINT;
EXCEPTION
  WHEN OTHERS THEN RAISE EXCEPTION 'gmt_epoch(%) failed, sqlstate: %', input_ts, sqlstate;
END; $$;
`;

/** Columns of subnets and shared networks that both carry (after the family's own ones). */
const COMMON_NETWORK = `
  min_valid_lifetime BIGINT,
  max_valid_lifetime BIGINT,
  ddns_send_updates BOOLEAN,
  ddns_override_no_update BOOLEAN,
  ddns_override_client_update BOOLEAN,
  ddns_replace_client_name BIGINT,
  ddns_generated_prefix VARCHAR(255) DEFAULT NULL,
  ddns_qualifying_suffix VARCHAR(255) DEFAULT NULL,
  reservations_global BOOLEAN,
  reservations_in_subnet BOOLEAN,
  reservations_out_of_pool BOOLEAN,
  cache_threshold DOUBLE PRECISION,
  cache_max_age BIGINT,
  CONSTRAINT fk_ddns_replace_client_name FOREIGN KEY (ddns_replace_client_name)
    REFERENCES ddns_replace_client_name_types (type)`;

/** The v4 / v6 specific lifetime and timer columns of subnets and shared networks. */
function lifetimes(f: Family): string {
  return f === 4
    ? `rebind_timer BIGINT,
  relay TEXT,
  renew_timer BIGINT,
  require_client_classes TEXT,`
    : `preferred_lifetime BIGINT,
  rapid_commit BOOLEAN,
  rebind_timer BIGINT,
  relay TEXT,
  renew_timer BIGINT,
  require_client_classes TEXT,`;
}

function tables(f: Family): string {
  const d = `dhcp${f}`;
  const v4 = f === 4;
  const tee = `calculate_tee_times BOOLEAN,
  t1_percent DOUBLE PRECISION,
  t2_percent DOUBLE PRECISION,`;
  const v6Lifetimes = `interface_id BYTEA,
  min_preferred_lifetime BIGINT,
  max_preferred_lifetime BIGINT,`;
  /** A link table between an object and the servers it belongs to. */
  const link = (table: string, key: string, fkOpts: string, more = '') => `
CREATE TABLE ${d}_${table}_server (
  ${key} BIGINT NOT NULL,
  server_id BIGINT NOT NULL,
  modification_ts ${TS},
  PRIMARY KEY (${key}, server_id),
  CONSTRAINT fk_${d}_${table}_server_server_id FOREIGN KEY (server_id) REFERENCES ${d}_server (id)${fkOpts}${more}
);`;
  return `
CREATE TABLE ${d}_server (
  id SERIAL PRIMARY KEY NOT NULL,
  tag VARCHAR(64) NOT NULL UNIQUE,
  description TEXT,
  modification_ts ${TS}
);
${v4 ? '' : '-- (Kea names one of the v6 server indexes after v4.)\nCREATE INDEX dhcp4_server_modification_ts ON dhcp6_server (modification_ts);\nCREATE INDEX dhcp6_server_idx1 ON dhcp6_server (modification_ts);\nCREATE UNIQUE INDEX dhcp6_server_idx2 ON dhcp6_server (tag);'}
INSERT INTO ${d}_server (tag, description) VALUES ('all', 'special type: all servers');

CREATE TABLE ${d}_audit_revision (
  id SERIAL PRIMARY KEY NOT NULL,
  modification_ts ${TS},
  log_message TEXT,
  server_id BIGINT
);
CREATE TABLE ${d}_audit (
  id SERIAL UNIQUE NOT NULL,
  object_type VARCHAR(256) NOT NULL,
  object_id BIGINT NOT NULL,
  modification_type SMALLINT NOT NULL,
  revision_id BIGINT NOT NULL,
  CONSTRAINT fk_${d}_audit_modification_type FOREIGN KEY (modification_type) REFERENCES modification (id),
  CONSTRAINT fk_${d}_audit_revision FOREIGN KEY (revision_id) REFERENCES ${d}_audit_revision (id)
    ON UPDATE CASCADE
);
CREATE INDEX ${d}_audit_idx1 ON ${d}_audit (modification_type);
CREATE INDEX ${d}_audit_idx2 ON ${d}_audit (revision_id);

CREATE TABLE ${d}_global_parameter (
  id SERIAL PRIMARY KEY NOT NULL,
  name VARCHAR(128) NOT NULL,
  value TEXT NOT NULL,
  modification_ts ${TS},
  parameter_type SMALLINT NOT NULL,
  CONSTRAINT fk_dhcp6_global_parameter_type FOREIGN KEY (parameter_type) REFERENCES parameter_data_type (id)
);
CREATE INDEX ${v4 ? '' : 'key_'}${d}_global_parameter_idx1 ON ${d}_global_parameter (modification_ts);
CREATE INDEX ${v4 ? '' : 'key_'}${d}_global_parameter_idx2 ON ${d}_global_parameter (name);
${link('global_parameter', 'parameter_id', ' ON DELETE CASCADE', `,\n  CONSTRAINT fk_${d}_global_parameter_server_parameter_id FOREIGN KEY (parameter_id)\n    REFERENCES ${d}_global_parameter (id) ON DELETE CASCADE`)}
CREATE INDEX fk_${d}_global_parameter_server_server_id ON ${d}_global_parameter_server (server_id);
CREATE INDEX key_${d}_global_parameter_${v4 ? '' : 'server_'}idx1 ON ${d}_global_parameter_server (modification_ts);

CREATE TABLE ${d}_client_class (
  id SERIAL PRIMARY KEY NOT NULL,
  name VARCHAR(128) NOT NULL UNIQUE,
  test TEXT,
  ${v4 ? `next_server INET,\n  server_hostname ${NAME},\n  boot_file_name VARCHAR(512) DEFAULT NULL,\n  ` : ''}only_if_required BOOLEAN NOT NULL DEFAULT false,
  valid_lifetime BIGINT,
  min_valid_lifetime BIGINT,
  max_valid_lifetime BIGINT,
  depend_on_known_directly BOOLEAN NOT NULL DEFAULT false,
  follow_class_name ${NAME},
  modification_ts ${TS},
  ${v4 ? '' : 'preferred_lifetime BIGINT,\n  min_preferred_lifetime BIGINT,\n  max_preferred_lifetime BIGINT,\n  '}user_context JSON
);
CREATE INDEX key_${d}_client_class_modification_ts ON ${d}_client_class (modification_ts);
CREATE TABLE ${d}_client_class_dependency (
  class_id BIGINT NOT NULL,
  dependency_id BIGINT NOT NULL,
  PRIMARY KEY (class_id, dependency_id),
  CONSTRAINT ${d}_client_class_class_id FOREIGN KEY (class_id) REFERENCES ${d}_client_class (id) ON DELETE CASCADE,
  CONSTRAINT ${d}_client_class_dependency_id FOREIGN KEY (dependency_id) REFERENCES ${d}_client_class (id)
);
CREATE INDEX ${d}_client_class_dependency_id_idx ON ${d}_client_class_dependency (dependency_id);
CREATE TABLE ${d}_client_class_order (
  class_id BIGINT PRIMARY KEY NOT NULL,
  order_index BIGINT NOT NULL,
  depend_on_known_indirectly BOOLEAN NOT NULL DEFAULT false,
  CONSTRAINT fk_${d}_client_class_order_class_id FOREIGN KEY (class_id) REFERENCES ${d}_client_class (id)
    ON DELETE CASCADE
);
CREATE INDEX key_${d}_client_class_order_index ON ${d}_client_class_order (order_index);
CREATE TABLE ${d}_client_class_server (
  class_id BIGINT NOT NULL,
  server_id BIGINT NOT NULL,
  modification_ts TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (class_id, server_id),
  CONSTRAINT fk_${d}_client_class_class_id FOREIGN KEY (class_id) REFERENCES ${d}_client_class (id)
    ON DELETE CASCADE,
  CONSTRAINT fk_${d}_client_class_server_id FOREIGN KEY (server_id) REFERENCES ${d}_server (id)
);
CREATE INDEX fk_${d}_client_class_server_id ON ${d}_client_class_server (server_id);

CREATE TABLE ${d}_option_def (
  id SERIAL PRIMARY KEY NOT NULL,
  code SMALLINT NOT NULL,
  name VARCHAR(128) NOT NULL,
  space VARCHAR(128) NOT NULL,
  type SMALLINT NOT NULL,
  modification_ts ${TS},
  is_array BOOLEAN NOT NULL,
  encapsulate VARCHAR(128) NOT NULL,
  record_types VARCHAR,
  user_context JSON,
  class_id BIGINT,
  CONSTRAINT fk_${d}_option_def_client_class_id FOREIGN KEY (class_id) REFERENCES ${d}_client_class (id)
    ON UPDATE CASCADE ON DELETE CASCADE
);
CREATE INDEX ${d}_option_def_idx1 ON ${d}_option_def (modification_ts);
CREATE INDEX ${d}_option_def_idx2 ON ${d}_option_def (code, space);
CREATE INDEX fk_${d}_option_def_client_class_id ON ${d}_option_def (class_id);
${link('option_def', 'option_def_id', '', `,\n  CONSTRAINT fk_${d}_option_def_server_option_def_id FOREIGN KEY (option_def_id)\n    REFERENCES ${d}_option_def (id) ON DELETE CASCADE,\n  CONSTRAINT ${d}_option_def_server_option_def_id_fkey FOREIGN KEY (option_def_id)\n    REFERENCES ${d}_option_def (id) ON DELETE CASCADE,\n  CONSTRAINT ${d}_option_def_server_server_id_fkey FOREIGN KEY (server_id)\n    REFERENCES ${d}_server (id) ON DELETE CASCADE`)}
CREATE INDEX fk_${d}_option_def_server_server_id ON ${d}_option_def_server (server_id);

CREATE TABLE ${d}_shared_network (
  id SERIAL PRIMARY KEY NOT NULL,
  name VARCHAR(128) NOT NULL UNIQUE,
  client_class ${NAME},
  interface ${NAME},
  ${v4 ? 'match_client_id BOOLEAN,\n  ' : ''}modification_ts ${TS},
  ${lifetimes(f)}
  user_context JSON,
  valid_lifetime BIGINT,
  ${v4 ? 'authoritative BOOLEAN,\n  ' : ''}${tee}
  ${v4 ? `boot_file_name ${NAME},\n  next_server INET,\n  server_hostname VARCHAR(64) DEFAULT NULL,` : v6Lifetimes}${COMMON_NETWORK}
);
${v4 ? 'CREATE UNIQUE INDEX dhcp4_shared_network_idx1 ON dhcp4_shared_network (name);\nCREATE INDEX dhcp4_shared_network_idx2 ON dhcp4_shared_network (modification_ts);' : 'CREATE INDEX dhcp6_shared_network_idx1 ON dhcp6_shared_network (name);'}
${link('shared_network', 'shared_network_id', ' ON DELETE CASCADE', `,\n  CONSTRAINT fk_${d}_shared_network_server_shared_network_id FOREIGN KEY (shared_network_id)\n    REFERENCES ${d}_shared_network (id) ON DELETE CASCADE`)}
CREATE INDEX ${d}_shared_network_server_idx1 ON ${d}_shared_network_server (modification_ts);
CREATE INDEX ${d}_shared_network_server_idx2 ON ${d}_shared_network_server (server_id);

CREATE TABLE ${d}_subnet (
  subnet_id BIGINT PRIMARY KEY NOT NULL,
  subnet_prefix VARCHAR(64) NOT NULL UNIQUE,
  ${v4 ? `interface_4o6 ${NAME},\n  interface_id_4o6 ${NAME},\n  subnet_4o6 VARCHAR(64) DEFAULT NULL,\n  boot_file_name ${NAME},\n  ` : ''}client_class ${NAME},
  interface ${NAME},
  ${v4 ? 'match_client_id BOOLEAN,\n  ' : ''}modification_ts ${TS},
  ${v4 ? 'next_server INET,\n  ' : ''}${lifetimes(f)}
  ${v4 ? 'server_hostname VARCHAR(64) DEFAULT NULL,\n  ' : ''}shared_network_name ${NAME},
  user_context JSON,
  valid_lifetime BIGINT,
  ${v4 ? 'authoritative BOOLEAN,\n  ' : ''}${tee}
  ${v4 ? '' : v6Lifetimes}${COMMON_NETWORK},
  CONSTRAINT fk_${d}_subnet_shared_network FOREIGN KEY (shared_network_name) REFERENCES ${d}_shared_network (name)
);
CREATE INDEX ${d}_subnet_idx1 ON ${d}_subnet (modification_ts);
CREATE INDEX ${d}_subnet_idx2 ON ${d}_subnet (shared_network_name);
${link('subnet', 'subnet_id', ' ON UPDATE CASCADE ON DELETE CASCADE', `,\n  CONSTRAINT fk_${d}_subnet_server_subnet_id FOREIGN KEY (subnet_id)\n    REFERENCES ${d}_subnet (subnet_id) ON UPDATE CASCADE ON DELETE CASCADE`)}
CREATE INDEX ${d}_subnet_server_idx1 ON ${d}_subnet_server (server_id);
CREATE INDEX ${d}_subnet_server_idx2 ON ${d}_subnet_server (modification_ts);

${pool(f, 'pool')}
${f === 6 ? pool(f, 'pd_pool') : ''}
${link('options', 'option_id', ' ON DELETE CASCADE', `,\n  CONSTRAINT fk_${d}_options_server_option_id FOREIGN KEY (option_id)\n    REFERENCES ${d}_options (option_id) ON DELETE CASCADE`)}
CREATE INDEX ${d}_options_server_idx1 ON ${d}_options_server (server_id);
CREATE INDEX ${d}_options_server_idx2 ON ${d}_options_server (modification_ts);

ALTER TABLE ${d}_options
  ADD CONSTRAINT fk_${d}_options_pool FOREIGN KEY (pool_id) REFERENCES ${d}_pool (id)
    ON UPDATE CASCADE ON DELETE CASCADE,${f === 6 ? '\n  ADD CONSTRAINT fk_dhcp6_options_pd_pool FOREIGN KEY (pd_pool_id) REFERENCES dhcp6_pd_pool (id)\n    ON UPDATE CASCADE ON DELETE CASCADE,' : ''}
  ADD CONSTRAINT fk_${d}_options_shared_network FOREIGN KEY (shared_network_name)
    REFERENCES ${d}_shared_network (name) ON UPDATE CASCADE ON DELETE CASCADE,
  ADD CONSTRAINT fk_${d}_options_subnet FOREIGN KEY (${d}_subnet_id) REFERENCES ${d}_subnet (subnet_id)
    ON UPDATE CASCADE ON DELETE CASCADE;
`;
}

/** An address pool (start/end) or, for v6, a prefix-delegation pool of a subnet. */
function pool(f: Family, kind: 'pool' | 'pd_pool'): string {
  const t = `dhcp${f}_${kind}`;
  const range =
    kind === 'pool'
      ? 'start_address INET NOT NULL,\n  end_address INET NOT NULL,'
      : 'prefix VARCHAR(45) NOT NULL,\n  prefix_length SMALLINT NOT NULL,\n  delegated_prefix_length SMALLINT NOT NULL,';
  const excluded =
    kind === 'pd_pool'
      ? '\n  excluded_prefix VARCHAR(45) DEFAULT NULL,\n  excluded_prefix_length SMALLINT NOT NULL,'
      : '';
  return `CREATE TABLE ${t} (
  id SERIAL PRIMARY KEY NOT NULL,
  ${range}
  subnet_id BIGINT NOT NULL,
  modification_ts ${TS},${excluded}
  client_class ${NAME},
  require_client_classes TEXT,
  user_context JSON,
  CONSTRAINT fk_${t}_subnet_id FOREIGN KEY (subnet_id) REFERENCES dhcp${f}_subnet (subnet_id)
);
CREATE INDEX ${t}_idx1 ON ${t} (modification_ts);
CREATE INDEX ${t}_idx2 ON ${t} (subnet_id);`;
}

/** A trigger function body that writes one audit entry for the row. */
function auditFn(f: Family, table: string, op: 'ains' | 'aupd' | 'adel', key = 'id'): string {
  const row = op === 'adel' ? 'OLD' : 'NEW';
  const kind = { ains: 'create', aupd: 'update', adel: 'delete' }[op];
  return `CREATE FUNCTION func_dhcp${f}_${table}_${op}() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN PERFORM createAuditEntryDHCP${f}('dhcp${f}_${table}', ${row}.${key}, '${kind}'); RETURN NULL; END; $$;`;
}

const TIMING = {
  ains: 'AFTER INSERT',
  aupd: 'AFTER UPDATE',
  adel: 'AFTER DELETE',
  bdel: 'BEFORE DELETE',
  bins: 'BEFORE INSERT',
};
type Op = keyof typeof TIMING;

function trigger(name: string, table: string, op: Op, fn = `func_${name}`): string {
  return `CREATE TRIGGER ${name} ${TIMING[op]} ON ${table} FOR EACH ROW EXECUTE FUNCTION ${fn}();`;
}

function routines(f: Family): string {
  const d = `dhcp${f}`;
  const v6 = f === 6;
  const audited: [string, string][] = [
    ['server', 'id'],
    ['global_parameter', 'id'],
    ['option_def', 'id'],
  ];
  const out: string[] = [];
  out.push(`
CREATE FUNCTION createAuditRevisionDHCP${f}(audit_ts TIMESTAMP WITH TIME ZONE, server_tag VARCHAR,
    audit_log_message TEXT, cascade_transaction BOOLEAN) RETURNS VOID LANGUAGE plpgsql AS $$
DECLARE rev BIGINT;
BEGIN
  IF NOT get_session_boolean('kea.disable_audit') THEN
    INSERT INTO ${d}_audit_revision (modification_ts, server_id, log_message)
      VALUES (audit_ts, (SELECT id FROM ${d}_server WHERE tag = server_tag), audit_log_message)
      RETURNING id INTO rev;
    PERFORM set_session_value('kea.audit_revision_id', rev);
    PERFORM set_session_value('kea.cascade_transaction', cascade_transaction);
  END IF;
END; $$;

CREATE FUNCTION createAuditEntryDHCP${f}(object_type_val VARCHAR, object_id_val BIGINT,
    modification_type_val VARCHAR) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  IF NOT get_session_boolean('kea.disable_audit') THEN
    INSERT INTO ${d}_audit (object_type, object_id, modification_type, revision_id)
      SELECT object_type_val, object_id_val, m.id, get_session_big_int('kea.audit_revision_id')
        FROM modification m WHERE m.modification_type = modification_type_val;
  END IF;
END; $$;

-- An option change is audited as a change of what owns it: a global option itself, else the
-- subnet, shared network or pool's subnet (their modification time moves, so their own update
-- trigger writes the entry); host options are not configuration-backend objects.
CREATE FUNCTION createOptionAuditDHCP${f}(modification_type VARCHAR, scope_id SMALLINT, option_id INT,
    p_subnet_id BIGINT, host_id INT, network_name VARCHAR, pool_id BIGINT,${v6 ? ' pd_pool_id BIGINT,' : ''}
    p_modification_ts TIMESTAMP WITH TIME ZONE) RETURNS VOID LANGUAGE plpgsql AS $$
DECLARE sid BIGINT;
BEGIN
  IF get_session_boolean('kea.cascade_transaction') THEN RETURN; END IF;
  CASE scope_id
    WHEN 0 THEN PERFORM createAuditEntryDHCP${f}('${d}_options', option_id, modification_type);
    WHEN 1 THEN sid := p_subnet_id;
    WHEN 4 THEN
      UPDATE ${d}_shared_network SET modification_ts = p_modification_ts
        WHERE id = (SELECT id FROM ${d}_shared_network WHERE name = network_name LIMIT 1);
    WHEN 5 THEN SELECT p.subnet_id INTO sid FROM ${d}_pool p WHERE p.id = pool_id;${v6 ? '\n    WHEN 6 THEN SELECT p.subnet_id INTO sid FROM dhcp6_pd_pool p WHERE p.id = pd_pool_id;' : ''}
    ELSE NULL;
  END CASE;
  IF sid IS NOT NULL THEN
    UPDATE ${d}_subnet SET modification_ts = p_modification_ts WHERE subnet_id = sid;
  END IF;
END; $$;
`);
  for (const [table, key] of audited) {
    for (const op of ['ains', 'aupd', 'adel'] as const) out.push(auditFn(f, table, op, key));
  }
  out.push(auditFn(f, 'subnet', 'ains', 'subnet_id'), auditFn(f, 'subnet', 'aupd', 'subnet_id'));
  out.push(auditFn(f, 'shared_network', 'ains'), auditFn(f, 'shared_network', 'aupd'));
  // Kea keeps an after-delete function for shared networks, though its trigger is the before-delete one.
  out.push(auditFn(f, 'shared_network', 'adel'));
  out.push(auditFn(f, 'client_class', 'adel'));
  const opt = (row: 'NEW' | 'OLD', kind: string, ts: string) =>
    `PERFORM createOptionAuditDHCP${f}('${kind}', ${row}.scope_id, ${row}.option_id, ${row}.${d}_subnet_id, ${row}.host_id,
    ${row}.shared_network_name, ${row}.pool_id, ${v6 ? `${row}.pd_pool_id, ` : ''}${ts});`;
  out.push(`
CREATE FUNCTION func_${d}_options_ains() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN ${opt('NEW', 'create', 'NEW.modification_ts')} RETURN NULL; END; $$;
CREATE FUNCTION func_${d}_options_aupd() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN ${opt('NEW', 'update', 'NEW.modification_ts')} RETURN NULL; END; $$;
CREATE FUNCTION func_${d}_options_adel() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN ${opt('OLD', 'delete', 'NOW()')} RETURN NULL; END; $$;

CREATE FUNCTION func_${d}_pool_bdel() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN DELETE FROM ${d}_options WHERE scope_id = 5 AND pool_id = OLD.id; RETURN OLD; END; $$;${
    v6
      ? `
CREATE FUNCTION func_dhcp6_pd_pool_bdel() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN DELETE FROM dhcp6_options WHERE scope_id = 6 AND pd_pool_id = OLD.id; RETURN OLD; END; $$;`
      : ''
  }
CREATE FUNCTION func_${d}_subnet_bdel() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM createAuditEntryDHCP${f}('${d}_subnet', OLD.subnet_id, 'delete');
  DELETE FROM ${d}_pool WHERE subnet_id = OLD.subnet_id;${v6 ? '\n  DELETE FROM dhcp6_pd_pool WHERE subnet_id = OLD.subnet_id;' : ''}
  DELETE FROM ${d}_options WHERE ${d}_subnet_id = OLD.subnet_id;
  RETURN OLD;
END; $$;
CREATE FUNCTION func_${d}_shared_network_bdel() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM createAuditEntryDHCP${f}('${d}_shared_network', OLD.id, 'delete');
  UPDATE ${d}_subnet SET shared_network_name = NULL WHERE shared_network_name = OLD.name;
  DELETE FROM ${d}_options WHERE shared_network_name = OLD.name;
  RETURN OLD;
END; $$;
${clientClassRoutines(f)}`);
  const triggers: [string, string, Op][] = [
    ['server', 'server', 'ains'],
    ['server', 'server', 'aupd'],
    ['server', 'server', 'adel'],
    ['global_parameter', 'global_parameter', 'ains'],
    ['global_parameter', 'global_parameter', 'aupd'],
    ['global_parameter', 'global_parameter', 'adel'],
    ['option_def', 'option_def', 'ains'],
    ['option_def', 'option_def', 'aupd'],
    ['option_def', 'option_def', 'adel'],
    ['options', 'options', 'ains'],
    ['options', 'options', 'aupd'],
    ['options', 'options', 'adel'],
    ['subnet', 'subnet', 'ains'],
    ['subnet', 'subnet', 'aupd'],
    ['subnet', 'subnet', 'bdel'],
    ['shared_network', 'shared_network', 'ains'],
    ['shared_network', 'shared_network', 'aupd'],
    ['shared_network', 'shared_network', 'bdel'],
    ['pool', 'pool', 'bdel'],
    ['client_class', 'client_class', 'ains'],
    ['client_class', 'client_class', 'aupd'],
    ['client_class', 'client_class', 'adel'],
    ['client_class_dependency', 'client_class_dependency', 'ains'],
    ['client_class_check_dependency', 'client_class_dependency', 'bins'],
  ];
  for (const [name, table, op] of triggers) out.push(trigger(`${d}_${name}_${op}`, `${d}_${table}`, op));
  // Modification times follow updates. Kea 2.2's v6 schema hangs the subnet's one on dhcp6_server
  // (and none on dhcp6_subnet); the catalogue keeps that as it is.
  const stamped = ['audit', 'audit_revision', 'global_parameter', 'global_parameter_server', 'option_def'];
  stamped.push('option_def_server', 'options_server', 'pool', 'server', 'shared_network');
  if (v6) stamped.push('pd_pool');
  else stamped.push('subnet');
  stamped.push('subnet_server');
  for (const s of stamped) {
    out.push(trigger(`${d}_${s}_modification_ts_update`, `${d}_${s}`, 'aupd', 'modification_ts_update'));
  }
  if (v6)
    out.push(
      trigger('dhcp6_subnet_modification_ts_update', 'dhcp6_server', 'aupd', 'modification_ts_update'),
    );
  return out.join('\n');
}

/** Client classes: their evaluation order, and the dependency checks the hook relies on. */
function clientClassRoutines(f: Family): string {
  const d = `dhcp${f}`;
  const v = `DHCPv${f}`;
  return `
CREATE FUNCTION setClientClass${f}Order(id BIGINT, new_follow_class_name VARCHAR,
    old_follow_class_name VARCHAR) RETURNS VOID LANGUAGE plpgsql AS $$
DECLARE
  indirect BOOL := false;
  after BIGINT;
BEGIN
  SELECT o.depend_on_known_indirectly INTO indirect FROM ${d}_client_class_order o WHERE o.class_id = id;
  PERFORM set_session_value('kea.depend_on_known_indirectly', indirect);
  IF indirect IS NOT NULL AND new_follow_class_name IS NOT DISTINCT FROM old_follow_class_name THEN
    -- Same position: only the indirect dependency is recomputed (by the dependency trigger).
    UPDATE ${d}_client_class_order o SET depend_on_known_indirectly = false WHERE o.class_id = id;
    RETURN;
  END IF;
  IF new_follow_class_name IS NULL THEN
    SELECT COALESCE(MAX(o.order_index), 0) INTO after FROM ${d}_client_class_order o;
  ELSE
    SELECT o.order_index INTO after FROM ${d}_client_class c
      JOIN ${d}_client_class_order o ON o.class_id = c.id WHERE c.name = new_follow_class_name;
    IF after IS NULL THEN
      RAISE EXCEPTION 'Class %s does not exist.', new_follow_class_name USING ERRCODE = 'sql_routine_exception';
    END IF;
    IF EXISTS (SELECT 1 FROM ${d}_client_class_order o WHERE o.order_index = after + 1) THEN
      UPDATE ${d}_client_class_order o SET order_index = o.order_index + 1 WHERE o.order_index > after;
    END IF;
  END IF;
  IF EXISTS (SELECT 1 FROM ${d}_client_class_dependency dep
      JOIN ${d}_client_class_order o ON o.class_id = dep.class_id
      WHERE dep.dependency_id = id AND o.order_index <= after) THEN
    RAISE EXCEPTION 'Unable to move class with id %s because it would break its dependencies', id
      USING ERRCODE = 'sql_routine_exception';
  END IF;
  UPDATE ${d}_client_class_order o SET order_index = after + 1, depend_on_known_indirectly = indirect
    WHERE o.class_id = id;
  IF NOT FOUND THEN
    INSERT INTO ${d}_client_class_order (class_id, order_index, depend_on_known_indirectly)
      VALUES (id, after + 1, false);
  END IF;
END; $$;

CREATE FUNCTION check${v}ClientClassDependency(p_class_id BIGINT, p_dependency_id BIGINT)
    RETURNS VOID LANGUAGE plpgsql AS $$
DECLARE
  class_index BIGINT;
  dependency_index BIGINT;
BEGIN
  IF p_class_id IS NULL THEN
    RAISE EXCEPTION 'Client class id must not be NULL.' USING ERRCODE = 'sql_routine_exception';
  END IF;
  IF p_dependency_id IS NULL THEN
    RAISE EXCEPTION 'Class dependency id must not be NULL.' USING ERRCODE = 'sql_routine_exception';
  END IF;
  IF p_class_id = p_dependency_id THEN
    RAISE EXCEPTION 'Client class must not have dependency on self.' USING ERRCODE = 'sql_routine_exception';
  END IF;
  SELECT o.order_index INTO class_index FROM ${d}_client_class_order o WHERE o.class_id = p_class_id;
  IF class_index IS NULL THEN
    RAISE EXCEPTION 'Client class with id % does not exist.', p_class_id USING ERRCODE = 'sql_routine_exception';
  END IF;
  SELECT o.order_index INTO dependency_index FROM ${d}_client_class_order o WHERE o.class_id = p_dependency_id;
  IF dependency_index IS NULL THEN
    RAISE EXCEPTION 'Dependency class with id % does not exist.', p_dependency_id
      USING ERRCODE = 'sql_routine_exception';
  END IF;
  IF dependency_index > class_index THEN
    RAISE EXCEPTION 'Client class with id % must not depend on class defined later with id %',
      p_class_id, p_dependency_id USING ERRCODE = 'sql_routine_exception';
  END IF;
  -- Each server of the class must see the dependency (directly or through 'all').
  IF EXISTS (SELECT 1 FROM ${d}_client_class_server s WHERE s.class_id = p_class_id
      AND NOT EXISTS (SELECT 1 FROM ${d}_client_class_server t WHERE t.class_id = p_dependency_id
        AND (t.server_id = 1 OR t.server_id = s.server_id))) THEN
    RAISE EXCEPTION 'Unmet dependencies for client class with id %', p_class_id
      USING ERRCODE = 'sql_routine_exception';
  END IF;
END; $$;

CREATE FUNCTION update${v}ClientClassKnownDependency(client_class_id BIGINT, dependency_id BIGINT)
    RETURNS VOID LANGUAGE plpgsql AS $$
DECLARE known BOOLEAN;
BEGIN
  SELECT c.depend_on_known_directly INTO known FROM ${d}_client_class c WHERE c.id = dependency_id;
  IF known = false THEN
    SELECT o.depend_on_known_indirectly INTO known FROM ${d}_client_class_order o WHERE o.class_id = dependency_id;
  END IF;
  IF known THEN
    UPDATE ${d}_client_class_order o SET depend_on_known_indirectly = true WHERE o.class_id = client_class_id;
  END IF;
END; $$;

CREATE FUNCTION check${v}ClientClassKnownDependencyChange() RETURNS VOID LANGUAGE plpgsql AS $$
DECLARE
  cid BIGINT := get_session_big_int('kea.client_class_id');
  was_known BOOLEAN := false;
  is_known BOOLEAN := false;
BEGIN
  IF cid IS NULL OR NOT EXISTS (SELECT 1 FROM ${d}_client_class_dependency dep WHERE dep.dependency_id = cid) THEN
    RETURN;
  END IF;
  was_known := get_session_boolean('kea.depend_on_known_directly')
    OR get_session_boolean('kea.depend_on_known_indirectly');
  SELECT c.depend_on_known_directly INTO is_known FROM ${d}_client_class c WHERE c.id = cid;
  IF is_known = false THEN
    SELECT o.depend_on_known_indirectly INTO is_known FROM ${d}_client_class_order o WHERE o.class_id = cid;
  END IF;
  IF was_known <> is_known THEN
    RAISE EXCEPTION 'Class dependency on KNOWN/UNKNOWN built-in classes must not change.'
      USING ERRCODE = 'sql_routine_exception';
  END IF;
END; $$;

CREATE FUNCTION func_${d}_client_class_ains() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM setClientClass${f}Order(NEW.id, NEW.follow_class_name, NULL);
  PERFORM createAuditEntryDHCP${f}('${d}_client_class', NEW.id, 'create');
  RETURN NULL;
END; $$;
CREATE FUNCTION func_${d}_client_class_aupd() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_session_value('kea.depend_on_known_directly', OLD.depend_on_known_directly);
  PERFORM set_session_value('kea.client_class_id', NEW.id);
  PERFORM setClientClass${f}Order(NEW.id, NEW.follow_class_name, OLD.follow_class_name);
  PERFORM createAuditEntryDHCP${f}('${d}_client_class', NEW.id, 'update');
  RETURN NULL;
END; $$;
CREATE FUNCTION func_${d}_client_class_check_dependency_bins() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN PERFORM check${v}ClientClassDependency(NEW.class_id, NEW.dependency_id); RETURN NEW; END; $$;
CREATE FUNCTION func_${d}_client_class_dependency_ains() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN PERFORM update${v}ClientClassKnownDependency(NEW.class_id, NEW.dependency_id); RETURN NULL; END; $$;
`;
}

/** Statements db-init runs after the host tables. */
export const CONFIG_BACKEND = SESSION + FAMILIES.map((f) => tables(f) + routines(f)).join('\n');
