// Log message IDs of the v4 allocation engine (Kea's ALLOC_ENGINE_* and the DHCPSRV_HOOK_LEASE4_*
// skips it logs), with Kea's debug levels. The texts are ours; the IDs and %N arguments are Kea's.
import { defineMessages } from '@kea-ts/log';

/** Kea's ALLOC_ENGINE_DBG_TRACE (DBGLVL_TRACE_BASIC), also DHCPSRV_DBG_HOOKS. */
export const DBG_TRACE = 40;
/** Kea's ALLOC_ENGINE_DBG_TRACE_DETAIL_DATA. */
export const DBG_TRACE_DETAIL_DATA = 55;

export const ALLOC_MESSAGES = defineMessages({
  ALLOC_ENGINE_LEASE_RECLAIMED: 'successfully reclaimed lease %1',
  ALLOC_ENGINE_V4_ALLOC_ERROR: '%1: error during attempt to allocate an IPv4 address: %2',
  ALLOC_ENGINE_V4_ALLOC_FAIL: '%1: failed to allocate an IPv4 address after %2 attempt(s)',
  ALLOC_ENGINE_V4_ALLOC_FAIL_NO_POOLS: '%1: no pools were available for the address allocation',
  ALLOC_ENGINE_V4_ALLOC_FAIL_SHARED_NETWORK:
    '%1: failed to allocate an IPv4 address in the shared network %2: %3 subnets have no available addresses, %4 subnets have no matching pools',
  ALLOC_ENGINE_V4_ALLOC_FAIL_SUBNET:
    '%1: failed to allocate an IPv4 lease in the subnet %2, subnet-id %3, shared network %4',
  ALLOC_ENGINE_V4_DECLINED_RECOVERED: 'IPv4 address %1 was recovered after %2 seconds of probation-period',
  ALLOC_ENGINE_V4_DISCOVER_ADDRESS_CONFLICT:
    '%1: conflicting reservation for address %2 with existing lease %3',
  ALLOC_ENGINE_V4_DISCOVER_HR: 'client %1 sending DHCPDISCOVER has reservation for the address %2',
  ALLOC_ENGINE_V4_LEASES_RECLAMATION_COMPLETE: 'reclaimed %1 leases in %2',
  ALLOC_ENGINE_V4_LEASES_RECLAMATION_SLOW: 'expired leases still exist after %1 reclamations',
  ALLOC_ENGINE_V4_LEASES_RECLAMATION_START:
    'starting reclamation of expired leases (limit = %1 leases or %2 milliseconds)',
  ALLOC_ENGINE_V4_LEASES_RECLAMATION_TIMEOUT: 'timeout of %1 ms reached while reclaiming IPv4 leases',
  ALLOC_ENGINE_V4_LEASE_RECLAIM: '%1: reclaiming expired lease for address %2',
  ALLOC_ENGINE_V4_LEASE_RECLAMATION_FAILED: 'failed to reclaim the lease %1: %2',
  ALLOC_ENGINE_V4_NO_MORE_EXPIRED_LEASES: 'all expired leases have been reclaimed',
  ALLOC_ENGINE_V4_OFFER_EXISTING_LEASE: 'allocation engine will try to offer existing lease to the client %1',
  ALLOC_ENGINE_V4_OFFER_NEW_LEASE: 'allocation engine will try to offer new lease to the client %1',
  ALLOC_ENGINE_V4_OFFER_REQUESTED_LEASE:
    'allocation engine will try to offer requested lease %1 to the client %2',
  ALLOC_ENGINE_V4_RECLAIMED_LEASES_DELETE:
    'begin deletion of reclaimed leases expired more than %1 seconds ago',
  ALLOC_ENGINE_V4_RECLAIMED_LEASES_DELETE_COMPLETE: 'successfully deleted %1 expired-reclaimed leases',
  ALLOC_ENGINE_V4_RECLAIMED_LEASES_DELETE_FAILED: 'deletion of expired-reclaimed leases failed: %1',
  ALLOC_ENGINE_V4_REQUEST_ADDRESS_RESERVED: '%1: requested address %2 is reserved',
  ALLOC_ENGINE_V4_REQUEST_ALLOC_REQUESTED: '%1: trying to allocate requested address %2',
  ALLOC_ENGINE_V4_REQUEST_EXTEND_LEASE: '%1: extending lifetime of the lease for address %2',
  ALLOC_ENGINE_V4_REQUEST_INVALID:
    'client %1 having a reservation for address %2 is requesting invalid address %3',
  ALLOC_ENGINE_V4_REQUEST_IN_USE: '%1: requested address %2 is in use',
  ALLOC_ENGINE_V4_REQUEST_OUT_OF_POOL:
    "client %1, which doesn't have a reservation, requested address %2 out of the dynamic pool",
  ALLOC_ENGINE_V4_REQUEST_PICK_ADDRESS:
    "client %1 hasn't specified an address - picking available address from the pool",
  ALLOC_ENGINE_V4_REQUEST_REMOVE_LEASE: "%1: removing previous client's lease %2",
  ALLOC_ENGINE_V4_REQUEST_USE_HR: "client %1 hasn't requested specific address, using reserved address %2",
  ALLOC_ENGINE_V4_REUSE_EXPIRED_LEASE_DATA: '%1: reusing expired lease, updated lease information: %2',
  DHCPSRV_HOOK_LEASE4_RECOVER_SKIP: 'recovery of the declined lease %1 was skipped by a callout',
  DHCPSRV_HOOK_LEASE4_RENEW_SKIP: 'lease renewal was skipped by a callout; the lease is unchanged',
  DHCPSRV_HOOK_LEASE4_SELECT_SKIP: 'lease selection was skipped by a callout; no lease is assigned',
});
