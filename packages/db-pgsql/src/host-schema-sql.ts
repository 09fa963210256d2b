// The host-reservation part of Kea 2.2's PostgreSQL schema (13.0), written for this project: the
// tables kea-dhcp4/kea-dhcp6 read with hosts-database (hosts, ipv6_reservations, dhcp4_options,
// dhcp6_options) and their lookup tables, with Kea's columns, types, keys and indexes. Kea's option
// tables also carry the configuration backend's columns (shared network, pool, modification time);
// their keys to the configuration-backend tables and their audit triggers come with those tables
// (cb-schema-sql.ts).
export const HOSTS = `
CREATE TABLE host_identifier_type (type SMALLINT PRIMARY KEY NOT NULL, name VARCHAR(32) DEFAULT NULL);
INSERT INTO host_identifier_type VALUES
  (0, 'hw-address'), (1, 'duid'), (2, 'circuit-id'), (3, 'client-id'), (4, 'flex-id');

CREATE TABLE dhcp_option_scope (scope_id SMALLINT PRIMARY KEY NOT NULL, scope_name VARCHAR(32) DEFAULT NULL);
INSERT INTO dhcp_option_scope VALUES
  (0, 'global'), (1, 'subnet'), (2, 'client-class'), (3, 'host'), (4, 'shared-network'), (5, 'pool'),
  (6, 'pd-pool');

CREATE TABLE hosts (
  host_id SERIAL PRIMARY KEY NOT NULL,
  dhcp_identifier BYTEA NOT NULL,
  dhcp_identifier_type SMALLINT NOT NULL,
  dhcp4_subnet_id BIGINT NULL,
  dhcp6_subnet_id BIGINT NULL,
  ipv4_address BIGINT NULL,
  hostname VARCHAR(255) DEFAULT NULL,
  dhcp4_client_classes VARCHAR(255) DEFAULT NULL,
  dhcp6_client_classes VARCHAR(255) DEFAULT NULL,
  dhcp4_next_server BIGINT DEFAULT NULL,
  dhcp4_server_hostname VARCHAR(64) DEFAULT NULL,
  dhcp4_boot_file_name VARCHAR(128) DEFAULT NULL,
  user_context TEXT,
  auth_key VARCHAR(32) DEFAULT NULL,
  CONSTRAINT fk_host_identifier_type FOREIGN KEY (dhcp_identifier_type)
    REFERENCES host_identifier_type (type) ON DELETE CASCADE
);
CREATE INDEX fk_host_identifier_type ON hosts (dhcp_identifier_type);
CREATE INDEX key_dhcp_identifier ON hosts (dhcp_identifier, dhcp_identifier_type);
-- One reservation per identifier and subnet; one address may be reserved to several hosts (Kea
-- 2.2 allows that when ip-reservations-unique is off), so the address index is not unique.
CREATE UNIQUE INDEX key_dhcp4_identifier_subnet_id ON hosts
  (dhcp_identifier, dhcp_identifier_type, dhcp4_subnet_id) WHERE dhcp4_subnet_id IS NOT NULL;
CREATE UNIQUE INDEX key_dhcp6_identifier_subnet_id ON hosts
  (dhcp_identifier, dhcp_identifier_type, dhcp6_subnet_id) WHERE dhcp6_subnet_id IS NOT NULL;
CREATE INDEX key_dhcp4_ipv4_address_subnet_id ON hosts (ipv4_address, dhcp4_subnet_id);
CREATE INDEX hosts_by_hostname ON hosts (lower(hostname)) WHERE hostname IS NOT NULL;

CREATE TABLE ipv6_reservations (
  reservation_id SERIAL PRIMARY KEY NOT NULL,
  address VARCHAR(39) NOT NULL,
  prefix_len SMALLINT NOT NULL DEFAULT '128',
  type SMALLINT NOT NULL DEFAULT '0',
  dhcp6_iaid INT DEFAULT NULL,
  host_id INT NOT NULL,
  CONSTRAINT fk_ipv6_reservations_host FOREIGN KEY (host_id) REFERENCES hosts (host_id) ON DELETE CASCADE
);
CREATE INDEX fk_ipv6_reservations_host_idx ON ipv6_reservations (host_id);
CREATE INDEX key_dhcp6_address_prefix_len ON ipv6_reservations (address, prefix_len);

CREATE FUNCTION modification_ts_update() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN NEW.modification_ts = CURRENT_TIMESTAMP; RETURN NULL; END; $$;

${optionTable(4)}
${optionTable(6)}`;

/** The option table of one family: v4 codes are SMALLINT, v6 ones INTEGER; v6 has pd_pool_id. */
function optionTable(family: 4 | 6): string {
  const v6 = family === 6;
  return `CREATE TABLE dhcp${family}_options (
  option_id SERIAL PRIMARY KEY NOT NULL,
  code ${v6 ? 'INTEGER' : 'SMALLINT'} NOT NULL,
  value BYTEA,
  formatted_value TEXT,
  space VARCHAR(128) DEFAULT NULL,
  persistent BOOLEAN NOT NULL DEFAULT 'f',
  dhcp_client_class VARCHAR(128) DEFAULT NULL,
  dhcp${family}_subnet_id BIGINT NULL,
  host_id INT NULL,
  scope_id SMALLINT NOT NULL,
  user_context TEXT,
  shared_network_name VARCHAR(128) DEFAULT NULL,
  pool_id BIGINT DEFAULT NULL,${v6 ? '\n  pd_pool_id BIGINT DEFAULT NULL,' : ''}
  modification_ts TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT fk_options_host${v6 ? '10' : '1'} FOREIGN KEY (host_id) REFERENCES hosts (host_id) ON DELETE CASCADE,
  CONSTRAINT fk_dhcp${family}_option_scode FOREIGN KEY (scope_id) REFERENCES dhcp_option_scope (scope_id)
    ON DELETE CASCADE
);
CREATE INDEX fk_dhcp${family}_options_host1_idx ON dhcp${family}_options (host_id);
CREATE INDEX fk_dhcp${family}_options_scope_idx ON dhcp${family}_options (scope_id);
CREATE INDEX fk_dhcp${family}_options_shared_network ON dhcp${family}_options (shared_network_name);
CREATE INDEX fk_dhcp${family}_options_subnet ON dhcp${family}_options (dhcp${family}_subnet_id);
CREATE INDEX fk_dhcp${family}_options_pool ON dhcp${family}_options (pool_id);${v6 ? '\nCREATE INDEX fk_dhcp6_options_pd_pool ON dhcp6_options (pd_pool_id);' : ''}
CREATE TRIGGER dhcp${family}_options_modification_ts_update AFTER UPDATE ON dhcp${family}_options
  FOR EACH ROW EXECUTE FUNCTION modification_ts_update();
`;
}
