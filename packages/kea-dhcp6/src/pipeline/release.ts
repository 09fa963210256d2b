// RELEASE (Kea's releaseIA_NA / releaseIA_PD): the first IAADDR / IAPREFIX of each IA is matched to its
// lease (same DUID, same IAID) and released; each IA answered with Kea's status and text, and a
// message-level summary status.
import { Option6, Status6 } from '@kea-ts/dhcp';
import { getLogger } from '@kea-ts/log';
import { formatIPv6 } from '@kea-ts/util';
import { MSG } from '../messages.js';
import type { Exchange6 } from './context.js';
import { IaOut, readIas, statusPayload } from './wire6.js';

const leaseLog = getLogger('kea-dhcp6.leases');

export async function processRelease(ex: Exchange6): Promise<void> {
  const q = ex.q;
  const resp = ex.response!;
  const duid = q.getOption(Option6.CLIENTID)!;
  let general: number = Status6.Success;
  const ias = [...readIas(q, Option6.IA_NA), ...readIas(q, Option6.IA_PD)];
  for (const ia of ias) {
    const pd = ia.code === Option6.IA_PD;
    const out = new IaOut(ia.code, ia.iaid);
    const hint = ia.hints[0];
    if (hint === undefined) {
      out.status(Status6.NoBinding, `You did not include ${pd ? 'a prefix' : 'an address'} in your RELEASE`);
      general = Status6.NoBinding;
      resp.addOption(ia.code, out.encode());
      continue;
    }
    const lease = await ex.srv.leaseMgr.get(pd ? 2 : 0, hint.address);
    const text = formatIPv6(hint.address);
    if (lease === null) {
      out.status(Status6.NoBinding, "Sorry, no known leases for this duid/iaid, can't release.");
      general = Status6.NoBinding;
    } else if (!lease.duid.equals(duid)) {
      leaseLog.info(MSG.DHCP6_RELEASE_NA_FAIL_WRONG_DUID, ex, text, lease.duid.toString('hex'));
      out.status(Status6.NoBinding, "This address does not belong to you, you can't release it");
      general = Status6.NoBinding;
    } else if (lease.iaid !== ia.iaid) {
      leaseLog.info(MSG.DHCP6_RELEASE_NA_FAIL_WRONG_IAID, ex, text, lease.iaid, ia.iaid);
      out.status(Status6.NoBinding, 'This is your address, but you used wrong IAID');
      general = Status6.NoBinding;
    } else if (!(await ex.srv.engine.releaseLease6(lease, { query6: q }))) {
      leaseLog.info(
        pd ? MSG.DHCP6_RELEASE_PD_FAIL : MSG.DHCP6_RELEASE_NA_FAIL,
        ex,
        text,
        ...(pd ? [lease.prefixLen] : []),
        ia.iaid,
      );
      out.status(Status6.UnspecFail, 'Server failed to release a lease');
      general = Status6.UnspecFail;
    } else {
      if (pd) leaseLog.info(MSG.DHCP6_RELEASE_PD, ex, text, lease.prefixLen, ia.iaid);
      else leaseLog.info(MSG.DHCP6_RELEASE_NA, ex, text, ia.iaid);
      out.status(Status6.Success, 'Lease released. Thank you, please come again.');
    }
    resp.addOption(ia.code, out.encode());
  }
  resp.setOption(Option6.STATUS_CODE, statusPayload(general, 'Summary status for all processed IA_NAs'));
}
