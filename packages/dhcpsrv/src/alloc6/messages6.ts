// Log message IDs of the v6 allocation engine (Kea's ALLOC_ENGINE_V6_* and the DHCPSRV_HOOK_LEASE6_*
// it logs), texts as in Kea 2.2's alloc_engine_messages.mes; levels are chosen at the call sites.
import { defineMessages } from '@kea-ts/log';

/** Kea's ALLOC_ENGINE_DBG_TRACE_DETAIL (DBGLVL_TRACE_DETAIL). */
export const DBG_TRACE_DETAIL = 50;

export const ALLOC6_MESSAGES = defineMessages({
  ALLOC_ENGINE_V6_ALLOC_ERROR: '%1: error during attempt to allocate an IPv6 address: %2',
  ALLOC_ENGINE_V6_ALLOC_FAIL: '%1: failed to allocate an IPv6 lease after %2 attempt(s)',
  ALLOC_ENGINE_V6_ALLOC_FAIL_NO_POOLS: '%1: no pools were available for the lease allocation',
  ALLOC_ENGINE_V6_ALLOC_FAIL_SHARED_NETWORK:
    '%1: failed to allocate a lease in the shared network %2: %3 subnets have no available leases, %4 subnets have no matching pools',
  ALLOC_ENGINE_V6_ALLOC_FAIL_SUBNET:
    '%1: failed to allocate an IPv6 lease in the subnet %2, subnet-id %3, shared network %4',
  ALLOC_ENGINE_V6_ALLOC_HR_LEASE_EXISTS: '%1: lease type %2 for reserved address/prefix %3 already exists',
  ALLOC_ENGINE_V6_ALLOC_LEASES_HR: 'leases and static reservations found for client %1',
  ALLOC_ENGINE_V6_ALLOC_LEASES_NO_HR: 'no reservations found but leases exist for client %1',
  ALLOC_ENGINE_V6_ALLOC_NO_LEASES_HR: 'no leases found but reservations exist for client %1',
  ALLOC_ENGINE_V6_ALLOC_NO_V6_HR: '%1: unable to allocate reserved leases - no IPv6 reservations',
  ALLOC_ENGINE_V6_ALLOC_UNRESERVED:
    'no static reservations available - trying to dynamically allocate leases for client %1',
  ALLOC_ENGINE_V6_DECLINED_RECOVERED: 'IPv6 address %1 was recovered after %2 seconds of probation-period',
  ALLOC_ENGINE_V6_EXPIRED_HINT_RESERVED:
    "%1: expired lease for the client's hint %2 is reserved for another client",
  ALLOC_ENGINE_V6_EXTEND_ALLOC_UNRESERVED: 'allocate new (unreserved) leases for the renewing client %1',
  ALLOC_ENGINE_V6_EXTEND_ERROR:
    '%1: allocation engine experienced error with attempting to extend lease lifetime: %2',
  ALLOC_ENGINE_V6_EXTEND_LEASE: '%1: extending lifetime of the lease type %2, address %3',
  ALLOC_ENGINE_V6_EXTEND_LEASE_DATA: '%1: detailed information about the lease being extended: %2',
  ALLOC_ENGINE_V6_EXTEND_NEW_LEASE_DATA: '%1: new lease information for the lease being extended: %2',
  ALLOC_ENGINE_V6_HINT_RESERVED: "%1: lease for the client's hint %2 is reserved for another client",
  ALLOC_ENGINE_V6_HR_ADDR_GRANTED: 'reserved address %1 was assigned to client %2',
  ALLOC_ENGINE_V6_HR_PREFIX_GRANTED: 'reserved prefix %1/%2 was assigned to client %3',
  ALLOC_ENGINE_V6_LEASES_RECLAMATION_COMPLETE: 'reclaimed %1 leases in %2',
  ALLOC_ENGINE_V6_LEASES_RECLAMATION_SLOW: 'expired leases still exist after %1 reclamations',
  ALLOC_ENGINE_V6_LEASES_RECLAMATION_START:
    'starting reclamation of expired leases (limit = %1 leases or %2 milliseconds)',
  ALLOC_ENGINE_V6_LEASES_RECLAMATION_TIMEOUT: 'timeout of %1 ms reached while reclaiming IPv6 leases',
  ALLOC_ENGINE_V6_LEASE_RECLAIM: '%1: reclaiming expired lease for prefix %2/%3',
  ALLOC_ENGINE_V6_LEASE_RECLAMATION_FAILED: 'failed to reclaim the lease %1: %2',
  ALLOC_ENGINE_V6_NO_MORE_EXPIRED_LEASES: 'all expired leases have been reclaimed',
  ALLOC_ENGINE_V6_RECLAIMED_LEASES_DELETE:
    'begin deletion of reclaimed leases expired more than %1 seconds ago',
  ALLOC_ENGINE_V6_RECLAIMED_LEASES_DELETE_COMPLETE: 'successfully deleted %1 expired-reclaimed leases',
  ALLOC_ENGINE_V6_RECLAIMED_LEASES_DELETE_FAILED: 'deletion of expired-reclaimed leases failed: %1',
  ALLOC_ENGINE_V6_RENEW_HR: 'allocating leases reserved for the client %1 as a result of Renew',
  ALLOC_ENGINE_V6_RENEW_REMOVE_RESERVED:
    "%1: checking if existing client's leases are reserved for another client",
  ALLOC_ENGINE_V6_REUSE_EXPIRED_LEASE_DATA: '%1: reusing expired lease, updated lease information: %2',
  ALLOC_ENGINE_V6_REVOKED_ADDR_LEASE: 'address %1 was revoked from client %2 as it is reserved for client %3',
  ALLOC_ENGINE_V6_REVOKED_PREFIX_LEASE:
    'prefix %1/%2 was revoked from client %3 as it is reserved for client %4',
  DHCPSRV_HOOK_LEASE6_EXTEND_SKIP:
    'DHCPv6 lease lifetime was not extended because a callout set the skip flag for message %1',
  DHCPSRV_HOOK_LEASE6_RECOVER_SKIP:
    'DHCPv6 lease %1 was not recovered from declined state because a callout set the skip status.',
  DHCPSRV_HOOK_LEASE6_SELECT_SKIP:
    'Lease6 (non-temporary) creation was skipped, because of callout skip flag.',
});
