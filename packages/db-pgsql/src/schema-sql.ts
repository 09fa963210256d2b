// The lease part of Kea 2.2's PostgreSQL schema (version 13.0), written for this project: the same
// tables, columns, types, keys and indexes as `kea-admin db-init pgsql`, the lookup rows, the
// statistics triggers Kea's daemons read lease counts from, the lease-limit functions of the
// limits hook, and the dump/upload functions real `kea-admin lease-dump`/`lease-upload` call.
// Host tables: host-schema-sql.ts; configuration-backend tables: cb-schema-sql.ts. One index is our own
// (see lease6).

import { CONFIG_BACKEND } from './cb-schema-sql.js';
import { HOSTS } from './host-schema-sql.js';
import { DUMP } from './schema-dump-sql.js';

export const PGSQL_SCHEMA_VERSION: readonly [number, number] = [13, 0];

const TABLES = `
CREATE TABLE schema_version (version INT PRIMARY KEY NOT NULL, minor INT);
INSERT INTO schema_version VALUES (13, 0);

CREATE TABLE lease_state (state BIGINT PRIMARY KEY NOT NULL, name VARCHAR(64) NOT NULL);
INSERT INTO lease_state VALUES (0, 'default'), (1, 'declined'), (2, 'expired-reclaimed');

CREATE TABLE lease6_types (lease_type SMALLINT PRIMARY KEY NOT NULL, name VARCHAR(5));
INSERT INTO lease6_types VALUES (0, 'IA_NA'), (1, 'IA_TA'), (2, 'IA_PD');

CREATE TABLE lease_hwaddr_source (hwaddr_source INT PRIMARY KEY NOT NULL, name VARCHAR(40) DEFAULT NULL);
INSERT INTO lease_hwaddr_source VALUES
  (0, 'HWADDR_SOURCE_UNKNOWN'), (1, 'HWADDR_SOURCE_RAW'), (2, 'HWADDR_SOURCE_IPV6_LINK_LOCAL'),
  (4, 'HWADDR_SOURCE_DUID'), (8, 'HWADDR_SOURCE_CLIENT_ADDR_RELAY_OPTION'), (16, 'HWADDR_SOURCE_REMOTE_ID'),
  (32, 'HWADDR_SOURCE_SUBSCRIBER_ID'), (64, 'HWADDR_SOURCE_DOCSIS_CMTS'), (128, 'HWADDR_SOURCE_DOCSIS_MODEM');

CREATE TABLE lease4 (
  address BIGINT PRIMARY KEY NOT NULL,
  hwaddr BYTEA,
  client_id BYTEA,
  valid_lifetime BIGINT,
  expire TIMESTAMP WITH TIME ZONE,
  subnet_id BIGINT,
  fqdn_fwd BOOLEAN,
  fqdn_rev BOOLEAN,
  hostname VARCHAR(255),
  state BIGINT DEFAULT 0,
  user_context TEXT,
  CONSTRAINT fk_lease4_state FOREIGN KEY (state) REFERENCES lease_state (state)
);
CREATE INDEX lease4_by_client_id_subnet_id ON lease4 (client_id, subnet_id);
CREATE INDEX lease4_by_hwaddr_subnet_id ON lease4 (hwaddr, subnet_id);
CREATE INDEX lease4_by_state_expire ON lease4 (state, expire);
CREATE INDEX lease4_by_subnet_id ON lease4 (subnet_id);
CREATE INDEX lease4_by_hostname ON lease4 (lower(hostname)) WHERE hostname IS NOT NULL;

CREATE TABLE lease6 (
  address VARCHAR(39) PRIMARY KEY NOT NULL,
  duid BYTEA,
  valid_lifetime BIGINT,
  expire TIMESTAMP WITH TIME ZONE,
  subnet_id BIGINT,
  pref_lifetime BIGINT,
  lease_type SMALLINT,
  iaid INT,
  prefix_len SMALLINT,
  fqdn_fwd BOOLEAN,
  fqdn_rev BOOLEAN,
  hostname VARCHAR(255),
  state BIGINT DEFAULT 0,
  hwaddr BYTEA,
  hwtype SMALLINT,
  hwaddr_source SMALLINT,
  user_context TEXT,
  CONSTRAINT fk_lease6_state FOREIGN KEY (state) REFERENCES lease_state (state),
  CONSTRAINT fk_lease6_type FOREIGN KEY (lease_type) REFERENCES lease6_types (lease_type)
);
CREATE INDEX lease6_by_duid_iaid_subnet_id ON lease6 (duid, iaid, subnet_id);
CREATE INDEX lease6_by_state_expire ON lease6 (state, expire);
CREATE INDEX lease6_by_subnet_id_lease_type ON lease6 (subnet_id, lease_type);
CREATE INDEX lease6_by_hostname ON lease6 (lower(hostname)) WHERE hostname IS NOT NULL;
-- Ours, not Kea's: Kea 2.2 keeps v6 addresses as text, and paging in address order (the allocator's
-- pool survey, lease6-get-page) needs an index on the address itself to stay cheap.
CREATE INDEX lease6_by_inet_address ON lease6 ((address::inet));

CREATE TABLE lease4_stat (
  subnet_id BIGINT NOT NULL, state BIGINT NOT NULL, leases BIGINT,
  PRIMARY KEY (subnet_id, state)
);
CREATE TABLE lease6_stat (
  subnet_id BIGINT NOT NULL, lease_type SMALLINT NOT NULL, state BIGINT NOT NULL, leases BIGINT,
  PRIMARY KEY (subnet_id, lease_type, state)
);
CREATE TABLE lease4_stat_by_client_class (
  client_class VARCHAR(128) PRIMARY KEY NOT NULL, leases BIGINT NOT NULL
);
CREATE TABLE lease6_stat_by_client_class (
  client_class VARCHAR(128) NOT NULL, lease_type SMALLINT NOT NULL, leases BIGINT NOT NULL,
  PRIMARY KEY (client_class, lease_type),
  CONSTRAINT fk_lease6_stat_by_client_class_lease_type FOREIGN KEY (lease_type)
    REFERENCES lease6_types (lease_type)
);
`;

// Counting: states 0 (default) and 1 (declined) are counted per subnet (and type); only state 0
// counts per client class, the classes being the user context's ISC.client-classes list. A removal
// only lowers an existing count (never below 0) and adds no row, as Kea's triggers do.
const COUNTERS = `
CREATE FUNCTION json_cast(json_candidate TEXT) RETURNS JSON LANGUAGE plpgsql AS $$
BEGIN
  IF LENGTH(json_candidate) = 0 THEN RETURN '{}'::json; END IF;
  RETURN json_candidate::json;
END; $$;

CREATE FUNCTION isJsonSupported() RETURNS BOOLEAN LANGUAGE sql AS $$ SELECT true $$;

CREATE FUNCTION lease_classes(ctx TEXT) RETURNS SETOF TEXT LANGUAGE sql AS $$
  SELECT json_array_elements_text(json_cast(ctx)->'ISC'->'client-classes')
$$;

CREATE FUNCTION lease4_count(sid BIGINT, st BIGINT, ctx TEXT, delta INT) RETURNS VOID LANGUAGE plpgsql AS $$
DECLARE c TEXT;
BEGIN
  IF st IN (0, 1) THEN
    IF delta > 0 THEN
      -- The plain UPDATE is the common case and the cheapest under contention; the upsert covers
      -- the first lease of a subnet and state, even when two servers make it at once.
      UPDATE lease4_stat SET leases = leases + 1 WHERE subnet_id = sid AND state = st;
      IF NOT FOUND THEN
        INSERT INTO lease4_stat AS s VALUES (sid, st, 1)
          ON CONFLICT (subnet_id, state) DO UPDATE SET leases = s.leases + 1;
      END IF;
    ELSE
      UPDATE lease4_stat SET leases = GREATEST(leases - 1, 0) WHERE subnet_id = sid AND state = st;
    END IF;
  END IF;
  IF st = 0 THEN
    FOR c IN SELECT lease_classes(ctx) LOOP
      IF delta > 0 THEN
        INSERT INTO lease4_stat_by_client_class AS s VALUES (c, 1)
          ON CONFLICT (client_class) DO UPDATE SET leases = s.leases + 1;
      ELSE
        UPDATE lease4_stat_by_client_class SET leases = GREATEST(leases - 1, 0) WHERE client_class = c;
      END IF;
    END LOOP;
  END IF;
END; $$;

CREATE FUNCTION lease6_count(sid BIGINT, lt SMALLINT, st BIGINT, ctx TEXT, delta INT) RETURNS VOID
LANGUAGE plpgsql AS $$
DECLARE c TEXT;
BEGIN
  IF st IN (0, 1) THEN
    IF delta > 0 THEN
      UPDATE lease6_stat SET leases = leases + 1 WHERE subnet_id = sid AND lease_type = lt AND state = st;
      IF NOT FOUND THEN
        INSERT INTO lease6_stat AS s VALUES (sid, lt, st, 1)
          ON CONFLICT (subnet_id, lease_type, state) DO UPDATE SET leases = s.leases + 1;
      END IF;
    ELSE
      UPDATE lease6_stat SET leases = GREATEST(leases - 1, 0)
        WHERE subnet_id = sid AND lease_type = lt AND state = st;
    END IF;
  END IF;
  IF st = 0 THEN
    FOR c IN SELECT lease_classes(ctx) LOOP
      IF delta > 0 THEN
        INSERT INTO lease6_stat_by_client_class AS s VALUES (c, lt, 1)
          ON CONFLICT (client_class, lease_type) DO UPDATE SET leases = s.leases + 1;
      ELSE
        UPDATE lease6_stat_by_client_class SET leases = GREATEST(leases - 1, 0)
          WHERE client_class = c AND lease_type = lt;
      END IF;
    END LOOP;
  END IF;
END; $$;

CREATE FUNCTION func_lease4_ains() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN PERFORM lease4_count(NEW.subnet_id, NEW.state, NEW.user_context, 1); RETURN NULL; END; $$;
CREATE FUNCTION func_lease4_adel() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN PERFORM lease4_count(OLD.subnet_id, OLD.state, OLD.user_context, -1); RETURN NULL; END; $$;
CREATE FUNCTION func_lease4_aupd() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  IF (OLD.subnet_id, OLD.state, OLD.user_context) IS DISTINCT FROM (NEW.subnet_id, NEW.state, NEW.user_context) THEN
    PERFORM lease4_count(OLD.subnet_id, OLD.state, OLD.user_context, -1);
    PERFORM lease4_count(NEW.subnet_id, NEW.state, NEW.user_context, 1);
  END IF;
  RETURN NULL;
END; $$;
CREATE TRIGGER lease4_ains AFTER INSERT ON lease4 FOR EACH ROW EXECUTE FUNCTION func_lease4_ains();
CREATE TRIGGER lease4_aupd AFTER UPDATE ON lease4 FOR EACH ROW EXECUTE FUNCTION func_lease4_aupd();
CREATE TRIGGER lease4_adel AFTER DELETE ON lease4 FOR EACH ROW EXECUTE FUNCTION func_lease4_adel();

CREATE FUNCTION func_lease6_ains() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN PERFORM lease6_count(NEW.subnet_id, NEW.lease_type, NEW.state, NEW.user_context, 1); RETURN NULL; END; $$;
CREATE FUNCTION func_lease6_adel() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN PERFORM lease6_count(OLD.subnet_id, OLD.lease_type, OLD.state, OLD.user_context, -1); RETURN NULL; END; $$;
CREATE FUNCTION func_lease6_aupd() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  IF (OLD.subnet_id, OLD.lease_type, OLD.state, OLD.user_context)
     IS DISTINCT FROM (NEW.subnet_id, NEW.lease_type, NEW.state, NEW.user_context) THEN
    PERFORM lease6_count(OLD.subnet_id, OLD.lease_type, OLD.state, OLD.user_context, -1);
    PERFORM lease6_count(NEW.subnet_id, NEW.lease_type, NEW.state, NEW.user_context, 1);
  END IF;
  RETURN NULL;
END; $$;
CREATE TRIGGER lease6_ains AFTER INSERT ON lease6 FOR EACH ROW EXECUTE FUNCTION func_lease6_ains();
CREATE TRIGGER lease6_aupd AFTER UPDATE ON lease6 FOR EACH ROW EXECUTE FUNCTION func_lease6_aupd();
CREATE TRIGGER lease6_adel AFTER DELETE ON lease6 FOR EACH ROW EXECUTE FUNCTION func_lease6_adel();
`;

// The limits hook asks these before allocating; '' means "within limits".
const LIMITS = `
CREATE FUNCTION checkLease4Limits(user_context TEXT) RETURNS TEXT LANGUAGE plpgsql AS $$
DECLARE cls JSON; lim BIGINT; cnt BIGINT; sid BIGINT; nm TEXT;
BEGIN
  FOR cls IN SELECT json_array_elements(json_cast(user_context)->'ISC'->'limits'->'client-classes') LOOP
    nm := cls->>'name';
    lim := (cls->>'address-limit')::BIGINT;
    IF lim IS NOT NULL THEN
      cnt := COALESCE((SELECT leases FROM lease4_stat_by_client_class WHERE client_class = nm), 0);
      IF lim <= cnt THEN
        RETURN CONCAT('address limit ', lim, ' for client class "', nm, '", current lease count ', cnt);
      END IF;
    END IF;
  END LOOP;
  sid := (json_cast(user_context)->'ISC'->'limits'->'subnet'->>'id')::BIGINT;
  lim := (json_cast(user_context)->'ISC'->'limits'->'subnet'->>'address-limit')::BIGINT;
  IF lim IS NOT NULL THEN
    cnt := COALESCE((SELECT leases FROM lease4_stat WHERE subnet_id = sid AND state = 0), 0);
    IF lim <= cnt THEN
      RETURN CONCAT('address limit ', lim, ' for subnet ID ', sid, ', current lease count ', cnt);
    END IF;
  END IF;
  RETURN '';
END; $$;

CREATE FUNCTION checkLease6Limits(user_context TEXT) RETURNS TEXT LANGUAGE plpgsql AS $$
DECLARE cls JSON; lim BIGINT; cnt BIGINT; sid BIGINT; nm TEXT; kind TEXT; lt SMALLINT;
BEGIN
  FOR cls IN SELECT json_array_elements(json_cast(user_context)->'ISC'->'limits'->'client-classes') LOOP
    nm := cls->>'name';
    FOREACH kind IN ARRAY ARRAY['address', 'prefix'] LOOP
      lt := CASE kind WHEN 'address' THEN 0 ELSE 2 END;
      lim := (cls->>(kind || '-limit'))::BIGINT;
      IF lim IS NOT NULL THEN
        cnt := COALESCE((SELECT leases FROM lease6_stat_by_client_class
                         WHERE client_class = nm AND lease_type = lt), 0);
        IF lim <= cnt THEN
          RETURN CONCAT(kind, ' limit ', lim, ' for client class "', nm, '", current lease count ', cnt);
        END IF;
      END IF;
    END LOOP;
  END LOOP;
  sid := (json_cast(user_context)->'ISC'->'limits'->'subnet'->>'id')::BIGINT;
  FOREACH kind IN ARRAY ARRAY['address', 'prefix'] LOOP
    lt := CASE kind WHEN 'address' THEN 0 ELSE 2 END;
    lim := (json_cast(user_context)->'ISC'->'limits'->'subnet'->>(kind || '-limit'))::BIGINT;
    IF lim IS NOT NULL THEN
      cnt := COALESCE((SELECT leases FROM lease6_stat
                       WHERE subnet_id = sid AND lease_type = lt AND state = 0), 0);
      IF lim <= cnt THEN
        RETURN CONCAT(kind, ' limit ', lim, ' for subnet ID ', sid, ', current lease count ', cnt);
      END IF;
    END IF;
  END LOOP;
  RETURN '';
END; $$;
`;

/** The whole script, run in one transaction by db-init. */
export const PGSQL_CREATE_SCRIPT = TABLES + COUNTERS + LIMITS + DUMP + HOSTS + CONFIG_BACKEND;
