// Message IDs logged by @kea-ts/net: Kea 2.2's ids from libdhcpsrv (DHCPSRV_*) and from the two servers
// (DHCP4_* / DHCP6_*, chosen by the family of the socket set). The texts are ours; argument order is Kea's.

import { defineMessages } from '@kea-ts/log';

export const NET_MESSAGES = defineMessages({
  DHCPSRV_CFGMGR_ADD_IFACE: 'listening on interface %1',
  DHCPSRV_CFGMGR_ALL_IFACES_ACTIVE: 'enabling listening on all interfaces',
  DHCPSRV_CFGMGR_CLEAR_ACTIVE_IFACES: 'stop listening on all interfaces',
  DHCPSRV_CFGMGR_SOCKET_TYPE_DEFAULT: '"dhcp-socket-type" not specified, using default socket type %1',
  DHCPSRV_CFGMGR_SOCKET_TYPE_SELECT: 'using socket type %1',
  DHCPSRV_CFGMGR_UNICAST_LINK_LOCAL: 'specified link local address %1 for unicast traffic on interface %2',
  DHCPSRV_CFGMGR_USE_ADDRESS: 'listening on address %1, on interface %2',
  DHCPSRV_CFGMGR_USE_UNICAST: 'listening on unicast address %1, on interface %2',
  DHCPSRV_NO_SOCKETS_OPEN: 'no interface configured to listen to DHCP traffic',
  DHCPSRV_OPEN_SOCKET_FAIL: 'failed to open socket: %1',
  DHCP4_OPEN_SOCKET: 'opening service sockets on port %1',
  DHCP4_PACKET_SEND_FAIL: '%1: failed to send DHCPv4 packet: %2',
  DHCP6_PACKET_SEND_FAIL: '%1: failed to send DHCPv6 packet: %2',
  DHCP4_OPEN_SOCKETS_FAILED:
    'maximum number of open service sockets attempts: %1, has been exhausted without success',
  DHCP6_OPEN_SOCKET: 'opening service sockets on port %1',
  DHCP6_OPEN_SOCKETS_FAILED:
    'maximum number of open service sockets attempts: %1, has been exhausted without success',
  DHCP6_SOCKET_UNICAST: 'server is about to open socket on address %1 on interface %2',
});
