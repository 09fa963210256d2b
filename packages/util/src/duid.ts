// DHCPv6 DUID and DHCPv4 client-identifier text forms: any of Kea's formatted hex forms on input,
// colon-separated lowercase octets on output, with Kea's length limits.

import { KEA_ERR_UTIL_BAD_CLIENT_ID, KEA_ERR_UTIL_BAD_DUID } from './errors.js';
import { formatHex, parseHex } from './hex.js';
import { isKeaError, KeaError } from './kea-error.js';

/** RFC 8415 allows 128 bytes after the 2-byte type. */
export const DUID_MAX_LEN = 130;
export const DUID_MIN_LEN = 1;
export const CLIENT_ID_MIN_LEN = 2;
export const CLIENT_ID_MAX_LEN = 255;

function parseLimited(text: string, what: string, code: string, min: number, max: number): Buffer {
  let b: Buffer;
  try {
    b = parseHex(text);
  } catch (e) {
    if (!isKeaError(e)) throw e;
    throw new KeaError(code, `invalid ${what} '${text}'`, { cause: e });
  }
  if (b.length < min || b.length > max) {
    throw new KeaError(code, `${what} '${text}' is ${b.length} bytes, expected ${min} to ${max}`);
  }
  return b;
}

export function parseDuid(text: string): Buffer {
  return parseLimited(text, 'DUID', KEA_ERR_UTIL_BAD_DUID, DUID_MIN_LEN, DUID_MAX_LEN);
}

export function formatDuid(data: Uint8Array): string {
  return formatHex(data, ':');
}

export function parseClientId(text: string): Buffer {
  return parseLimited(
    text,
    'client identifier',
    KEA_ERR_UTIL_BAD_CLIENT_ID,
    CLIENT_ID_MIN_LEN,
    CLIENT_ID_MAX_LEN,
  );
}

export function formatClientId(data: Uint8Array): string {
  return formatHex(data, ':');
}
