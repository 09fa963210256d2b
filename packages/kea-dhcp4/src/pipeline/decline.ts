// DHCPDECLINE (Kea's processDecline): the client found the address in use; the lease becomes declined
// for decline-probation-period seconds. Option 50 is mandatory; never answered.
import { getLogger } from '@kea-ts/log';
import { formatIPv4 } from '@kea-ts/util';
import { rfcViolation } from '../errors.js';
import { clientIdText, hwaddrText } from '../label.js';
import { MSG } from '../messages.js';
import { belongsToClient } from './assign-lease.js';
import type { Exchange4 } from './context.js';
import { sanityCheck } from './response.js';

const leaseLog = getLogger('kea-dhcp4.leases');
const dhcp4Log = getLogger('kea-dhcp4.dhcp4');

export async function processDecline(ex: Exchange4): Promise<boolean> {
  sanityCheck(ex, 'optional');
  const q = ex.q;
  const address = q.requestedAddress;
  if (address === undefined) {
    throw rfcViolation(
      `Mandatory 'Requested IP address' option missing in DHCPDECLINE sent from ${ex.label}`,
    );
  }
  ex.committed = true;
  const lease = await ex.srv.leaseMgr.get(address);
  if (lease === null) {
    dhcp4Log.warn(MSG.DHCP4_DECLINE_LEASE_NOT_FOUND, formatIPv4(address), ex);
    return true;
  }
  const cid = q.getOption(61) ?? null;
  if (!belongsToClient(lease, q.htype, q.chaddr, cid)) {
    dhcp4Log.warn(
      MSG.DHCP4_DECLINE_LEASE_MISMATCH,
      formatIPv4(address),
      ex,
      q.chaddr.length > 0 ? hwaddrText(q.htype, q.chaddr) : '(none)',
      lease.hwaddr !== null ? hwaddrText(lease.htype, lease.hwaddr) : '(none)',
      clientIdText(cid),
      clientIdText(lease.clientId),
    );
    return true;
  }
  const probation = ex.srv.declineProbationPeriod;
  try {
    const declined = await ex.srv.engine.declineLease4(lease, probation, {
      query4: q,
      calloutHandle: ex.handle,
    });
    // null: a lease4_decline callout skipped it (the engine logged why).
    if (declined === null) return true;
    ex.lease = declined;
  } catch (err) {
    leaseLog.error(MSG.DHCP4_DECLINE_FAIL, ex, formatIPv4(address), (err as Error).message);
    return true;
  }
  leaseLog.info(MSG.DHCP4_DECLINE_LEASE, formatIPv4(address), ex, probation);
  return true;
}
