// Public entry point of @kea-ts/util.

export {
  CLIENT_ID_MAX_LEN,
  CLIENT_ID_MIN_LEN,
  DUID_MAX_LEN,
  DUID_MIN_LEN,
  formatClientId,
  formatDuid,
  parseClientId,
  parseDuid,
} from './duid.js';
export * from './errors.js';
export { formatHex, isHex, parseHex, parsePlainHex, parseSeparatedHex } from './hex.js';
export { formatHwAddr, formatMac, HWADDR_MAX_LEN, parseHwAddr, parseMac } from './hwaddr.js';
export {
  formatIPv4,
  formatIPv4Prefix,
  type IPv4Prefix,
  ipv4Broadcast,
  ipv4FromBytes,
  ipv4Mask,
  ipv4MaskLength,
  ipv4Network,
  ipv4PrefixContains,
  ipv4PrefixSize,
  ipv4RangeSize,
  ipv4ToBytes,
  isIPv4,
  parseIPv4,
  parseIPv4Prefix,
  tryParseIPv4,
} from './ipv4.js';
export {
  formatIPv6,
  formatIPv6Prefix,
  type IPv6Prefix,
  ipv6Add,
  ipv6Compare,
  ipv6FromBigInt,
  ipv6LastAddress,
  ipv6Network,
  ipv6PrefixContains,
  ipv6PrefixSize,
  ipv6ToBigInt,
  isIPv6,
  parseIPv6,
  parseIPv6Prefix,
  tryParseIPv6,
} from './ipv6.js';
export { isKeaError, KeaError } from './kea-error.js';
export { Reader } from './reader.js';
export { Writer } from './writer.js';
