// Public surface of the option definition tables and the registry.
export * from './codes.js';
export * from './dhcp4.js';
export * from './dhcp6.js';
export * from './message-types.js';
export * from './registry.js';
export * from './special-formats.js';
export * from './sub-spaces.js';
export * from './vendor.js';
