// hosts-database / hosts-databases, checked as Kea reads them: one of the two keys, each entry a
// MySQL or PostgreSQL database (Kea has no memfile host backend) with a name. The host backends
// recover a lost connection with the entry's max-reconnect-tries / reconnect-wait-time / on-fail
// (lease/db-reconnect.ts) and speak TLS to both servers (trust-anchor, cert-file, key-file, cipher-list).
import { type ConfigSource, configError } from '@kea-ts/config';

interface HostDbKeys {
  type: string;
  name?: string | undefined;
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
  }
}
