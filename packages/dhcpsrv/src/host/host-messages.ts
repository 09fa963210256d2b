// Log message IDs of the host databases (Kea's DHCPSRV_*_HOST_DB ids; the texts are ours).
import { defineMessages } from '@kea-ts/log';

export const HOST_MESSAGES = defineMessages({
  DHCPSRV_MYSQL_HOST_DB: 'connecting to the MySQL hosts database: %1',
  DHCPSRV_MYSQL_HOST_DB_READONLY: 'the MySQL hosts database is used for reading only',
  DHCPSRV_PGSQL_HOST_DB: 'connecting to the PostgreSQL hosts database: %1',
  DHCPSRV_PGSQL_HOST_DB_READONLY: 'the PostgreSQL hosts database is used for reading only',
});

/**
 * Kea's access-string form of an entry: key=value sorted by key, empty values left out, password
 * hidden; with the universe when one is given (Kea adds it to host databases' strings).
 */
export function accessText(entry: Record<string, unknown>, universe?: 4 | 6): string {
  const pairs: [string, string][] = Object.entries(entry)
    .filter(([k, v]) => v !== undefined && v !== '' && k !== 'comment' && k !== 'user-context')
    .map(([k, v]) => [k, k === 'password' ? '*****' : String(v)]);
  if (universe !== undefined) pairs.push(['universe', String(universe)]);
  return pairs
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}
