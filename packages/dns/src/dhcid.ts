// DHCID RDATA (RFC 4701 3.3): identifier type, digest type 1, SHA-256 over identifier || FQDN in
// canonical wire form. Kea feeds it the DUID (v6), the client identifier option (v4) or htype+chaddr.
import { createHash } from 'node:crypto';
import { badInput } from './errors.js';
import { nameToWire } from './name.js';

export const DhcidIdentifierType = {
  /** htype (1 octet) followed by chaddr, for DHCPv4 clients without a client identifier. */
  HWADDR: 0x0000,
  /** The whole DHCPv4 client identifier option payload (type octet included). */
  CLIENT_ID: 0x0001,
  /** The DHCPv6 client DUID. */
  DUID: 0x0002,
} as const;

const DIGEST_SHA256 = 1;

/** The DHCID RDATA for an identifier and the client's FQDN. */
export function computeDhcid(identifierType: number, identifier: Uint8Array, fqdn: string): Buffer {
  if (!Number.isInteger(identifierType) || identifierType < 0 || identifierType > 0xfffe) {
    throw badInput(`DHCID identifier type ${identifierType} out of range`);
  }
  if (identifier.length === 0) throw badInput('DHCID identifier is empty');
  // RFC 4701 3.5: the FQDN in canonical (lowercase) wire form, so case changes keep the same DHCID.
  const digest = createHash('sha256').update(identifier).update(nameToWire(fqdn, true)).digest();
  const head = Buffer.alloc(3);
  head.writeUInt16BE(identifierType, 0);
  head[2] = DIGEST_SHA256;
  return Buffer.concat([head, digest]);
}

/** DHCID from a hardware address: type 0, identifier = htype || chaddr. */
export function dhcidFromHwAddr(htype: number, chaddr: Uint8Array, fqdn: string): Buffer {
  return computeDhcid(DhcidIdentifierType.HWADDR, Buffer.concat([Buffer.from([htype]), chaddr]), fqdn);
}

export function dhcidFromClientId(clientId: Uint8Array, fqdn: string): Buffer {
  return computeDhcid(DhcidIdentifierType.CLIENT_ID, clientId, fqdn);
}

export function dhcidFromDuid(duid: Uint8Array, fqdn: string): Buffer {
  return computeDhcid(DhcidIdentifierType.DUID, duid, fqdn);
}
