// The configuration-backend part of Kea 2.2's MySQL schema (14.0), written for this project: the
// tables libdhcp_mysql_cb reads and writes (servers, subnets, pools, shared networks, global
// parameters, option definitions, client classes, their *_server link tables, the audit tables),
// the option tables' keys to them, and the triggers and procedures the hook relies on: each change
// of a configuration object writes an audit row (object type, id, create/update/delete) under the
// revision the hook opened with createAuditRevisionDHCPn() (session variables @audit_revision_id,
// @cascade_transaction, @disable_audit), deleting a subnet, pool or network takes its options
// along, and client classes keep their order and KNOWN/UNKNOWN dependencies. The catalogue (names,
// column types, keys with their actions, indexes, triggers, procedures) is Kea's, irregular names
// included; the statements and bodies are ours. One string a statement; runs after the host tables.

type Family = 4 | 6;
const ENGINE = 'ENGINE = InnoDB';
const TS = 'TIMESTAMP NOT NULL';
const NAME = 'VARCHAR(128) DEFAULT NULL';
/** Foreign-key actions as Kea's schema spells them (unspoken ones read back as RESTRICT). */
const CASCADE_NA = 'ON DELETE CASCADE ON UPDATE NO ACTION';
const BOTH = 'ON DELETE CASCADE ON UPDATE CASCADE';

const COMMON: readonly string[] = [
  `CREATE TABLE modification (id TINYINT(3) NOT NULL PRIMARY KEY, modification_type VARCHAR(32) NOT NULL) ${ENGINE}`,
  "INSERT INTO modification VALUES (0, 'create'), (1, 'update'), (2, 'delete')",
  `CREATE TABLE parameter_data_type (id TINYINT UNSIGNED NOT NULL PRIMARY KEY, name VARCHAR(32) NOT NULL) ${ENGINE}`,
  "INSERT INTO parameter_data_type VALUES (0, 'integer'), (1, 'real'), (2, 'boolean'), (4, 'string')",
  `CREATE TABLE logs (
    timestamp TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP,
    address VARCHAR(43) DEFAULT NULL,
    log TEXT NOT NULL,
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    INDEX timestamp_index (timestamp)
  ) ${ENGINE}`,
];

/** Timers and lifetimes of subnets and shared networks (v6 adds preferred lifetime, rapid commit). */
function timers(f: Family): string {
  return `${f === 6 ? 'preferred_lifetime INT(10) DEFAULT NULL,\n    rapid_commit TINYINT(1) DEFAULT NULL,\n    ' : ''}rebind_timer INT(10) DEFAULT NULL,
    relay LONGTEXT DEFAULT NULL,
    renew_timer INT(10) DEFAULT NULL,
    require_client_classes LONGTEXT DEFAULT NULL,`;
}

const TEE = `calculate_tee_times TINYINT(1) DEFAULT NULL,
    t1_percent FLOAT DEFAULT NULL,
    t2_percent FLOAT DEFAULT NULL,`;
const V6_EXTRA = `interface_id VARBINARY(128) DEFAULT NULL,
    min_preferred_lifetime INT(10) DEFAULT NULL,
    max_preferred_lifetime INT(10) DEFAULT NULL,`;
const NETWORK_TAIL = `min_valid_lifetime INT(10) DEFAULT NULL,
    max_valid_lifetime INT(10) DEFAULT NULL,
    ddns_send_updates TINYINT(1) DEFAULT NULL,
    ddns_override_no_update TINYINT(1) DEFAULT NULL,
    ddns_override_client_update TINYINT(1) DEFAULT NULL,
    ddns_replace_client_name TINYINT(3) DEFAULT NULL,
    ddns_generated_prefix VARCHAR(255) DEFAULT NULL,
    ddns_qualifying_suffix VARCHAR(255) DEFAULT NULL,
    reservations_global TINYINT(1) DEFAULT NULL,
    reservations_in_subnet TINYINT(1) DEFAULT NULL,
    reservations_out_of_pool TINYINT(1) DEFAULT NULL,
    cache_threshold FLOAT DEFAULT NULL,
    cache_max_age INT(10) DEFAULT NULL,`;

/** A link table between an object and the servers it belongs to. */
function link(
  f: Family,
  table: string,
  key: string,
  keyType: string,
  serverIndex: string,
  keyFk: string,
): string {
  const d = `dhcp${f}`;
  const t = `${d}_${table}_server`;
  const byTs = table === 'global_parameter' ? `key_${t}` : `key_${t}_modification_ts`;
  return `CREATE TABLE ${t} (
    ${key} ${keyType} NOT NULL,
    server_id BIGINT UNSIGNED NOT NULL,
    modification_ts ${TS},
    PRIMARY KEY (${key}, server_id),
    INDEX ${serverIndex} (server_id),
    INDEX ${byTs} (modification_ts),
    CONSTRAINT fk_${t}_server_id FOREIGN KEY (server_id) REFERENCES ${d}_server (id) ${CASCADE_NA},
    CONSTRAINT fk_${t}_${key} FOREIGN KEY (${key}) REFERENCES ${keyFk}
  ) ${ENGINE}`;
}

function tables(f: Family): string[] {
  const d = `dhcp${f}`;
  const v4 = f === 4;
  const sfx = (name: string) => (v4 ? name : `${name}_idx`);
  return [
    `CREATE TABLE ${d}_server (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    tag VARCHAR(64) NOT NULL,
    description TEXT DEFAULT NULL,
    modification_ts ${TS},
    UNIQUE INDEX ${d}_server_tag_UNIQUE (tag),
    INDEX key_${d}_server_modification_ts (modification_ts)
  ) ${ENGINE}`,
    `INSERT INTO ${d}_server (tag, description, modification_ts) VALUES ('all', 'special type: all servers', NOW())`,
    `CREATE TABLE ${d}_audit_revision (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    modification_ts ${TS},
    log_message TEXT DEFAULT NULL,
    server_id BIGINT(10) UNSIGNED DEFAULT NULL,
    INDEX key_${d}_audit_revision_by_modification_ts (modification_ts)
  ) ${ENGINE}`,
    `CREATE TABLE ${d}_audit (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    object_type VARCHAR(256) NOT NULL,
    object_id BIGINT UNSIGNED NOT NULL,
    modification_type TINYINT(1) NOT NULL,
    revision_id BIGINT UNSIGNED NOT NULL,
    INDEX fk_${d}_audit_modification_type (modification_type),
    INDEX fk_${d}_audit_revision (revision_id),
    CONSTRAINT fk_${d}_audit_modification_type FOREIGN KEY (modification_type) REFERENCES modification (id)
      ON DELETE NO ACTION ON UPDATE NO ACTION,
    CONSTRAINT fk_${d}_audit_revision FOREIGN KEY (revision_id) REFERENCES ${d}_audit_revision (id)
      ON DELETE NO ACTION ON UPDATE CASCADE
  ) ${ENGINE}`,
    `CREATE TABLE ${d}_global_parameter (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(128) NOT NULL,
    value LONGTEXT NOT NULL,
    modification_ts ${TS},
    parameter_type TINYINT UNSIGNED NOT NULL,
    INDEX key_${d}_global_parameter_modification_ts (modification_ts),
    INDEX key_${d}_global_parameter_name (name),
    INDEX fk_${d}_global_parameter_type (parameter_type),
    CONSTRAINT fk_${d}_global_parameter_type FOREIGN KEY (parameter_type) REFERENCES parameter_data_type (id)
  ) ${ENGINE}`,
    link(
      f,
      'global_parameter',
      'parameter_id',
      'BIGINT UNSIGNED',
      `fk_${d}_global_parameter_server_server_id`,
      `${d}_global_parameter (id) ${CASCADE_NA}`,
    ),
    `CREATE TABLE ${d}_client_class (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(128) NOT NULL,
    test TEXT DEFAULT NULL,
    ${v4 ? 'next_server INT UNSIGNED DEFAULT NULL,\n    server_hostname VARCHAR(128) DEFAULT NULL,\n    boot_file_name VARCHAR(512) DEFAULT NULL,\n    ' : ''}only_if_required TINYINT NOT NULL DEFAULT 0,
    valid_lifetime INT DEFAULT NULL,
    min_valid_lifetime INT DEFAULT NULL,
    max_valid_lifetime INT DEFAULT NULL,
    depend_on_known_directly TINYINT NOT NULL DEFAULT 0,
    follow_class_name ${NAME},
    modification_ts ${TS},
    ${v4 ? '' : 'preferred_lifetime INT(10) DEFAULT NULL,\n    min_preferred_lifetime INT(10) DEFAULT NULL,\n    max_preferred_lifetime INT(10) DEFAULT NULL,\n    '}user_context LONGTEXT DEFAULT NULL,
    UNIQUE INDEX id_UNIQUE (id),
    UNIQUE INDEX name_UNIQUE (name),
    INDEX key_${d}_client_class_modification_ts (modification_ts)
  ) ${ENGINE}`,
    `CREATE TABLE ${d}_client_class_dependency (
    class_id BIGINT UNSIGNED NOT NULL,
    dependency_id BIGINT UNSIGNED NOT NULL,
    PRIMARY KEY (class_id, dependency_id),
    INDEX ${d}_client_class_dependency_id_idx (dependency_id),
    CONSTRAINT ${d}_client_class_class_id FOREIGN KEY (class_id) REFERENCES ${d}_client_class (id) ON DELETE CASCADE,
    CONSTRAINT ${d}_client_class_dependency_id FOREIGN KEY (dependency_id) REFERENCES ${d}_client_class (id)
  ) ${ENGINE}`,
    `CREATE TABLE ${d}_client_class_order (
    class_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
    order_index BIGINT UNSIGNED NOT NULL,
    depend_on_known_indirectly TINYINT NOT NULL DEFAULT 0,
    INDEX key_${d}_client_class_order_index (order_index),
    CONSTRAINT fk_${d}_client_class_order_class_id FOREIGN KEY (class_id) REFERENCES ${d}_client_class (id)
      ON DELETE CASCADE
  ) ${ENGINE}`,
    `CREATE TABLE ${d}_client_class_server (
    class_id BIGINT UNSIGNED NOT NULL,
    server_id BIGINT UNSIGNED NOT NULL,
    modification_ts TIMESTAMP NULL DEFAULT NULL,
    PRIMARY KEY (class_id, server_id),
    INDEX fk_${d}_client_class_server_id (server_id),
    CONSTRAINT fk_${d}_client_class_class_id FOREIGN KEY (class_id) REFERENCES ${d}_client_class (id)
      ON DELETE CASCADE,
    CONSTRAINT fk_${d}_client_class_server_id FOREIGN KEY (server_id) REFERENCES ${d}_server (id)
  ) ${ENGINE}`,
    `CREATE TABLE ${d}_option_def (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    code SMALLINT UNSIGNED NOT NULL,
    name VARCHAR(128) NOT NULL,
    space VARCHAR(128) NOT NULL,
    type TINYINT UNSIGNED NOT NULL,
    modification_ts ${TS},
    is_array TINYINT(1) NOT NULL,
    encapsulate VARCHAR(128) NOT NULL,
    record_types VARCHAR(512) DEFAULT NULL,
    user_context LONGTEXT DEFAULT NULL,
    class_id BIGINT UNSIGNED DEFAULT NULL,
    INDEX key_${d}_option_def_modification_ts (modification_ts),
    INDEX key_${d}_option_def_code_space (code, space),
    INDEX fk_${d}_option_def_client_class_id (class_id),
    CONSTRAINT fk_${d}_option_def_client_class_id FOREIGN KEY (class_id) REFERENCES ${d}_client_class (id) ${BOTH}
  ) ${ENGINE}`,
    link(
      f,
      'option_def',
      'option_def_id',
      'BIGINT UNSIGNED',
      `fk_${d}_option_def_server_server_id_idx`,
      `${d}_option_def (id) ${CASCADE_NA}`,
    ),
    `CREATE TABLE ${d}_shared_network (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(128) NOT NULL,
    client_class ${NAME},
    interface ${NAME},
    ${v4 ? 'match_client_id TINYINT(1) DEFAULT NULL,\n    ' : ''}modification_ts ${TS},
    ${timers(f)}
    user_context LONGTEXT DEFAULT NULL,
    valid_lifetime INT(10) DEFAULT NULL,
    ${v4 ? 'authoritative TINYINT(1) DEFAULT NULL,\n    ' : ''}${TEE}
    ${v4 ? 'boot_file_name VARCHAR(512) DEFAULT NULL,\n    next_server INT UNSIGNED DEFAULT NULL,\n    server_hostname VARCHAR(512) DEFAULT NULL,' : V6_EXTRA}
    ${NETWORK_TAIL}
    UNIQUE INDEX name_UNIQUE (name),
    INDEX key_${d}_shared_network_modification_ts (modification_ts)
  ) ${ENGINE}`,
    link(
      f,
      'shared_network',
      'shared_network_id',
      'BIGINT UNSIGNED',
      sfx(`fk_${d}_shared_network_server_server_id`),
      `${d}_shared_network (id) ${CASCADE_NA}`,
    ),
    `CREATE TABLE ${d}_subnet (
    subnet_id INT UNSIGNED NOT NULL PRIMARY KEY,
    subnet_prefix VARCHAR(${v4 ? 32 : 64}) NOT NULL,
    ${v4 ? '`4o6_interface` VARCHAR(128) DEFAULT NULL,\n    `4o6_interface_id` VARCHAR(128) DEFAULT NULL,\n    `4o6_subnet` VARCHAR(64) DEFAULT NULL,\n    boot_file_name VARCHAR(512) DEFAULT NULL,\n    ' : ''}client_class ${NAME},
    interface ${NAME},
    ${v4 ? `match_client_id TINYINT(1) DEFAULT NULL,\n    modification_ts ${TS},\n    next_server INT UNSIGNED DEFAULT NULL,` : 'modification_ts TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,'}
    ${timers(f)}
    ${v4 ? 'server_hostname VARCHAR(512) DEFAULT NULL,\n    ' : ''}shared_network_name ${NAME},
    user_context LONGTEXT DEFAULT NULL,
    valid_lifetime INT(10) DEFAULT NULL,
    ${v4 ? 'authoritative TINYINT(1) DEFAULT NULL,\n    ' : ''}${TEE}
    ${v4 ? '' : V6_EXTRA}
    ${NETWORK_TAIL}
    ${v4 ? 'UNIQUE INDEX subnet4_subnet_prefix (subnet_prefix),' : 'UNIQUE INDEX subnet_prefix_UNIQUE (subnet_prefix),\n    INDEX subnet6_subnet_prefix (subnet_prefix),'}
    INDEX fk_${d}_subnet_shared_network (shared_network_name),
    INDEX key_${d}_subnet_modification_ts (modification_ts),
    CONSTRAINT fk_${d}_subnet_shared_network FOREIGN KEY (shared_network_name)
      REFERENCES ${d}_shared_network (name) ON DELETE NO ACTION ON UPDATE NO ACTION
  ) ${ENGINE}`,
    link(
      f,
      'subnet',
      'subnet_id',
      'INT UNSIGNED',
      v4 ? 'fk_dhcp4_subnet_server_server_id_idx' : 'fk_dhcp6_subnet_server_server_id',
      `${d}_subnet (subnet_id) ${BOTH}`,
    ),
    pool(f, 'pool'),
    ...(v4 ? [] : [pool(f, 'pd_pool')]),
    link(
      f,
      'options',
      'option_id',
      'BIGINT UNSIGNED',
      sfx(`fk_${d}_options_server_server_id`),
      `${d}_options (option_id) ${CASCADE_NA}`,
    ),
    `ALTER TABLE ${d}_options
    ADD CONSTRAINT fk_${d}_options_client_class FOREIGN KEY (dhcp_client_class)
      REFERENCES ${d}_client_class (name) ${BOTH},
    ADD CONSTRAINT fk_${d}_options_pool FOREIGN KEY (pool_id) REFERENCES ${d}_pool (id) ${BOTH},${
      v4
        ? ''
        : `\n    ADD CONSTRAINT fk_dhcp6_options_pd_pool FOREIGN KEY (pd_pool_id) REFERENCES dhcp6_pd_pool (id) ${BOTH},`
    }
    ADD CONSTRAINT fk_${d}_options_shared_network FOREIGN KEY (shared_network_name)
      REFERENCES ${d}_shared_network (name) ${BOTH},
    ADD CONSTRAINT fk_${d}_options_subnet FOREIGN KEY (${d}_subnet_id) REFERENCES ${d}_subnet (subnet_id) ${BOTH}`,
  ];
}

/** An address pool (start/end) or, for v6, a prefix-delegation pool of a subnet. */
function pool(f: Family, kind: 'pool' | 'pd_pool'): string {
  const t = `dhcp${f}_${kind}`;
  const address = f === 4 ? 'INT UNSIGNED' : 'VARCHAR(45)';
  const range =
    kind === 'pool'
      ? `start_address ${address} NOT NULL,\n    end_address ${address} NOT NULL,`
      : 'prefix VARCHAR(45) NOT NULL,\n    prefix_length TINYINT(3) NOT NULL,\n    delegated_prefix_length TINYINT(3) NOT NULL,';
  const excluded =
    kind === 'pd_pool'
      ? '\n    excluded_prefix VARCHAR(45) DEFAULT NULL,\n    excluded_prefix_length TINYINT(3) NOT NULL,'
      : '';
  return `CREATE TABLE ${t} (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    ${range}
    subnet_id INT UNSIGNED NOT NULL,
    modification_ts ${TS},${excluded}
    client_class ${NAME},
    require_client_classes LONGTEXT DEFAULT NULL,
    user_context LONGTEXT DEFAULT NULL,
    INDEX key_${t}_modification_ts (modification_ts),
    INDEX fk_${t}_subnet_id (subnet_id),
    CONSTRAINT fk_${t}_subnet_id FOREIGN KEY (subnet_id) REFERENCES dhcp${f}_subnet (subnet_id)
      ON DELETE NO ACTION ON UPDATE CASCADE
  ) ${ENGINE}`;
}

const EVENT = {
  AINS: 'AFTER INSERT',
  AUPD: 'AFTER UPDATE',
  ADEL: 'AFTER DELETE',
  BDEL: 'BEFORE DELETE',
  BINS: 'BEFORE INSERT',
};
type Op = keyof typeof EVENT;

function trigger(name: string, table: string, op: Op, body: string): string {
  return `CREATE TRIGGER ${name}_${op} ${EVENT[op]} ON ${table} FOR EACH ROW BEGIN\n  ${body}\nEND`;
}

/** The three audit triggers of an object table (the delete one BEFORE where cleanup must precede it). */
function audited(f: Family, table: string, key: string, del: 'ADEL' | 'BDEL', cleanup = ''): string[] {
  const t = `dhcp${f}_${table}`;
  const entry = (row: string, kind: string) =>
    `CALL createAuditEntryDHCP${f}('${t}', ${row}.${key}, '${kind}');`;
  return [
    trigger(t, t, 'AINS', entry('NEW', 'create')),
    trigger(t, t, 'AUPD', entry('NEW', 'update')),
    trigger(t, t, del, entry('OLD', 'delete') + cleanup),
  ];
}

function routines(f: Family): string[] {
  const d = `dhcp${f}`;
  const v = `DHCPv${f}`;
  const v6 = f === 6;
  const optionCall = (row: 'NEW' | 'OLD', kind: string, ts: string) =>
    `CALL createOptionAuditDHCP${f}('${kind}', ${row}.scope_id, ${row}.option_id, ${row}.${d}_subnet_id, ${row}.host_id,
    ${row}.shared_network_name, ${row}.pool_id, ${v6 ? `${row}.pd_pool_id, ` : ''}${ts});`;
  return [
    `CREATE PROCEDURE createAuditRevisionDHCP${f}(IN audit_ts TIMESTAMP, IN server_tag VARCHAR(256),
    IN audit_log_message TEXT, IN cascade_transaction TINYINT(1))
  BEGIN
    IF COALESCE(@disable_audit, 0) = 0 THEN
      INSERT INTO ${d}_audit_revision (modification_ts, server_id, log_message)
        VALUES (audit_ts, (SELECT id FROM ${d}_server WHERE tag = server_tag), audit_log_message);
      SET @audit_revision_id = LAST_INSERT_ID();
      SET @cascade_transaction = cascade_transaction;
    END IF;
  END`,
    `CREATE PROCEDURE createAuditEntryDHCP${f}(IN object_type_val VARCHAR(256), IN object_id_val BIGINT UNSIGNED,
    IN modification_type_val VARCHAR(32))
  BEGIN
    IF COALESCE(@disable_audit, 0) = 0 THEN
      INSERT INTO ${d}_audit (object_type, object_id, modification_type, revision_id)
        VALUES (object_type_val, object_id_val,
          (SELECT m.id FROM modification m WHERE m.modification_type = modification_type_val), @audit_revision_id);
    END IF;
  END`,
    // An option change is audited as a change of what owns it: a global option itself, else the
    // subnet, shared network or pool's subnet (its modification time moves, so its own update
    // trigger writes the entry); host options are not configuration-backend objects.
    `CREATE PROCEDURE createOptionAuditDHCP${f}(IN modification_type VARCHAR(32), IN scope_id TINYINT UNSIGNED,
    IN option_id BIGINT UNSIGNED, IN subnet_id INT UNSIGNED, IN host_id INT UNSIGNED, IN network_name VARCHAR(128),
    IN pool_id BIGINT(20),${v6 ? ' IN pd_pool_id BIGINT(20),' : ''} IN modification_ts TIMESTAMP)
  BEGIN
    DECLARE owner_subnet INT UNSIGNED DEFAULT NULL;
    IF COALESCE(@cascade_transaction, 0) = 0 THEN
      CASE scope_id
        WHEN 0 THEN CALL createAuditEntryDHCP${f}('${d}_options', option_id, modification_type);
        WHEN 1 THEN SET owner_subnet = subnet_id;
        WHEN 4 THEN
          UPDATE ${d}_shared_network n SET n.modification_ts = modification_ts
            WHERE n.id = (SELECT s.id FROM ${d}_shared_network s WHERE s.name = network_name LIMIT 1);
        WHEN 5 THEN SET owner_subnet = (SELECT p.subnet_id FROM ${d}_pool p WHERE p.id = pool_id);${
          v6
            ? '\n        WHEN 6 THEN SET owner_subnet = (SELECT p.subnet_id FROM dhcp6_pd_pool p WHERE p.id = pd_pool_id);'
            : ''
        }
        ELSE BEGIN END;
      END CASE;
      IF owner_subnet IS NOT NULL THEN
        UPDATE ${d}_subnet s SET s.modification_ts = modification_ts WHERE s.subnet_id = owner_subnet;
      END IF;
    END IF;
  END`,
    `CREATE PROCEDURE setClientClass${f}Order(IN id BIGINT UNSIGNED, IN follow_class_name VARCHAR(128),
    IN old_follow_class_name VARCHAR(128))
  body: BEGIN
    DECLARE after_index BIGINT UNSIGNED;
    DECLARE msg TEXT;
    SET @depend_on_known_indirectly =
      (SELECT o.depend_on_known_indirectly FROM ${d}_client_class_order o WHERE o.class_id = id);
    IF @depend_on_known_indirectly IS NOT NULL AND follow_class_name <=> old_follow_class_name THEN
      -- Same position: only the indirect dependency is recomputed (by the dependency trigger).
      UPDATE ${d}_client_class_order o SET o.depend_on_known_indirectly = 0 WHERE o.class_id = id;
      LEAVE body;
    END IF;
    IF follow_class_name IS NULL THEN
      SET after_index = COALESCE((SELECT MAX(o.order_index) FROM ${d}_client_class_order o), 0);
    ELSE
      SET after_index = (SELECT o.order_index FROM ${d}_client_class c
        JOIN ${d}_client_class_order o ON o.class_id = c.id WHERE c.name = follow_class_name);
      IF after_index IS NULL THEN
        SET msg = CONCAT('Class ', follow_class_name, ' does not exist.');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = msg;
      END IF;
      IF EXISTS (SELECT 1 FROM ${d}_client_class_order o WHERE o.order_index = after_index + 1) THEN
        UPDATE ${d}_client_class_order o SET o.order_index = o.order_index + 1
          WHERE o.order_index > after_index ORDER BY o.order_index DESC;
      END IF;
    END IF;
    IF EXISTS (SELECT 1 FROM ${d}_client_class_dependency dep
        JOIN ${d}_client_class_order o ON o.class_id = dep.class_id
        WHERE dep.dependency_id = id AND o.order_index <= after_index) THEN
      SET msg = CONCAT('Unable to move class with id ', id, ' because it would break its dependencies');
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = msg;
    END IF;
    REPLACE INTO ${d}_client_class_order (class_id, order_index, depend_on_known_indirectly)
      VALUES (id, after_index + 1, 0);
  END`,
    `CREATE PROCEDURE check${v}ClientClassDependency(IN class_id BIGINT UNSIGNED, IN dependency_id BIGINT UNSIGNED)
  BEGIN
    DECLARE class_index BIGINT UNSIGNED;
    DECLARE dependency_index BIGINT UNSIGNED;
    DECLARE msg TEXT;
    IF class_id IS NULL THEN
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Client class id must not be NULL.';
    END IF;
    IF dependency_id IS NULL THEN
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Class dependency id must not be NULL.';
    END IF;
    IF class_id = dependency_id THEN
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Client class must not have dependency on self.';
    END IF;
    SET class_index = (SELECT o.order_index FROM ${d}_client_class_order o WHERE o.class_id = class_id);
    IF class_index IS NULL THEN
      SET msg = CONCAT('Client class with id ', class_id, ' does not exist.');
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = msg;
    END IF;
    SET dependency_index = (SELECT o.order_index FROM ${d}_client_class_order o WHERE o.class_id = dependency_id);
    IF dependency_index IS NULL THEN
      SET msg = CONCAT('Client class with id ', dependency_id, ' does not exist.');
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = msg;
    END IF;
    IF dependency_index > class_index THEN
      SET msg = CONCAT('Client class with id ', class_id, ' must not depend on class defined later with id ',
        dependency_id);
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = msg;
    END IF;
    -- Each server of the class must see the dependency (directly or through 'all').
    IF EXISTS (SELECT 1 FROM ${d}_client_class_server s WHERE s.class_id = class_id
        AND NOT EXISTS (SELECT 1 FROM ${d}_client_class_server t WHERE t.class_id = dependency_id
          AND (t.server_id = 1 OR t.server_id = s.server_id))) THEN
      SET msg = CONCAT('Unmet dependencies for client class with id ', class_id);
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = msg;
    END IF;
  END`,
    `CREATE PROCEDURE update${v}ClientClassKnownDependency(IN client_class_id BIGINT UNSIGNED,
    IN dependency_id BIGINT UNSIGNED)
  BEGIN
    DECLARE known TINYINT;
    SET known = (SELECT c.depend_on_known_directly FROM ${d}_client_class c WHERE c.id = dependency_id);
    IF known = 0 THEN
      SET known = (SELECT o.depend_on_known_indirectly FROM ${d}_client_class_order o
        WHERE o.class_id = dependency_id);
    END IF;
    IF known <> 0 THEN
      UPDATE ${d}_client_class_order o SET o.depend_on_known_indirectly = 1 WHERE o.class_id = client_class_id;
    END IF;
  END`,
    `CREATE PROCEDURE check${v}ClientClassKnownDependencyChange()
  BEGIN
    DECLARE was_known TINYINT DEFAULT 0;
    DECLARE is_known TINYINT DEFAULT 0;
    IF @client_class_id IS NOT NULL AND EXISTS (SELECT 1 FROM ${d}_client_class_dependency dep
        WHERE dep.dependency_id = @client_class_id) THEN
      IF @depend_on_known_directly <> 0 OR @depend_on_known_indirectly <> 0 THEN
        SET was_known = 1;
      END IF;
      SET is_known = (SELECT c.depend_on_known_directly FROM ${d}_client_class c WHERE c.id = @client_class_id);
      IF is_known = 0 THEN
        SET is_known = (SELECT o.depend_on_known_indirectly FROM ${d}_client_class_order o
          WHERE o.class_id = @client_class_id);
      END IF;
      IF was_known <> is_known THEN
        SIGNAL SQLSTATE '45000'
          SET MESSAGE_TEXT = 'Class dependency on KNOWN/UNKNOWN built-in classes must not change.';
      END IF;
    END IF;
  END`,
    ...audited(f, 'server', 'id', 'ADEL'),
    ...audited(f, 'global_parameter', 'id', 'ADEL'),
    ...audited(f, 'option_def', 'id', 'ADEL'),
    ...audited(
      f,
      'subnet',
      'subnet_id',
      'BDEL',
      `\n  DELETE FROM ${d}_pool WHERE subnet_id = OLD.subnet_id;${v6 ? '\n  DELETE FROM dhcp6_pd_pool WHERE subnet_id = OLD.subnet_id;' : ''}\n  DELETE FROM ${d}_options WHERE ${d}_subnet_id = OLD.subnet_id;`,
    ),
    ...audited(
      f,
      'shared_network',
      'id',
      'BDEL',
      `\n  UPDATE ${d}_subnet SET shared_network_name = NULL WHERE shared_network_name = OLD.name;\n  DELETE FROM ${d}_options WHERE shared_network_name = OLD.name;`,
    ),
    trigger(`${d}_options`, `${d}_options`, 'AINS', optionCall('NEW', 'create', 'NEW.modification_ts')),
    trigger(`${d}_options`, `${d}_options`, 'AUPD', optionCall('NEW', 'update', 'NEW.modification_ts')),
    trigger(`${d}_options`, `${d}_options`, 'ADEL', optionCall('OLD', 'delete', 'NOW()')),
    trigger(
      `${d}_pool`,
      `${d}_pool`,
      'BDEL',
      `DELETE FROM ${d}_options WHERE scope_id = 5 AND pool_id = OLD.id;`,
    ),
    ...(v6
      ? [
          trigger(
            'dhcp6_pd_pool',
            'dhcp6_pd_pool',
            'BDEL',
            'DELETE FROM dhcp6_options WHERE scope_id = 6 AND pd_pool_id = OLD.id;',
          ),
        ]
      : []),
    trigger(
      `${d}_client_class`,
      `${d}_client_class`,
      'AINS',
      `CALL setClientClass${f}Order(NEW.id, NEW.follow_class_name, NULL);
  CALL createAuditEntryDHCP${f}('${d}_client_class', NEW.id, 'create');`,
    ),
    trigger(
      `${d}_client_class`,
      `${d}_client_class`,
      'AUPD',
      `SET @depend_on_known_directly = OLD.depend_on_known_directly;
  SET @client_class_id = NEW.id;
  CALL setClientClass${f}Order(NEW.id, NEW.follow_class_name, OLD.follow_class_name);
  CALL createAuditEntryDHCP${f}('${d}_client_class', NEW.id, 'update');`,
    ),
    trigger(
      `${d}_client_class`,
      `${d}_client_class`,
      'ADEL',
      `CALL createAuditEntryDHCP${f}('${d}_client_class', OLD.id, 'delete');`,
    ),
    trigger(
      `${d}_client_class_check_dependency`,
      `${d}_client_class_dependency`,
      'BINS',
      `CALL check${v}ClientClassDependency(NEW.class_id, NEW.dependency_id);`,
    ),
    trigger(
      `${d}_client_class_dependency`,
      `${d}_client_class_dependency`,
      'AINS',
      `CALL update${v}ClientClassKnownDependency(NEW.class_id, NEW.dependency_id);`,
    ),
  ];
}

/** Statements db-init runs after the host tables. */
export const CONFIG_BACKEND: readonly string[] = [
  ...COMMON,
  ...tables(4),
  ...tables(6),
  ...routines(4),
  ...routines(6),
];
