// DHCPINFORM -> DHCPACK with configuration only (Kea's processInform): no lease, no lease time. An
// answer that goes to the client itself rather than to the relay loses the relay fields.
import { getLogger } from '@kea-ts/log';
import { formatIPv4 } from '@kea-ts/util';
import { DBG, MSG } from '../messages.js';
import { classifyKnown, classifyRequired } from './classify.js';
import type { Exchange4 } from './context.js';
import { setDestination } from './destination.js';
import { appendOptions, appendServerId, setFixedFields } from './options.js';
import { initResponse, sanityCheck } from './response.js';
import { selectSubnet } from './select-subnet.js';

const packetLog = getLogger('kea-dhcp4.packets');

export async function processInform(ex: Exchange4): Promise<boolean> {
  sanityCheck(ex, 'optional');
  if (!(await selectSubnet(ex))) return false;
  initResponse(ex);
  ex.committed = true;
  const q = ex.q;
  if (!classifyKnown(ex)) {
    ex.response = null;
    return false;
  }
  classifyRequired(ex);
  appendOptions(ex);
  setDestination(ex);
  setFixedFields(ex);
  const resp = ex.response!;
  const dest = ex.destination!;
  if (dest.address !== q.giaddr) {
    packetLog.debug(DBG.DETAIL, MSG.DHCP4_INFORM_DIRECT_REPLY, ex, formatIPv4(dest.address), dest.iface);
    resp.hops = 0;
    resp.giaddr = 0;
    resp.deleteOption(82);
  }
  appendServerId(ex);
  return true;
}
