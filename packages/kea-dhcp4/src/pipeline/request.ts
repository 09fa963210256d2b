// DHCPREQUEST -> DHCPACK or DHCPNAK (Kea's processRequest) for all four client states: SELECTING
// (server id + requested address), INIT-REBOOT (requested address only), RENEWING (ciaddr, unicast) and
// REBINDING (ciaddr, broadcast). The state rules live in assignLease; an unknown INIT-REBOOT client of a
// non-authoritative server gets no answer.

import { assignLease } from './assign-lease.js';
import { classifyKnown } from './classify.js';
import type { Exchange4 } from './context.js';
import { addConfiguredData, finishResponse, initResponse, sanityCheck } from './response.js';
import { selectSubnet } from './select-subnet.js';

export async function processRequest(ex: Exchange4): Promise<boolean> {
  sanityCheck(ex, 'optional');
  if (!(await selectSubnet(ex))) return false;
  initResponse(ex);
  if (!classifyKnown(ex)) {
    ex.response = null;
    return false;
  }
  ex.committed = true;
  await assignLease(ex);
  const resp = ex.response;
  if (resp === null) return true;
  if (resp.yiaddr !== 0) addConfiguredData(ex);
  finishResponse(ex);
  return true;
}
