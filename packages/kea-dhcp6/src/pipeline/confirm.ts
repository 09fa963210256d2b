// CONFIRM (Kea's processConfirm): are the client's addresses on the link of the selected subnet?
// No IA_NA or no address at all: no answer (RFC 8415 18.3.3).
import { Option6, Status6 } from '@kea-ts/dhcp';
import { formatIPv6 } from '@kea-ts/util';
import type { Exchange6 } from './context.js';
import { readIas, statusPayload } from './wire6.js';

function inRange(first: Buffer, last: Buffer, a: Buffer): boolean {
  return Buffer.compare(first, a) <= 0 && Buffer.compare(a, last) <= 0;
}

/** false: the message gets no answer. */
export function processConfirm(ex: Exchange6): boolean {
  const ias = readIas(ex.q, Option6.IA_NA);
  if (ias.length === 0) return false;
  const subnet = ex.subnet;
  const resp = ex.response!;
  let verified = false;
  for (const ia of ias) {
    for (const h of ia.hints) {
      if (subnet !== null && !inRange(subnet.first, subnet.last, h.address)) {
        resp.setOption(
          Option6.STATUS_CODE,
          statusPayload(Status6.NotOnLink, `Address ${formatIPv6(h.address)} is not on link.`),
        );
        return true;
      }
      verified = true;
    }
  }
  if (!verified) return false;
  resp.setOption(
    Option6.STATUS_CODE,
    subnet !== null
      ? statusPayload(Status6.Success, 'All addresses are on-link')
      : statusPayload(Status6.NotOnLink, 'No subnet selected'),
  );
  return true;
}
