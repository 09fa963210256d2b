// The global keys whose feature belongs to a later issue, refused the same way by Dhcp4 and Dhcp6 with
// "not supported yet: <key path>" so a config never loads with a part silently ignored.
import { type ConfigSource, notSupportedYet } from '@kea-ts/config';
import { checkHostsDatabases } from './check-hosts-databases.js';

interface LeaseDatabaseKeys {
  type: string;
  readonly?: boolean | undefined;
}

interface LaterKeys {
  'lease-database'?: LeaseDatabaseKeys | undefined;
  'hosts-database'?: Parameters<typeof checkHostsDatabases>[0]['hosts-database'];
  'hosts-databases'?: Parameters<typeof checkHostsDatabases>[0]['hosts-databases'];
  'config-control'?: unknown;
  'dhcp-ddns'?: { 'enable-updates': boolean; 'ncr-protocol'?: string | undefined } | undefined;
  'dhcp4o6-port'?: number | undefined;
  'early-global-reservations-lookup'?: boolean | undefined;
}

export function refuseLaterFeatures(s: LaterKeys, source: ConfigSource, key: 'Dhcp4' | 'Dhcp6'): void {
  const ldb = s['lease-database'];
  if (ldb && ldb.type !== 'memfile') refuseSqlLeaseKeys(ldb, source, key);
  checkHostsDatabases(s, source, key);
  if (s['config-control']) throw notSupportedYet(source, [key, 'config-control']);
  // NameChangeRequests go over UDP only (Kea 2.2 itself refuses TCP).
  if (s['dhcp-ddns']?.['ncr-protocol'] === 'TCP')
    throw notSupportedYet(source, [key, 'dhcp-ddns', 'ncr-protocol']);
  if ((s['dhcp4o6-port'] ?? 0) !== 0) throw notSupportedYet(source, [key, 'dhcp4o6-port']);
  // Global reservations' classes before subnet selection: not built, so `true` is refused, not ignored.
  if (s['early-global-reservations-lookup'] === true) {
    throw notSupportedYet(source, [key, 'early-global-reservations-lookup']);
  }
}

// The SQL lease backends serve and survive losing the database (max-reconnect-tries,
// reconnect-wait-time, on-fail: lease/db-reconnect.ts). Kea 2.2 reads readonly for lease databases
// and ignores it (only its host backends honour it); a read-only lease store has no meaning for a
// server that writes leases, so it is refused rather than accepted and ignored. TLS keys work for
// both SQL backends (Kea 2.2 as Debian builds it has no TLS to PostgreSQL; we pass them to pg).
function refuseSqlLeaseKeys(db: LeaseDatabaseKeys, source: ConfigSource, key: 'Dhcp4' | 'Dhcp6'): void {
  if (db.readonly === true) throw notSupportedYet(source, [key, 'lease-database', 'readonly']);
}
