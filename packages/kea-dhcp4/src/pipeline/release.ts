// DHCPRELEASE (Kea's processRelease): the lease at ciaddr is released when it belongs to the sender;
// never answered.
import { getLogger } from '@kea-ts/log';
import { formatIPv4 } from '@kea-ts/util';
import { DBG, MSG } from '../messages.js';
import { belongsToClient } from './assign-lease.js';
import type { Exchange4 } from './context.js';
import { sanityCheck } from './response.js';

const leaseLog = getLogger('kea-dhcp4.leases');

export async function processRelease(ex: Exchange4): Promise<boolean> {
  sanityCheck(ex, 'optional');
  ex.committed = true;
  const q = ex.q;
  const cid = q.getOption(61) ?? null;
  const address = q.ciaddr;
  try {
    const lease = await ex.srv.leaseMgr.get(address);
    if (lease === null) {
      leaseLog.debug(DBG.DETAIL, MSG.DHCP4_RELEASE_FAIL_NO_LEASE, ex, formatIPv4(address));
      return true;
    }
    if (!belongsToClient(lease, q.htype, q.chaddr, cid)) {
      leaseLog.debug(DBG.DETAIL, MSG.DHCP4_RELEASE_FAIL_WRONG_CLIENT, ex, formatIPv4(address));
      return true;
    }
    // false: a lease4_release callout skipped it, or the lease was gone meanwhile.
    const released = await ex.srv.engine.releaseLease4(lease, { query4: q, calloutHandle: ex.handle });
    if (released === false) {
      leaseLog.error(MSG.DHCP4_RELEASE_FAIL, ex, formatIPv4(address));
      return true;
    }
    ex.oldLease = lease;
    leaseLog.info(MSG.DHCP4_RELEASE, ex, formatIPv4(address));
  } catch (err) {
    leaseLog.error(MSG.DHCP4_RELEASE_EXCEPTION, ex, formatIPv4(address), (err as Error).message);
  }
  return true;
}
