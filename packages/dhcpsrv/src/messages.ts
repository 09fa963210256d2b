// Log message IDs of the lease storage (Kea's DHCPSRV_MEMFILE_* ids; the texts are ours).
import { defineMessages } from '@kea-ts/log';

export const DHCPSRV_MESSAGES = defineMessages({
  DHCPSRV_MEMFILE_ADD_ADDR4: 'adding IPv4 lease %1',
  DHCPSRV_MEMFILE_ADD_ADDR6: 'adding IPv6 lease %1',
  DHCPSRV_MEMFILE_CONVERTING_LEASE_FILES:
    'lease files use an older schema; running LFC now to rewrite them as %1.%2',
  DHCPSRV_MEMFILE_DB: 'opening memfile lease database: %1',
  DHCPSRV_MEMFILE_DELETE_ADDR: 'deleting lease %1',
  DHCPSRV_MEMFILE_DELETE_EXPIRED_RECLAIMED4:
    'deleting IPv4 leases reclaimed and expired more than %1 seconds ago',
  DHCPSRV_MEMFILE_DELETE_EXPIRED_RECLAIMED6:
    'deleting IPv6 leases reclaimed and expired more than %1 seconds ago',
  DHCPSRV_MEMFILE_DELETE_EXPIRED_RECLAIMED_START: 'deleting %1 expired-reclaimed leases',
  DHCPSRV_MEMFILE_LEASE_FILE_LOAD: 'loading leases from %1',
  DHCPSRV_MEMFILE_LEASE_LOAD_ROW_ERROR: 'skipping row %1 of the lease file: %2',
  DHCPSRV_MEMFILE_LFC_EXECUTE: 'starting lease file cleanup: %1',
  DHCPSRV_MEMFILE_LFC_LEASE_FILE_RENAME_FAIL: 'cannot move lease file %1 to %2 for cleanup: %3',
  DHCPSRV_MEMFILE_LFC_LEASE_FILE_REOPEN_FAIL:
    'cannot reopen lease file %1 after handing it to cleanup: %2; new leases are not written to disk',
  DHCPSRV_MEMFILE_LFC_SETUP: 'lease file cleanup runs every %1 s',
  DHCPSRV_MEMFILE_LFC_SPAWN_FAIL: 'lease file cleanup could not start the kea-lfc process',
  DHCPSRV_MEMFILE_LFC_START: 'lease file cleanup is due',
  DHCPSRV_MEMFILE_NEEDS_DOWNGRADING: 'lease file %1 has a newer schema than %2; extra columns are ignored',
  DHCPSRV_MEMFILE_NEEDS_UPGRADING: 'lease file %1 has an older schema than %2; missing columns take defaults',
  DHCPSRV_MEMFILE_NO_STORAGE: 'leases are kept in memory only (persist false) and are lost on restart',
  DHCPSRV_MEMFILE_READ_HWADDR_FAIL: 'ignoring an unreadable hardware address in the lease file: %1',
  DHCPSRV_MEMFILE_UPDATE_ADDR4: 'updating IPv4 lease %1',
  DHCPSRV_MEMFILE_UPDATE_ADDR6: 'updating IPv6 lease %1',
  DHCPSRV_MEMFILE_WIPE_LEASES4: 'removing every IPv4 lease of subnet %1',
  DHCPSRV_MEMFILE_WIPE_LEASES4_FINISHED: 'removed %2 IPv4 leases of subnet %1',
  DHCPSRV_MEMFILE_WIPE_LEASES6: 'removing every IPv6 lease of subnet %1',
  DHCPSRV_MEMFILE_WIPE_LEASES6_FINISHED: 'removed %2 IPv6 leases of subnet %1',
  DHCPSRV_MEMFILE_WRITE_FAIL: 'writing %1 lease rows to %2 failed: %3',
});
