// Coded errors of kea-dhcp6. Codes are never reused for another meaning.
import { KeaError } from '@kea-ts/util';

/** inject() or a command needed the running configuration before any was applied. */
export const KEA_ERR_DHCP6_NOT_CONFIGURED = 'KEA_ERR_DHCP6_NOT_CONFIGURED';
/** A configuration could not be put in force (lease database, sockets, server DUID); the previous one stays. */
export const KEA_ERR_DHCP6_APPLY = 'KEA_ERR_DHCP6_APPLY';
/** RFC 8415 says to discard the message (REBIND for a prefix on an unknown link). */
export const KEA_ERR_DHCP6_DISCARD = 'KEA_ERR_DHCP6_DISCARD';

export class Dhcp6Error extends KeaError {}

export function discard(text: string): Dhcp6Error {
  return new Dhcp6Error(KEA_ERR_DHCP6_DISCARD, text);
}
