// What a lease contributes to its DNS requests: the DHCID of a v4 lease (RFC 4701 as Kea's D2Dhcid
// makes it) and whether two leases name the same thing (Kea's Lease::hasIdenticalFqdn).
import { computeDhcid, DhcidIdentifierType, dhcidFromHwAddr } from '@kea-ts/dns';
import type { Lease4, Lease6 } from '../lease/lease.js';

/** Kea's Lease::hasIdenticalFqdn: same hostname (any case) and directions. */
export function sameFqdn(a: Readonly<Lease4 | Lease6>, b: Readonly<Lease4 | Lease6>): boolean {
  return (
    a.hostname.toLowerCase() === b.hostname.toLowerCase() &&
    a.fqdnFwd === b.fqdnFwd &&
    a.fqdnRev === b.fqdnRev
  );
}

/** Kea's D2Dhcid for a v4 lease: client identifier first (through its DUID when RFC 4361), else htype+chaddr. */
export function dhcid4(lease: Readonly<Lease4>): Buffer {
  const cid = lease.clientId;
  if (cid !== null && cid.length > 0) {
    if (cid[0] === 255) {
      if (cid.length <= 5 || cid.length > 135) {
        throw new Error(
          `unable to compute DHCID from client identifier, embedded DUID length of: ${cid.length}`,
        );
      }
      return computeDhcid(DhcidIdentifierType.DUID, cid.subarray(5), lease.hostname);
    }
    return computeDhcid(DhcidIdentifierType.CLIENT_ID, cid, lease.hostname);
  }
  if (lease.hwaddr === null || lease.hwaddr.length === 0) {
    throw new Error('unable to compute DHCID from the HW address, HW address is empty');
  }
  return dhcidFromHwAddr(lease.htype, lease.hwaddr, lease.hostname);
}
