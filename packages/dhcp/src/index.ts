// Public entry of @kea-ts/dhcp: the pure DHCPv4/DHCPv6 codec.
export * from './defs/index.js';
export * from './errors.js';
export * from './types.js';
