// Log message IDs of kea-dhcp4: Kea 2.2's DHCP4_* ids with Kea's argument order, and the debug levels
// Kea logs them at (log_dbglevels.h and dhcp4_log.cc), so users' log filters keep working.
import { defineMessages } from '@kea-ts/log';

/** Kea's debug levels for the DHCPv4 server. */
export const DBG = {
  START: 0,
  COMMAND: 10,
  PKT_HANDLING: 15,
  BASIC: 40,
  HOOKS: 40,
  BASIC_DATA: 45,
  DETAIL: 50,
  DETAIL_DATA: 55,
} as const;

export const MSG = defineMessages({
  DHCP4_BUFFER_RECEIVED: 'received buffer from %1:%2 to %3:%4 over interface %5',
  DHCP4_BUFFER_UNPACK: 'parsing buffer received from %1 to %2 over interface %3',
  DHCP4_CLASS_ASSIGNED: '%1: client packet has been assigned to the following class(es): %2',
  DHCP4_CLASS_UNCONFIGURED: '%1: client packet belongs to an unconfigured class: %2',
  DHCP4_CLASS_UNDEFINED: 'required class %1 has no definition',
  DHCP4_CLASS_UNTESTABLE: 'required class %1 has no test expression',
  DHCP4_CLIENT_FQDN_DATA: '%1: the client sent a Client FQDN option: %2',
  DHCP4_CLIENT_FQDN_PROCESS: "%1: processing the client's Client FQDN option",
  DHCP4_CLIENT_HOSTNAME_DATA: '%1: the client sent a Hostname option: %2',
  DHCP4_CLIENT_HOSTNAME_MALFORMED: '%1: the client hostname option is malformed: %2',
  DHCP4_CLIENT_HOSTNAME_PROCESS: "%1: processing the client's Hostname option",
  DHCP4_CLIENT_NAME_PROC_FAIL: '%1: the client name could not be processed: %2',
  DHCP4_CONFIG_COMPLETE: 'DHCPv4 server has completed configuration: %1',
  DHCP4_DDNS_REQUEST_SEND_FAILED: 'a NameChangeRequest could not go to kea-dhcp-ddns (%1): %2',
  DHCP4_DECLINE_FAIL: '%1: error on decline lease for address %2: %3',
  DHCP4_DECLINE_LEASE:
    'Received DHCPDECLINE for addr %1 from client %2. The lease will be unavailable for %3 seconds.',
  DHCP4_DECLINE_LEASE_MISMATCH:
    "Received DHCPDECLINE for addr %1 from client %2, but the data doesn't match: received hwaddr: %3, lease hwaddr: %4, received client-id: %5, lease client-id: %6",
  DHCP4_DECLINE_LEASE_NOT_FOUND: 'Received DHCPDECLINE for addr %1 from client %2, but no such lease found.',
  DHCP4_EMPTY_HOSTNAME: '%1: the client sent an empty hostname; the option is ignored',
  DHCP4_GENERATE_FQDN: '%1: the client sent no FQDN or hostname; one will be generated for it',
  DHCP4_HOOK_BUFFER_RCVD_DROP:
    'received buffer from %1 to %2 over interface %3 was dropped because a callout set the drop flag',
  DHCP4_HOOK_BUFFER_RCVD_SKIP:
    'received buffer from %1 to %2 over interface %3 is not parsed because a callout set the next step to SKIP.',
  DHCP4_HOOK_BUFFER_SEND_SKIP:
    '%1: prepared response is dropped because a callout set the next step to SKIP.',
  DHCP4_HOOK_DDNS_UPDATE:
    'ddns4_update callouts changed: hostname %1 to %2, forward update %3 to %4, reverse update %5 to %6',
  DHCP4_HOOK_LEASES4_COMMITTED_DROP: '%1: packet is dropped, because a callout set the next step to DROP',
  DHCP4_HOOK_LEASES4_COMMITTED_PARK: '%1: packet is parked, because a callout set the next step to PARK',
  DHCP4_HOOK_PACKET_RCVD_SKIP: '%1: packet is dropped, because a callout set the next step to SKIP',
  DHCP4_HOOK_PACKET_SEND_DROP:
    '%1: prepared DHCPv4 response was not sent because a callout set the next step to DROP',
  DHCP4_HOOK_PACKET_SEND_SKIP:
    '%1: prepared response is not sent, because a callout set the next step to SKIP',
  DHCP4_HOOK_SUBNET4_SELECT_DROP: "%1: packet was dropped, because a callout set the next step to 'drop'",
  DHCP4_HOOK_SUBNET4_SELECT_SKIP: '%1: no subnet was selected, because a callout set the next skip flag',
  DHCP4_INFORM_DIRECT_REPLY: '%1: DHCPACK in reply to the DHCPINFORM will be sent directly to %2 over %3',
  DHCP4_INIT_REBOOT: '%1: client is in INIT-REBOOT state and requests address %2',
  DHCP4_LEASE_ADVERT: '%1: lease %2 will be advertised',
  DHCP4_LEASE_ALLOC: '%1: lease %2 has been allocated for %3 seconds',
  DHCP4_LEASE_REUSE: '%1: lease %2 has been reused for %3 seconds',
  DHCP4_NO_LEASE_INIT_REBOOT: '%1: no lease for address %2 requested by INIT-REBOOT client',
  DHCP4_PACKET_DROP_0001: 'failed to parse packet from %1 to %2, received over interface %3, reason: %4',
  DHCP4_PACKET_DROP_0002: '%1, from interface %2: no suitable subnet configured for a direct client',
  DHCP4_PACKET_DROP_0003: '%1, from interface %2: it contains a foreign server identifier',
  DHCP4_PACKET_DROP_0004: '%1, from interface %2: missing msg-type option',
  DHCP4_PACKET_DROP_0005: '%1: unrecognized type %2 in option 53',
  DHCP4_PACKET_DROP_0006: '%1: unsupported DHCPv4 message type %2',
  DHCP4_PACKET_DROP_0007: '%1: failed to process packet: %2',
  DHCP4_PACKET_DROP_0008: '%1: DHCP service is globally disabled',
  DHCP4_PACKET_DROP_0009: '%1: Option 53 missing (no DHCP message type), is this a BOOTP packet?',
  DHCP4_PACKET_DROP_0010: "dropped as member of the special class 'DROP': %1",
  DHCP4_PACKET_DROP_0012: "dropped as member of the special class 'DROP' after host reservation lookup: %1",
  DHCP4_PACKET_NAK_0001: '%1: failed to select a subnet for incoming packet, src %2, type %3',
  DHCP4_PACKET_NAK_0002: '%1: invalid address %2 requested by INIT-REBOOT',
  DHCP4_PACKET_NAK_0003: '%1: failed to advertise a lease, client sent ciaddr %2, requested-ip-address %3',
  DHCP4_PACKET_NAK_0004: '%1: failed to grant a lease, client sent ciaddr %2, requested-ip-address %3',
  DHCP4_PACKET_PACK: '%1: preparing on-wire format of the packet to be sent',
  DHCP4_PACKET_PACK_FAIL: '%1: preparing on-wire-format of the packet to be sent failed %2',
  DHCP4_PACKET_QUEUE_FULL: 'packet queue is full (%1 packets in flight): dropping a packet from %2',
  DHCP4_PACKET_RECEIVED: '%1: %2 (type %3) received from %4 to %5 on interface %6',
  DHCP4_PACKET_SEND: '%1: trying to send packet %2 (type %3) from %4:%5 to %6:%7 on interface %8',
  DHCP4_PACKET_SEND_FAIL: '%1: failed to send DHCPv4 packet: %2',
  DHCP4_QUERY_DATA: '%1, packet details: %2',
  DHCP4_RECLAIM_EXPIRED_LEASES_FAIL: 'failed to reclaim expired leases: %1',
  DHCP4_RELEASE: '%1: address %2 was released properly.',
  DHCP4_RELEASE_EXCEPTION: '%1: while trying to release address %2 an exception occurred: %3',
  DHCP4_RELEASE_FAIL: '%1: failed to remove lease for address %2',
  DHCP4_RELEASE_FAIL_NO_LEASE: '%1: client is trying to release non-existing lease %2',
  DHCP4_RELEASE_FAIL_WRONG_CLIENT:
    '%1: client is trying to release the lease %2 which belongs to a different client',
  DHCP4_RESERVED_HOSTNAME_ASSIGNED: '%1: the reserved hostname %2 is assigned',
  DHCP4_RESPONSE_DATA: '%1: responding with packet %2 (type %3), packet details: %4',
  DHCP4_RESPONSE_FQDN_DATA: '%1: the answer carries the Client FQDN option: %2',
  DHCP4_RESPONSE_HOSTNAME_DATA: '%1: the answer carries the Hostname option: %2',
  DHCP4_RESPONSE_HOSTNAME_GENERATE: '%1: hostname %2 generated for the client from its address',
  DHCP4_STARTED: 'Kea DHCPv4 server version %1 started',
  DHCP4_SUBNET_DATA: '%1: the selected subnet details: %2',
  DHCP4_SUBNET_DYNAMICALLY_CHANGED:
    '%1: changed selected subnet %2 to subnet %3 from shared network %4 for client assignments',
  DHCP4_SUBNET_SELECTED: '%1: the subnet with ID %2 was selected for client assignments',
  DHCP4_SUBNET_SELECTION_FAILED: '%1: failed to select subnet for the client',
  DHCP4_UNKNOWN_ADDRESS_REQUESTED:
    '%1: client sent ciaddr %2, requested-ip-address %3, which is not in any pool of this server: no answer',
});
