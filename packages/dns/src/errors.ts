// Coded errors of @kea-ts/dns. Codes are never reused for another meaning.
import { KeaError } from '@kea-ts/util';

/** Received bytes that are not a well-formed DNS message (truncated, bad pointer, bad length). */
export const ERR_DNS_MALFORMED = 'KEA_ERR_DNS_MALFORMED';
/** A name, record or message we were asked to build that DNS cannot carry. */
export const ERR_DNS_BAD_INPUT = 'KEA_ERR_DNS_BAD_INPUT';
/** A TSIG key whose algorithm, secret or digest-bits cannot be used. */
export const ERR_DNS_TSIG_KEY = 'KEA_ERR_DNS_TSIG_KEY';

export function malformed(message: string): KeaError {
  return new KeaError(ERR_DNS_MALFORMED, message);
}

export function badInput(message: string): KeaError {
  return new KeaError(ERR_DNS_BAD_INPUT, message);
}

export function tsigKeyError(message: string): KeaError {
  return new KeaError(ERR_DNS_TSIG_KEY, message);
}
