// Kea's UDP framing of a NameChangeRequest: a 2-byte network-order length, then that many bytes of JSON.
import { badNcr } from './errors.js';
import { type NameChangeRequest, ncrFromJson, ncrToJson } from './ncr.js';

/** Kea's largest NCR datagram (asiolink UDPSocket MIN_SIZE): its receiver reads at most this many bytes. */
export const NCR_MAX_DATAGRAM = 4096;

/** The datagram Kea's sender puts on the wire for `ncr`. Throws KEA_ERR_DHCP_DDNS_BAD_NCR when too big. */
export function encodeNcr(ncr: NameChangeRequest): Buffer {
  const json = Buffer.from(ncrToJson(ncr), 'utf8');
  if (json.length + 2 > NCR_MAX_DATAGRAM) {
    throw badNcr(
      `NameChangeRequest JSON of ${json.length} bytes does not fit a ${NCR_MAX_DATAGRAM}-byte datagram`,
    );
  }
  const out = Buffer.allocUnsafe(json.length + 2);
  out.writeUInt16BE(json.length, 0);
  json.copy(out, 2);
  return out;
}

/**
 * Parses one received datagram. Refused (KEA_ERR_DHCP_DDNS_BAD_NCR): datagrams over NCR_MAX_DATAGRAM bytes,
 * a length prefix that runs past the datagram or leaves bytes after the JSON, and any invalid JSON request.
 */
export function decodeNcr(datagram: Uint8Array): NameChangeRequest {
  const buf = Buffer.isBuffer(datagram) ? datagram : Buffer.from(datagram);
  if (buf.length > NCR_MAX_DATAGRAM) {
    throw badNcr(`datagram of ${buf.length} bytes is larger than ${NCR_MAX_DATAGRAM} bytes`);
  }
  if (buf.length < 2) throw badNcr(`datagram of ${buf.length} byte(s) has no 2-byte length prefix`);
  const len = buf.readUInt16BE(0);
  if (len + 2 > buf.length) {
    throw badNcr(`length prefix ${len} runs past the end of the ${buf.length}-byte datagram`);
  }
  if (len + 2 < buf.length) {
    throw badNcr(`datagram has ${buf.length - 2 - len} byte(s) after the ${len}-byte NameChangeRequest`);
  }
  return ncrFromJson(buf.toString('utf8', 2, 2 + len));
}
