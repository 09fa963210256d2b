// Hardware (MAC) address text: Kea reads it as colon-separated octets of one or two hex digits
// (lease files, commands) and always writes two lowercase digits per octet.

import { KEA_ERR_UTIL_BAD_HWADDR } from './errors.js';
import { formatHex, parseSeparatedHex } from './hex.js';
import { isKeaError, KeaError } from './kea-error.js';

/** Longest hardware address Kea stores. */
export const HWADDR_MAX_LEN = 20;

/** 'aa:bb:cc:dd:ee:ff' (or 'a:b:...') to bytes; '' is the empty address lease files may hold. */
export function parseHwAddr(text: string): Buffer {
  if (text === '') return Buffer.alloc(0);
  let b: Buffer;
  try {
    b = parseSeparatedHex(text, ':');
  } catch (e) {
    if (!isKeaError(e)) throw e;
    throw new KeaError(KEA_ERR_UTIL_BAD_HWADDR, `invalid hardware address '${text}'`, { cause: e });
  }
  if (b.length > HWADDR_MAX_LEN) {
    throw new KeaError(
      KEA_ERR_UTIL_BAD_HWADDR,
      `hardware address '${text}' is ${b.length} bytes, more than ${HWADDR_MAX_LEN}`,
    );
  }
  return b;
}

export function formatHwAddr(data: Uint8Array): string {
  return formatHex(data, ':');
}

/** Aliases under the everyday name. */
export const parseMac = parseHwAddr;
export const formatMac = formatHwAddr;
