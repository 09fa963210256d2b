// Public entry of @kea-ts/dhcp: the pure DHCPv4/DHCPv6 codec.
export * from './defs/index.js';
export * from './errors.js';
export * from './options/index.js';
export * from './pkt4.js';
export * from './pkt6.js';
export * from './types.js';
export {
  BOOTP_MIN_SIZE,
  DHCP4_HEADER_LEN,
  DHCP4_OPTIONS_START,
  orderCodes4,
} from './wire/layout4.js';
export {
  concatCode,
  findCode,
  listInstances,
  type OptionIndex,
  type OptionInstance,
  payloadAt,
} from './wire/option-index.js';
export * from './wire/pkt4-options.js';
export * from './wire/pkt6-options.js';
export * from './wire/tlv4.js';
export * from './wire/tlv6.js';
