// Public entry point of @kea-ts/net: interface discovery, `interfaces-config` selection and the
// per-interface DHCPv4/DHCPv6 service sockets. Passes raw buffers plus ingress; never parses DHCP.

export * from './errors.js';
export { FRAME_OVERHEAD, type FrameAddresses, internetChecksum, writeUdpFrame } from './frame.js';
export {
  detectInterfaces,
  type IfaceAddress4,
  type IfaceAddress6,
  type IfaceFlags,
  isLinkLocal6,
  type NetInterface,
} from './interfaces.js';
export {
  type Family,
  type InterfacesConfig,
  parseInterfacesConfig,
  type SelectedInterface,
  selectInterfaces,
} from './interfaces-config.js';
export { NET_MESSAGES } from './messages.js';
export { PacketSender } from './packet-socket.js';
export {
  BROADCAST4,
  Dhcp4Sockets,
  Iface4Sockets,
  type Open4Options,
  type Packet4Handler,
  type SocketInfo4,
} from './socket-set4.js';
export {
  ALL_DHCP_RELAY_AGENTS_AND_SERVERS,
  ALL_DHCP_SERVERS,
  Dhcp6Sockets,
  Iface6Sockets,
  type Open6Options,
  type Packet6Handler,
  type Socket6Kind,
  type SocketInfo6,
} from './socket-set6.js';
