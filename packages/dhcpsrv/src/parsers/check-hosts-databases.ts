// hosts-database / hosts-databases, checked as Kea reads them: one of the two keys, each entry a
// MySQL or PostgreSQL database (Kea has no memfile host backend) with a name. The host backends do
// not reconnect after losing their database, so the reconnect keys are refused when set to
// anything but Kea's defaults, and Kea 2.2 has no TLS to PostgreSQL, so neither do we.
import { type ConfigSource, configError, notSupportedYet } from '@kea-ts/config';

interface HostDbKeys {
  type: string;
  name?: string | undefined;
  'max-reconnect-tries'?: number | undefined;
  'reconnect-wait-time'?: number | undefined;
  'on-fail'?: string | undefined;
  'trust-anchor'?: string | undefined;
  'cert-file'?: string | undefined;
  'key-file'?: string | undefined;
  'cipher-list'?: string | undefined;
}

interface HostDbSection {
  'hosts-database'?: HostDbKeys | undefined;
  'hosts-databases'?: readonly HostDbKeys[] | undefined;
}

export function checkHostsDatabases(s: HostDbSection, source: ConfigSource, key: 'Dhcp4' | 'Dhcp6'): void {
  const one = s['hosts-database'];
  const list = s['hosts-databases'];
  if (one !== undefined && list !== undefined) {
    throw configError(
      source,
      [key, 'hosts-databases'],
      'only one of hosts-database and hosts-databases may be set',
    );
  }
  const entries: [HostDbKeys, PropertyKey[]][] =
    one !== undefined
      ? [[one, [key, 'hosts-database']]]
      : (list ?? []).map((e, i) => [e, [key, 'hosts-databases', i]]);
  for (const [db, path] of entries) {
    if (db.type === 'memfile') {
      throw configError(
        source,
        [...path, 'type'],
        'hosts database type memfile is not supported: use mysql or postgresql',
      );
    }
    if (db.name === undefined || db.name === '') {
      throw configError(source, path, `'name' is required for a ${db.type} hosts database`);
    }
    if ((db['max-reconnect-tries'] ?? 0) !== 0)
      throw notSupportedYet(source, [...path, 'max-reconnect-tries']);
    if ((db['reconnect-wait-time'] ?? 0) !== 0)
      throw notSupportedYet(source, [...path, 'reconnect-wait-time']);
    if ((db['on-fail'] ?? 'stop-retry-exit') !== 'stop-retry-exit')
      throw notSupportedYet(source, [...path, 'on-fail']);
    if (db.type !== 'postgresql') continue;
    for (const k of ['trust-anchor', 'cert-file', 'key-file', 'cipher-list'] as const) {
      if (db[k] !== undefined) throw notSupportedYet(source, [...path, k]);
    }
  }
}
