// Coded errors of kea-dhcp4. Codes are never reused for another meaning.
import { KeaError } from '@kea-ts/util';

/** A query breaks an RFC 2131 rule Kea enforces (server id where forbidden, no client identity...). */
export const KEA_ERR_DHCP4_RFC_VIOLATION = 'KEA_ERR_DHCP4_RFC_VIOLATION';
/** inject() or a command needed the running configuration before any was applied. */
export const KEA_ERR_DHCP4_NOT_CONFIGURED = 'KEA_ERR_DHCP4_NOT_CONFIGURED';
/** A configuration could not be put in force (lease database, sockets); the previous one stays. */
export const KEA_ERR_DHCP4_APPLY = 'KEA_ERR_DHCP4_APPLY';

export class Dhcp4Error extends KeaError {}

export function rfcViolation(text: string): Dhcp4Error {
  return new Dhcp4Error(KEA_ERR_DHCP4_RFC_VIOLATION, text);
}
