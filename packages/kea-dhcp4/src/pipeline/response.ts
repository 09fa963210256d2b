// Starting an answer (Kea's sanityCheck and Dhcpv4Exchange::initResponse / copyDefaultFields /
// copyDefaultOptions) and finishing one (options, fixed fields, destination, server identifier).
import { MessageType4, messageType4Name, Pkt4 } from '@kea-ts/dhcp';
import { rfcViolation } from '../errors.js';
import { classifyRequired } from './classify.js';
import type { Exchange4 } from './context.js';
import { setDestination } from './destination.js';
import { appendOptions, appendServerId, copyDefaultOptions, setFixedFields } from './options.js';

const M = MessageType4;

export type ServerIdRule = 'forbidden' | 'mandatory' | 'optional';

/** Throws an RFC violation (the packet is then dropped with DHCP4_PACKET_DROP_0007). */
export function sanityCheck(ex: Exchange4, rule: ServerIdRule): void {
  const q = ex.q;
  const hasServerId = q.hasOption(54);
  if (rule === 'forbidden' && hasServerId) {
    throw rfcViolation(`Server-id option was not expected, but received in message ${name(q.messageType)}`);
  }
  if (rule === 'mandatory' && !hasServerId) {
    throw rfcViolation(`Server-id option was expected, but not received in message ${name(q.messageType)}`);
  }
  if (q.hlen > 0 && q.chaddr.length > 0) return;
  const cid = q.getOption(61);
  if (cid === undefined || cid.length === 0) {
    throw rfcViolation(
      `Missing or useless client-id and no HW address provided in message ${name(q.messageType)}`,
    );
  }
}

const name = messageType4Name;

/** The answer skeleton: OFFER for DISCOVER, ACK for REQUEST and INFORM, header fields copied. */
export function initResponse(ex: Exchange4): void {
  const q = ex.q;
  const type = q.messageType;
  const respType = type === M.DHCPDISCOVER ? M.DHCPOFFER : M.DHCPACK;
  const resp = Pkt4.reply(q, respType);
  resp.siaddr = 0;
  resp.ciaddr = type === M.DHCPINFORM ? q.ciaddr : 0;
  ex.response = resp;
  copyDefaultOptions(ex);
}

/** Options from the configuration and fixed fields, for an answer that carries an address. */
export function addConfiguredData(ex: Exchange4): void {
  classifyRequired(ex);
  appendOptions(ex);
  setFixedFields(ex);
}

/** Destination and server identifier: the last touches of every answer. */
export function finishResponse(ex: Exchange4): void {
  setDestination(ex);
  appendServerId(ex);
}
