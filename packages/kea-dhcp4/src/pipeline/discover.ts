// DHCPDISCOVER -> DHCPOFFER (Kea's processDiscover). No answer at all when no address can be offered:
// a client is never NAKed for a DISCOVER.

import { assignLease } from './assign-lease.js';
import { classifyKnown } from './classify.js';
import type { Exchange4 } from './context.js';
import { addConfiguredData, finishResponse, initResponse, sanityCheck } from './response.js';
import { selectSubnet } from './select-subnet.js';

export async function processDiscover(ex: Exchange4): Promise<boolean> {
  sanityCheck(ex, 'forbidden');
  if (!(await selectSubnet(ex))) return false;
  initResponse(ex);
  if (!classifyKnown(ex)) {
    ex.response = null;
    return false;
  }
  ex.committed = true;
  await assignLease(ex);
  const resp = ex.response;
  if (resp === null || resp.yiaddr === 0) {
    ex.response = null;
    return true;
  }
  addConfiguredData(ex);
  finishResponse(ex);
  return true;
}
