// The lease part of Kea 2.2's MySQL schema (version 14.0), written for this project: the same
// tables, columns, types, keys and indexes as `kea-admin db-init mysql`, the lookup rows, the
// statistics triggers Kea's daemons read lease counts from, the lease-limit functions of the limits
// hook, and the dump/upload procedures real `kea-admin lease-dump`/`lease-upload` call. One string a
// statement, so no DELIMITER juggling is needed. Host tables: host-schema-sql.ts; configuration-backend
// tables: cb-schema-sql.ts. One column and index are our own (see lease6).

import { CONFIG_BACKEND } from './cb-schema-sql.js';
import { HOSTS } from './host-schema-sql.js';

export const MYSQL_SCHEMA_VERSION: readonly [number, number] = [14, 0];

const ENGINE = 'ENGINE = InnoDB';

const TABLES = [
  `CREATE TABLE schema_version (version INT PRIMARY KEY NOT NULL, minor INT) ${ENGINE}`,
  'INSERT INTO schema_version VALUES (14, 0)',
  `CREATE TABLE lease_state (state INT UNSIGNED PRIMARY KEY NOT NULL, name VARCHAR(64) NOT NULL) ${ENGINE}`,
  "INSERT INTO lease_state VALUES (0, 'default'), (1, 'declined'), (2, 'expired-reclaimed')",
  `CREATE TABLE lease6_types (lease_type TINYINT PRIMARY KEY NOT NULL, name VARCHAR(5)) ${ENGINE}`,
  "INSERT INTO lease6_types VALUES (0, 'IA_NA'), (1, 'IA_TA'), (2, 'IA_PD')",
  `CREATE TABLE lease_hwaddr_source (hwaddr_source INT UNSIGNED PRIMARY KEY NOT NULL, name VARCHAR(40)) ${ENGINE}`,
  `INSERT INTO lease_hwaddr_source VALUES
    (0, 'HWADDR_SOURCE_UNKNOWN'), (1, 'HWADDR_SOURCE_RAW'), (2, 'HWADDR_SOURCE_IPV6_LINK_LOCAL'),
    (4, 'HWADDR_SOURCE_DUID'), (8, 'HWADDR_SOURCE_CLIENT_ADDR_RELAY_OPTION'), (16, 'HWADDR_SOURCE_REMOTE_ID'),
    (32, 'HWADDR_SOURCE_SUBSCRIBER_ID'), (64, 'HWADDR_SOURCE_DOCSIS_CMTS'), (128, 'HWADDR_SOURCE_DOCSIS_MODEM')`,
  `CREATE TABLE lease4 (
    address INT UNSIGNED PRIMARY KEY NOT NULL,
    hwaddr VARBINARY(20),
    client_id VARBINARY(128),
    valid_lifetime INT UNSIGNED,
    expire TIMESTAMP NULL DEFAULT NULL,
    subnet_id INT UNSIGNED,
    fqdn_fwd BOOL,
    fqdn_rev BOOL,
    hostname VARCHAR(255),
    state INT UNSIGNED DEFAULT 0,
    user_context TEXT,
    INDEX lease4_by_hwaddr_subnet_id (hwaddr, subnet_id),
    INDEX lease4_by_client_id_subnet_id (client_id, subnet_id),
    INDEX lease4_by_subnet_id (subnet_id),
    INDEX lease4_by_hostname (hostname),
    INDEX lease4_by_expire_state (expire, state),
    CONSTRAINT fk_lease4_state FOREIGN KEY (state) REFERENCES lease_state (state)
  ) ${ENGINE}`,
  `CREATE TABLE lease6 (
    address VARCHAR(39) PRIMARY KEY NOT NULL,
    duid VARBINARY(128),
    valid_lifetime INT UNSIGNED,
    expire TIMESTAMP NULL DEFAULT NULL,
    subnet_id INT UNSIGNED,
    pref_lifetime INT UNSIGNED,
    lease_type TINYINT,
    iaid INT UNSIGNED,
    prefix_len TINYINT UNSIGNED,
    fqdn_fwd BOOL,
    fqdn_rev BOOL,
    hostname VARCHAR(255),
    hwaddr VARBINARY(20),
    hwtype SMALLINT UNSIGNED,
    hwaddr_source INT UNSIGNED,
    state INT UNSIGNED DEFAULT 0,
    user_context TEXT,
    -- Ours, not Kea's (invisible to SELECT * and column-less INSERTs): Kea 2.2 keeps v6 addresses as
    -- text, and paging in address order (the allocator's pool survey) needs an index on the address.
    address_order VARBINARY(16) AS (INET6_ATON(address)) VIRTUAL INVISIBLE,
    INDEX lease6_by_address_order (address_order),
    INDEX lease6_by_subnet_id_lease_type (subnet_id, lease_type),
    INDEX lease6_by_duid_iaid_subnet_id (duid, iaid, subnet_id),
    INDEX lease6_by_hostname (hostname),
    INDEX lease6_by_expire_state (expire, state),
    CONSTRAINT fk_lease6_type FOREIGN KEY (lease_type) REFERENCES lease6_types (lease_type),
    CONSTRAINT fk_lease6_hwaddr_source FOREIGN KEY (hwaddr_source) REFERENCES lease_hwaddr_source (hwaddr_source),
    CONSTRAINT fk_lease6_state FOREIGN KEY (state) REFERENCES lease_state (state)
  ) ${ENGINE}`,
  `CREATE TABLE lease4_stat (
    subnet_id INT UNSIGNED NOT NULL, state INT UNSIGNED NOT NULL, leases BIGINT,
    PRIMARY KEY (subnet_id, state)
  ) ${ENGINE}`,
  `CREATE TABLE lease6_stat (
    subnet_id INT UNSIGNED NOT NULL, lease_type INT UNSIGNED NOT NULL, state INT UNSIGNED NOT NULL, leases BIGINT,
    PRIMARY KEY (subnet_id, lease_type, state)
  ) ${ENGINE}`,
  `CREATE TABLE lease4_stat_by_client_class (
    client_class VARCHAR(128) NOT NULL PRIMARY KEY, leases BIGINT UNSIGNED NOT NULL
  ) ${ENGINE}`,
  `CREATE TABLE lease6_stat_by_client_class (
    client_class VARCHAR(128) NOT NULL, lease_type TINYINT NOT NULL, leases BIGINT UNSIGNED NOT NULL,
    PRIMARY KEY (client_class, lease_type),
    CONSTRAINT fk_lease6_stat_by_client_class_lease_type FOREIGN KEY (lease_type)
      REFERENCES lease6_types (lease_type)
  ) ${ENGINE}`,
];

// States 0 and 1 count per subnet (and type); state 0 also counts per client class of the user
// context's ISC.client-classes. A removal only lowers an existing count, never below 0.
function counter(family: 4 | 6): string[] {
  const t = family === 6;
  const typeArg = t ? ', lt TINYINT' : '';
  const typeCol = t ? ', lease_type' : '';
  const typeVal = t ? ', lt' : '';
  const typeCond = t ? ' AND lease_type = lt' : '';
  return [
    `CREATE PROCEDURE lease${family}_count(sid INT UNSIGNED${typeArg}, st INT UNSIGNED, ctx TEXT, delta INT)
    BEGIN
      DECLARE classes TEXT;
      DECLARE i INT DEFAULT 0;
      DECLARE n INT;
      DECLARE c VARCHAR(128);
      IF st IN (0, 1) THEN
        IF delta > 0 THEN
          INSERT INTO lease${family}_stat (subnet_id${typeCol}, state, leases) VALUES (sid${typeVal}, st, 1)
            ON DUPLICATE KEY UPDATE leases = leases + 1;
        ELSE
          UPDATE lease${family}_stat SET leases = IF(leases > 0, leases - 1, 0)
            WHERE subnet_id = sid${typeCond} AND state = st;
        END IF;
      END IF;
      IF st = 0 AND ctx IS NOT NULL AND JSON_VALID(ctx) THEN
        SET classes = JSON_EXTRACT(ctx, '$."ISC"."client-classes"');
        SET n = IFNULL(JSON_LENGTH(classes), 0);
        WHILE i < n DO
          SET c = JSON_UNQUOTE(JSON_EXTRACT(classes, CONCAT('$[', i, ']')));
          IF delta > 0 THEN
            INSERT INTO lease${family}_stat_by_client_class (client_class${typeCol}, leases) VALUES (c${typeVal}, 1)
              ON DUPLICATE KEY UPDATE leases = leases + 1;
          ELSE
            UPDATE lease${family}_stat_by_client_class SET leases = IF(leases > 0, leases - 1, 0)
              WHERE client_class = c${typeCond};
          END IF;
          SET i = i + 1;
        END WHILE;
      END IF;
    END`,
    `CREATE TRIGGER lease${family}_AINS AFTER INSERT ON lease${family} FOR EACH ROW
      CALL lease${family}_count(NEW.subnet_id${t ? ', NEW.lease_type' : ''}, NEW.state, NEW.user_context, 1)`,
    `CREATE TRIGGER lease${family}_ADEL AFTER DELETE ON lease${family} FOR EACH ROW
      CALL lease${family}_count(OLD.subnet_id${t ? ', OLD.lease_type' : ''}, OLD.state, OLD.user_context, -1)`,
    `CREATE TRIGGER lease${family}_AUPD AFTER UPDATE ON lease${family} FOR EACH ROW
    BEGIN
      IF NOT (OLD.subnet_id <=> NEW.subnet_id AND OLD.state <=> NEW.state
              AND OLD.user_context <=> NEW.user_context${t ? ' AND OLD.lease_type <=> NEW.lease_type' : ''}) THEN
        CALL lease${family}_count(OLD.subnet_id${t ? ', OLD.lease_type' : ''}, OLD.state, OLD.user_context, -1);
        CALL lease${family}_count(NEW.subnet_id${t ? ', NEW.lease_type' : ''}, NEW.state, NEW.user_context, 1);
      END IF;
    END`,
  ];
}

// '' means "within limits"; otherwise the text the limits hook logs.
function limits(family: 4 | 6): string {
  const kinds =
    family === 4
      ? [['address', 0]]
      : [
          ['address', 0],
          ['prefix', 2],
        ];
  const classChecks = kinds
    .map(
      ([kind, lt]) => `
        SET lim = JSON_EXTRACT(cls, '$."${kind}-limit"');
        IF lim IS NOT NULL THEN
          SET cnt = IFNULL((SELECT leases FROM lease${family}_stat_by_client_class
                            WHERE client_class = nm${family === 6 ? ` AND lease_type = ${lt}` : ''}), 0);
          IF lim <= cnt THEN
            RETURN CONCAT('${kind} limit ', lim, ' for client class "', nm, '", current lease count ', cnt);
          END IF;
        END IF;`,
    )
    .join('');
  const subnetChecks = kinds
    .map(
      ([kind, lt]) => `
      SET lim = JSON_EXTRACT(user_context, '$."ISC"."limits"."subnet"."${kind}-limit"');
      IF lim IS NOT NULL THEN
        SET cnt = IFNULL((SELECT leases FROM lease${family}_stat
                          WHERE subnet_id = sid${family === 6 ? ` AND lease_type = ${lt}` : ''} AND state = 0), 0);
        IF lim <= cnt THEN
          RETURN CONCAT('${kind} limit ', lim, ' for subnet ID ', sid, ', current lease count ', cnt);
        END IF;
      END IF;`,
    )
    .join('');
  return `CREATE FUNCTION checkLease${family}Limits(user_context TEXT) RETURNS TEXT READS SQL DATA
    BEGIN
      DECLARE classes TEXT;
      DECLARE cls TEXT;
      DECLARE nm VARCHAR(255);
      DECLARE i INT DEFAULT 0;
      DECLARE n INT;
      DECLARE sid BIGINT;
      DECLARE lim BIGINT;
      DECLARE cnt BIGINT;
      SET classes = JSON_EXTRACT(user_context, '$."ISC"."limits"."client-classes"');
      SET n = IFNULL(JSON_LENGTH(classes), 0);
      WHILE i < n DO
        SET cls = JSON_EXTRACT(classes, CONCAT('$[', i, ']'));
        SET nm = JSON_UNQUOTE(JSON_EXTRACT(cls, '$.name'));${classChecks}
        SET i = i + 1;
      END WHILE;
      SET sid = JSON_EXTRACT(user_context, '$."ISC"."limits"."subnet"."id"');${subnetChecks}
      RETURN '';
    END`;
}

// kea-admin lease-dump runs `CALL leaseNDumpHeader(); CALL leaseNDumpData();` through `mysql -N -B`
// and turns tabs into commas, which makes the memfile CSV: hex bytes colon-separated, commas in
// text escaped as '&#x2c'.
const DUMP = [
  `CREATE FUNCTION colonSeparatedHex(hex VARCHAR(64)) RETURNS VARCHAR(64) DETERMINISTIC
    BEGIN
      DECLARE out_text VARCHAR(64) DEFAULT '';
      DECLARE i INT DEFAULT 1;
      IF hex IS NULL THEN RETURN NULL; END IF;
      IF LENGTH(hex) % 2 = 1 THEN SET hex = CONCAT('0', hex); END IF;
      SET out_text = SUBSTR(hex, 1, 2);
      SET i = 3;
      WHILE i < LENGTH(hex) DO
        SET out_text = CONCAT(out_text, ':', SUBSTR(hex, i, 2));
        SET i = i + 2;
      END WHILE;
      RETURN LOWER(out_text);
    END`,
  `CREATE FUNCTION isJsonSupported() RETURNS BOOL DETERMINISTIC RETURN true`,
  `CREATE PROCEDURE lease4DumpHeader()
    SELECT 'address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context'`,
  `CREATE PROCEDURE lease4DumpData()
    SELECT INET_NTOA(address), IFNULL(colonSeparatedHex(HEX(hwaddr)), ''),
      IFNULL(colonSeparatedHex(HEX(client_id)), ''), valid_lifetime, UNIX_TIMESTAMP(expire), subnet_id,
      fqdn_fwd, fqdn_rev, REPLACE(hostname, ',', '&#x2c'), state, REPLACE(IFNULL(user_context, ''), ',', '&#x2c')
    FROM lease4 ORDER BY address`,
  `CREATE PROCEDURE lease6DumpHeader()
    SELECT CONCAT('address,duid,valid_lifetime,expire,subnet_id,pref_lifetime,lease_type,iaid,prefix_len,',
      'fqdn_fwd,fqdn_rev,hostname,hwaddr,state,user_context,hwtype,hwaddr_source')`,
  `CREATE PROCEDURE lease6DumpData()
    SELECT address, IFNULL(colonSeparatedHex(HEX(duid)), ''), valid_lifetime, UNIX_TIMESTAMP(expire),
      subnet_id, pref_lifetime, lease_type, iaid, prefix_len, fqdn_fwd, fqdn_rev,
      REPLACE(hostname, ',', '&#x2c'), IFNULL(colonSeparatedHex(HEX(hwaddr)), ''), state,
      REPLACE(IFNULL(user_context, ''), ',', '&#x2c'), hwtype, hwaddr_source
    FROM lease6 ORDER BY address`,
  `CREATE PROCEDURE lease4Upload(IN address VARCHAR(15), IN hwaddr VARCHAR(20), IN client_id VARCHAR(128),
      IN valid_lifetime INT UNSIGNED, IN expire BIGINT UNSIGNED, IN subnet_id INT UNSIGNED, IN fqdn_fwd TINYINT,
      IN fqdn_rev TINYINT, IN hostname VARCHAR(255), IN state INT UNSIGNED, IN user_context TEXT)
    INSERT INTO lease4 (address, hwaddr, client_id, valid_lifetime, expire, subnet_id, fqdn_fwd, fqdn_rev,
      hostname, state, user_context)
    VALUES (INET_ATON(address), UNHEX(REPLACE(hwaddr, ':', '')), UNHEX(REPLACE(client_id, ':', '')),
      valid_lifetime, FROM_UNIXTIME(expire), subnet_id, fqdn_fwd, fqdn_rev, REPLACE(hostname, '&#x2c', ','),
      state, REPLACE(user_context, '&#x2c', ','))`,
  `CREATE PROCEDURE lease6Upload(IN address VARCHAR(39), IN duid VARCHAR(128), IN valid_lifetime INT UNSIGNED,
      IN expire BIGINT UNSIGNED, IN subnet_id INT UNSIGNED, IN pref_lifetime INT UNSIGNED, IN lease_type TINYINT,
      IN iaid INT UNSIGNED, IN prefix_len TINYINT UNSIGNED, IN fqdn_fwd TINYINT, IN fqdn_rev TINYINT,
      IN hostname VARCHAR(255), IN hwaddr VARCHAR(64), IN state INT UNSIGNED, IN user_context TEXT,
      IN hwtype SMALLINT, IN hwaddr_source INT UNSIGNED)
    INSERT INTO lease6 (address, duid, valid_lifetime, expire, subnet_id, pref_lifetime, lease_type, iaid,
      prefix_len, fqdn_fwd, fqdn_rev, hostname, hwaddr, state, user_context, hwtype, hwaddr_source)
    VALUES (address, UNHEX(REPLACE(duid, ':', '')), valid_lifetime, FROM_UNIXTIME(expire), subnet_id,
      pref_lifetime, lease_type, iaid, prefix_len, fqdn_fwd, fqdn_rev, REPLACE(hostname, '&#x2c', ','),
      UNHEX(REPLACE(hwaddr, ':', '')), state, REPLACE(user_context, '&#x2c', ','), hwtype, hwaddr_source)`,
];

/** The statements db-init runs, in order. */
export const MYSQL_CREATE_STATEMENTS: readonly string[] = [
  ...TABLES,
  ...counter(4),
  ...counter(6),
  limits(4),
  limits(6),
  ...DUMP,
  ...HOSTS,
  ...CONFIG_BACKEND,
];
