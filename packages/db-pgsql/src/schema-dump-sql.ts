// The functions of Kea 2.2's PostgreSQL schema that kea-admin calls (lease-dump, lease-upload),
// written for this project; part of the script in schema-sql.ts.

// kea-admin lease-dump selects these and prints them with psql's unaligned comma format, so the
// text is the memfile CSV: hex bytes colon-separated, commas in text escaped as '&#x2c'.
export const DUMP = `
CREATE FUNCTION colonSeparatedHex(hex TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN hex IS NULL THEN NULL ELSE lower(array_to_string(ARRAY(
    SELECT substr(h, i, 2) FROM (SELECT CASE WHEN length(hex) % 2 = 1 THEN '0' || hex ELSE hex END AS h) p,
      generate_series(1, GREATEST(length(h), 1), 2) AS i), ':')) END
$$;

CREATE FUNCTION lease4DumpHeader() RETURNS TEXT LANGUAGE sql AS $$
  SELECT 'address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context'::TEXT
$$;

CREATE FUNCTION lease4DumpData() RETURNS TABLE (address INET, hwaddr VARCHAR, client_id VARCHAR,
  valid_lifetime BIGINT, expire BIGINT, subnet_id BIGINT, fqdn_fwd INT, fqdn_rev INT, hostname VARCHAR,
  state BIGINT, user_context VARCHAR) LANGUAGE sql AS $$
  SELECT '0.0.0.0'::inet + l.address, colonSeparatedHex(encode(l.hwaddr, 'hex')),
    colonSeparatedHex(encode(l.client_id, 'hex')), l.valid_lifetime, extract(epoch FROM l.expire)::BIGINT,
    l.subnet_id, l.fqdn_fwd::INT, l.fqdn_rev::INT, replace(l.hostname, ',', '&#x2c'), l.state,
    replace(l.user_context, ',', '&#x2c')
  FROM lease4 l ORDER BY l.address
$$;

CREATE FUNCTION lease6DumpHeader() RETURNS TEXT LANGUAGE sql AS $$
  SELECT ('address,duid,valid_lifetime,expire,subnet_id,pref_lifetime,lease_type,iaid,prefix_len,'
    || 'fqdn_fwd,fqdn_rev,hostname,hwaddr,state,user_context,hwtype,hwaddr_source')::TEXT
$$;

CREATE FUNCTION lease6DumpData() RETURNS TABLE (address VARCHAR, duid VARCHAR, valid_lifetime BIGINT,
  expire BIGINT, subnet_id BIGINT, pref_lifetime BIGINT, lease_type SMALLINT, iaid INT, prefix_len SMALLINT,
  fqdn_fwd INT, fqdn_rev INT, hostname VARCHAR, hwaddr VARCHAR, state BIGINT, user_context VARCHAR,
  hwtype SMALLINT, hwaddr_source SMALLINT) LANGUAGE sql AS $$
  SELECT l.address, colonSeparatedHex(encode(l.duid, 'hex')), l.valid_lifetime,
    extract(epoch FROM l.expire)::BIGINT, l.subnet_id, l.pref_lifetime, l.lease_type, l.iaid, l.prefix_len,
    l.fqdn_fwd::INT, l.fqdn_rev::INT, replace(l.hostname, ',', '&#x2c'), colonSeparatedHex(encode(l.hwaddr, 'hex')),
    l.state, replace(l.user_context, ',', '&#x2c'), l.hwtype, l.hwaddr_source
  FROM lease6 l ORDER BY l.address
$$;

CREATE FUNCTION lease4Upload(address VARCHAR, hwaddr VARCHAR, client_id VARCHAR, valid_lifetime BIGINT,
  expire BIGINT, subnet_id BIGINT, fqdn_fwd INT, fqdn_rev INT, hostname VARCHAR, state BIGINT,
  user_context VARCHAR) RETURNS VOID LANGUAGE sql AS $$
  INSERT INTO lease4 VALUES (address::inet - '0.0.0.0'::inet, decode(replace(hwaddr, ':', ''), 'hex'),
    decode(replace(client_id, ':', ''), 'hex'), valid_lifetime, to_timestamp(expire), subnet_id,
    fqdn_fwd::BOOLEAN, fqdn_rev::BOOLEAN, replace(hostname, '&#x2c', ','), state,
    replace(user_context, '&#x2c', ','))
$$;

CREATE FUNCTION lease6Upload(address VARCHAR, duid VARCHAR, valid_lifetime BIGINT, expire BIGINT,
  subnet_id BIGINT, pref_lifetime BIGINT, lease_type INT, iaid INT, prefix_len INT, fqdn_fwd INT,
  fqdn_rev INT, hostname VARCHAR, hwaddr VARCHAR, state BIGINT, user_context VARCHAR, hwtype INT,
  hwaddr_source INT) RETURNS VOID LANGUAGE sql AS $$
  INSERT INTO lease6 (address, duid, valid_lifetime, expire, subnet_id, pref_lifetime, lease_type, iaid,
    prefix_len, fqdn_fwd, fqdn_rev, hostname, hwaddr, state, user_context, hwtype, hwaddr_source)
  VALUES (address, decode(replace(duid, ':', ''), 'hex'), valid_lifetime, to_timestamp(expire), subnet_id,
    pref_lifetime, lease_type, iaid, prefix_len, fqdn_fwd::BOOLEAN, fqdn_rev::BOOLEAN,
    replace(hostname, '&#x2c', ','), decode(replace(hwaddr, ':', ''), 'hex'), state,
    replace(user_context, '&#x2c', ','), hwtype, hwaddr_source)
$$;
`;
