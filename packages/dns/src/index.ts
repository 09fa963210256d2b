// Public entry point of @kea-ts/dns: the DNS message codec, RFC 2136 updates, DHCID and TSIG.
export { Opcode, Rcode, RRClass, RRType, rcodeName, typeName } from './constants.js';
export {
  computeDhcid,
  DhcidIdentifierType,
  dhcidFromClientId,
  dhcidFromDuid,
  dhcidFromHwAddr,
} from './dhcid.js';
export { ERR_DNS_BAD_INPUT, ERR_DNS_MALFORMED, ERR_DNS_TSIG_KEY } from './errors.js';
export {
  type DecodedMessage,
  decodeMessage,
  emptyMessage,
  encodeMessage,
  type Message,
  type Question,
  type ResourceRecord,
} from './message.js';
export { canonicalName, labelsToName, NameCompressor, nameToLabels, nameToWire, readName } from './name.js';
export { encodeRData, type RData, readRData, type SoaData, type TsigData } from './rdata.js';
export {
  DEFAULT_FUDGE,
  type SignOptions,
  signMessage,
  type TsigFailure,
  type TsigVerifyResult,
  type VerifyOptions,
  verifyMessage,
} from './tsig.js';
export { createTsigKey, TSIG_ALGORITHMS, type TsigKey, type TsigKeyConfig } from './tsig-key.js';
export { rdataType, UpdateBuilder } from './update.js';
