// The host-reservation part of Kea 2.2's MySQL schema (14.0), written for this project: the tables
// kea-dhcp4/kea-dhcp6 read with hosts-database (hosts, ipv6_reservations, dhcp4_options,
// dhcp6_options) and their lookup tables, with Kea's columns, types, keys and indexes. Kea's option
// tables also carry the configuration backend's columns (shared network, pool, client class,
// modification time); their keys to the configuration-backend tables and their audit triggers come
// with those tables (cb-schema-sql.ts).
const ENGINE = 'ENGINE = InnoDB';

/** The option table of one family: v4 codes are TINYINT, v6 ones SMALLINT; v6 has pd_pool_id. */
function optionTable(family: 4 | 6): string {
  const v6 = family === 6;
  return `CREATE TABLE dhcp${family}_options (
    option_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    code ${v6 ? 'SMALLINT' : 'TINYINT'} UNSIGNED NOT NULL,
    value BLOB NULL,
    formatted_value TEXT NULL,
    space VARCHAR(128) NULL,
    persistent TINYINT(1) NOT NULL DEFAULT 0,
    dhcp_client_class VARCHAR(128) NULL,
    dhcp${family}_subnet_id INT UNSIGNED NULL,
    host_id INT UNSIGNED NULL,
    scope_id TINYINT UNSIGNED NOT NULL,
    user_context TEXT NULL,
    shared_network_name VARCHAR(128) DEFAULT NULL,
    pool_id BIGINT UNSIGNED DEFAULT NULL,
    ${v6 ? 'pd_pool_id BIGINT UNSIGNED DEFAULT NULL,' : ''}
    modification_ts TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE INDEX option_id_UNIQUE (option_id),
    INDEX fk_options_host1_idx (host_id),
    INDEX fk_dhcp${family}_option_scope (scope_id),
    INDEX fk_dhcp${family}_options_shared_network (shared_network_name),
    INDEX fk_dhcp${family}_options_subnet (dhcp${family}_subnet_id),
    INDEX fk_dhcp${family}_options_pool (pool_id),
    ${v6 ? 'INDEX fk_dhcp6_options_pd_pool (pd_pool_id),' : ''}
    INDEX fk_dhcp${family}_options_client_class (dhcp_client_class),
    CONSTRAINT fk_dhcp${family}_option_scope FOREIGN KEY (scope_id) REFERENCES dhcp_option_scope (scope_id),
    CONSTRAINT fk_dhcp${family}_options_Host FOREIGN KEY (host_id) REFERENCES hosts (host_id)
      ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT fk_options_host${v6 ? '10' : '1'} FOREIGN KEY (host_id) REFERENCES hosts (host_id)
      ON DELETE NO ACTION ON UPDATE NO ACTION
  ) ${ENGINE}`;
}

export const HOSTS: readonly string[] = [
  `CREATE TABLE host_identifier_type (type TINYINT PRIMARY KEY NOT NULL, name VARCHAR(32)) ${ENGINE}`,
  "INSERT INTO host_identifier_type VALUES (0, 'hw-address'), (1, 'duid'), (2, 'circuit-id'), (3, 'client-id'), (4, 'flex-id')",
  `CREATE TABLE dhcp_option_scope (scope_id TINYINT UNSIGNED PRIMARY KEY NOT NULL, scope_name VARCHAR(32)) ${ENGINE}`,
  `INSERT INTO dhcp_option_scope VALUES (0, 'global'), (1, 'subnet'), (2, 'client-class'), (3, 'host'),
    (4, 'shared-network'), (5, 'pool'), (6, 'pd-pool')`,
  `CREATE TABLE hosts (
    host_id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    dhcp_identifier VARBINARY(128) NOT NULL,
    dhcp_identifier_type TINYINT NOT NULL,
    dhcp4_subnet_id INT UNSIGNED NULL,
    dhcp6_subnet_id INT UNSIGNED NULL,
    ipv4_address INT UNSIGNED NULL,
    hostname VARCHAR(255) NULL,
    dhcp4_client_classes VARCHAR(255) NULL,
    dhcp6_client_classes VARCHAR(255) NULL,
    dhcp4_next_server INT UNSIGNED NULL,
    dhcp4_server_hostname VARCHAR(64) NULL,
    dhcp4_boot_file_name VARCHAR(128) NULL,
    user_context TEXT NULL,
    auth_key VARCHAR(32) NULL,
    UNIQUE INDEX key_dhcp4_identifier_subnet_id (dhcp_identifier, dhcp_identifier_type, dhcp4_subnet_id),
    UNIQUE INDEX key_dhcp6_identifier_subnet_id (dhcp_identifier, dhcp_identifier_type, dhcp6_subnet_id),
    INDEX fk_host_identifier_type (dhcp_identifier_type),
    INDEX hosts_by_hostname (hostname),
    INDEX key_dhcp4_ipv4_address_subnet_id_identifier (ipv4_address, dhcp4_subnet_id),
    CONSTRAINT fk_host_identifier_type FOREIGN KEY (dhcp_identifier_type) REFERENCES host_identifier_type (type)
  ) ${ENGINE}`,
  `CREATE TABLE ipv6_reservations (
    reservation_id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    address VARCHAR(39) NOT NULL,
    prefix_len TINYINT UNSIGNED NOT NULL DEFAULT 128,
    type TINYINT(4) UNSIGNED NOT NULL DEFAULT 0,
    dhcp6_iaid INT UNSIGNED NULL,
    host_id INT UNSIGNED NOT NULL,
    INDEX fk_ipv6_reservations_host_idx (host_id),
    INDEX key_dhcp6_address_prefix_len (address, prefix_len),
    CONSTRAINT fk_ipv6_reservations_Host FOREIGN KEY (host_id) REFERENCES hosts (host_id)
      ON DELETE CASCADE ON UPDATE CASCADE
  ) ${ENGINE}`,
  optionTable(4),
  optionTable(6),
];
