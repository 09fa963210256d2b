// Coded errors of @kea-ts/dhcp-ddns. Codes are never reused for another meaning.
import { KeaError } from '@kea-ts/util';

/** A NameChangeRequest (JSON text, wire datagram or fields) that is not valid; Kea's NcrMessageError. */
export const ERR_DHCP_DDNS_BAD_NCR = 'KEA_ERR_DHCP_DDNS_BAD_NCR';
/** send() on a sender that is not started, or stopped; Kea's NcrSenderError. */
export const ERR_DHCP_DDNS_SENDER_NOT_READY = 'KEA_ERR_DHCP_DDNS_SENDER_NOT_READY';
/** send() while the queue holds max-queue-size requests; Kea's NcrSenderQueueFull. */
export const ERR_DHCP_DDNS_QUEUE_FULL = 'KEA_ERR_DHCP_DDNS_QUEUE_FULL';
/** A sender or receiver option that cannot be used (address, port, queue size, format, protocol). */
export const ERR_DHCP_DDNS_BAD_OPTION = 'KEA_ERR_DHCP_DDNS_BAD_OPTION';
/** A socket could not be opened or bound. */
export const ERR_DHCP_DDNS_SOCKET = 'KEA_ERR_DHCP_DDNS_SOCKET';

export function badNcr(message: string): KeaError {
  return new KeaError(ERR_DHCP_DDNS_BAD_NCR, message);
}

export function badOption(message: string): KeaError {
  return new KeaError(ERR_DHCP_DDNS_BAD_OPTION, message);
}
