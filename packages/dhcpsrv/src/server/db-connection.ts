// What kea-dhcp4 and kea-dhcp6 do when their lease or hosts database goes away and comes back (Kea's
// dbLostCallback / dbRecoveredCallback / dbFailedCallback): with on-fail stop-retry-exit the service
// is disabled (origin db-connection) from the first loss until the recovery; without reconnect
// (max-reconnect-tries or reconnect-wait-time 0) or once the tries are used up, the process exits
// unless on-fail is serve-retry-continue.
import { defineMessages, getLogger } from '@kea-ts/log';
import type { HostMgr } from '../host/host-mgr.js';
import type { DbLossHandler, ReconnectCtl } from '../lease/db-reconnect.js';
import { type DbReconnectParams, SqlLeaseMgrBase } from '../lease/sql-lease-common.js';
import type { NetworkState } from './network-state.js';

const MSG = defineMessages({
  DHCP4_DB_RECONNECT_DISABLED:
    'database reconnect is disabled: max-reconnect-tries %1, reconnect-wait-time %2',
  DHCP4_DB_RECONNECT_FAILED:
    'maximum number of database reconnect attempts: %1, has been exhausted without success',
  DHCP4_DB_RECONNECT_LOST_CONNECTION: 'database connection lost.',
  DHCP4_DB_RECONNECT_SUCCEEDED: 'database connection recovered.',
  DHCP6_DB_RECONNECT_DISABLED:
    'database reconnect is disabled: max-reconnect-tries %1, reconnect-wait-time %2',
  DHCP6_DB_RECONNECT_FAILED:
    'maximum number of database reconnect attempts: %1, has been exhausted without success',
  DHCP6_DB_RECONNECT_LOST_CONNECTION: 'database connection lost.',
  DHCP6_DB_RECONNECT_SUCCEEDED: 'database connection recovered.',
});

export interface DbConnectionServer {
  family: 4 | 6;
  state: NetworkState;
  /** Ends the process with this exit code (Kea's shutdownServer). */
  shutdown(code: number): void;
}

/** The server's side of the recovery of one lease database. */
export function dbLossHandler(server: DbConnectionServer): DbLossHandler {
  const v = server.family === 4 ? 'DHCP4' : 'DHCP6';
  const log = getLogger(`kea-dhcp${server.family}.dhcp${server.family}`);
  return {
    lost(ctl: ReconnectCtl): boolean {
      // Only the first try of a loss disables; the tries after it find the service disabled.
      if (ctl.retriesLeft === ctl.maxRetries && ctl.alterServiceState) server.state.disable('db-connection');
      log.info(MSG[`${v}_DB_RECONNECT_LOST_CONNECTION`]);
      if (ctl.retriesLeft === 0 || ctl.retryInterval === 0) {
        log.info(MSG[`${v}_DB_RECONNECT_DISABLED`], ctl.retriesLeft, ctl.retryInterval);
        if (ctl.exitOnFailure) server.shutdown(1);
        return false;
      }
      return true;
    },
    recovered(ctl: ReconnectCtl): void {
      if (ctl.alterServiceState) server.state.enable('db-connection');
      log.info(MSG[`${v}_DB_RECONNECT_SUCCEEDED`]);
      ctl.resetRetries();
    },
    failed(ctl: ReconnectCtl): void {
      log.info(MSG[`${v}_DB_RECONNECT_FAILED`], ctl.maxRetries);
      if (ctl.exitOnFailure) server.shutdown(1);
    },
    abandoned(ctl: ReconnectCtl): void {
      // A closed backend's loss no longer holds the service (the others' losses still do).
      if (ctl.alterServiceState) server.state.enable('db-connection');
    },
  };
}

/**
 * Called with each newly opened lease manager: an SQL one gets its connection watched with the
 * lease-database map's recovery keys. Memfile has no connection to lose. A replaced manager that
 * was down gives back its db-connection count when it is closed (abandoned), so the others' losses
 * still hold the service and nothing else does.
 */
export function watchLeaseDatabase(
  leaseMgr: unknown,
  db: DbReconnectParams,
  server: DbConnectionServer,
): void {
  if (leaseMgr instanceof SqlLeaseMgrBase) leaseMgr.watchConnection(db, dbLossHandler(server));
}

/**
 * Called with each newly opened HostMgr: its SQL hosts databases get their connections watched
 * with their own entries' recovery keys and the same server callbacks as the lease database
 * (Kea 2.2's host backends call the daemon's db-lost/recovered/failed callbacks too).
 */
export function watchHostDatabases(hostMgr: HostMgr | null, server: DbConnectionServer): void {
  hostMgr?.watchConnections(dbLossHandler(server));
}
