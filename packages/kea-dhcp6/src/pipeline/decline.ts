// DECLINE (Kea's declineIA): every IAADDR of each IA_NA is matched to its lease (same DUID, same IAID)
// and put in probation for decline-probation-period; each IA answered with Kea's status and text.
import { Option6, Status6 } from '@kea-ts/dhcp';
import { getLogger } from '@kea-ts/log';
import { formatIPv6 } from '@kea-ts/util';
import { MSG } from '../messages.js';
import type { Exchange6 } from './context.js';
import { IaOut, readIas } from './wire6.js';

const leaseLog = getLogger('kea-dhcp6.leases');

/** false when a callout skipped a decline: Kea then sends nothing. */
export async function processDecline(ex: Exchange6): Promise<boolean> {
  const q = ex.q;
  const duid = q.getOption(Option6.CLIENTID)!;
  for (const ia of readIas(q, Option6.IA_NA)) {
    const out = new IaOut(ia.code, ia.iaid);
    for (const hint of ia.hints) {
      const text = formatIPv6(hint.address);
      const lease = await ex.srv.leaseMgr.get(0, hint.address);
      if (lease === null) {
        leaseLog.info(MSG.DHCP6_DECLINE_FAIL_NO_LEASE, ex, text);
        out.status(Status6.NoBinding, 'Server does not know about such an address.');
        continue;
      }
      if (!lease.duid.equals(duid)) {
        leaseLog.info(MSG.DHCP6_DECLINE_FAIL_DUID_MISMATCH, ex, text, lease.duid.toString('hex'));
        out.status(Status6.NoBinding, "This address does not belong to you, you can't decline it");
        continue;
      }
      if (lease.iaid !== ia.iaid) {
        leaseLog.info(MSG.DHCP6_DECLINE_FAIL_IAID_MISMATCH, ex, text, ia.iaid, lease.iaid);
        out.status(Status6.NoBinding, 'This is your address, but you used wrong IAID');
        continue;
      }
      const probation = ex.srv.declineProbationPeriod;
      const declined = await ex.srv.engine.declineLease6(lease, probation, { query6: q });
      if (declined === null) return false;
      leaseLog.info(MSG.DHCP6_DECLINE_LEASE, ex, text, probation);
      ex.leases.push(declined);
      out.status(Status6.Success, 'Lease declined. Hopefully the next one will be better.');
    }
    if (ia.hints.length === 0) out.status(Status6.NoBinding, 'No addresses sent in IA_NA');
    ex.response!.addOption(ia.code, out.encode());
  }
  return true;
}
