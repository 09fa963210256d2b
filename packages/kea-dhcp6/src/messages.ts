// Log message IDs of kea-dhcp6: Kea 2.2's DHCP6_* ids with Kea's argument order, and the debug levels
// Kea logs them at (log_dbglevels.h and dhcp6_log.h), so users' log filters keep working.
import { defineMessages } from '@kea-ts/log';

/** Kea's debug levels for the DHCPv6 server. */
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
  DHCP6_ADD_GLOBAL_STATUS_CODE: '%1: adding Status Code to DHCPv6 packet: %2',
  DHCP6_ADD_STATUS_CODE_FOR_IA: '%1: adding Status Code to IA with iaid=%2: %3',
  DHCP6_BUFFER_RECEIVED: 'received buffer from %1:%2 to %3:%4 over interface %5',
  DHCP6_BUFFER_UNPACK: 'parsing buffer received from %1 to %2 over interface %3',
  DHCP6_CLASS_ASSIGNED: '%1: client packet has been assigned to the following class(es): %2',
  DHCP6_CLASS_UNCONFIGURED: '%1: client packet belongs to an unconfigured class: %2',
  DHCP6_CLASS_UNDEFINED: 'required class %1 has no definition',
  DHCP6_CLASS_UNTESTABLE: 'required class %1 has no test expression',
  DHCP6_CONFIG_COMPLETE: 'DHCPv6 server has completed configuration: %1',
  DHCP6_DDNS_CREATE_ADD_NAME_CHANGE_REQUEST: 'name change request created: %1',
  DHCP6_DDNS_FQDN_GENERATED: '%1: hostname %2 generated for the client from its address',
  DHCP6_DDNS_GENERATED_FQDN_UPDATE_FAIL: '%1: the lease of %2 could not take its generated name: %3',
  DHCP6_DDNS_GENERATE_FQDN: '%1: the client sent no Client FQDN option; the server supplies one',
  DHCP6_DDNS_RECEIVE_FQDN: '%1: the client sent a Client FQDN option: %2',
  DHCP6_DDNS_REMOVE_OLD_LEASE_FQDN:
    '%1: the FQDN of the lease of %2 changed; new hostname %3, reverse update %4, forward update %5',
  DHCP6_DDNS_REQUEST_SEND_FAILED: 'a NameChangeRequest could not go to kea-dhcp-ddns (%1): %2',
  DHCP6_DDNS_RESPONSE_FQDN_DATA: '%1: the answer carries the Client FQDN option: %2',
  DHCP6_DECLINE_FAIL_DUID_MISMATCH:
    'Client %1 sent DECLINE for address %2, but it belongs to client with DUID %3',
  DHCP6_DECLINE_FAIL_IAID_MISMATCH:
    'Client %1 sent DECLINE for address %2, but used a wrong IAID (%3), whereas it should use %4',
  DHCP6_DECLINE_FAIL_NO_LEASE: "Client %1 sent DECLINE for address %2, but there's no lease for it",
  DHCP6_DECLINE_LEASE:
    'Client %1 sent DECLINE for address %2 and the server marked it as declined. The lease will be recovered in %3 seconds.',
  DHCP6_HOOK_BUFFER_RCVD_DROP:
    'received buffer from %1 to %2 over interface %3 was dropped because a callout set the drop flag',
  DHCP6_HOOK_BUFFER_RCVD_SKIP:
    'received buffer from %1 to %2 over interface %3 is not parsed because a callout set the next step to SKIP.',
  DHCP6_HOOK_BUFFER_SEND_SKIP:
    '%1: prepared DHCPv6 response was dropped because a callout set the next step to SKIP',
  DHCP6_HOOK_DDNS_UPDATE:
    'ddns6_update callouts changed: hostname %1 to %2, forward update %3 to %4, reverse update %5 to %6',
  DHCP6_HOOK_LEASES6_COMMITTED_DROP: '%1: packet is dropped, because a callout set the next step to DROP',
  DHCP6_HOOK_PACKET_RCVD_SKIP: '%1: packet is dropped, because a callout set the next step to SKIP',
  DHCP6_HOOK_PACKET_SEND_DROP:
    '%1: prepared DHCPv6 response was not sent because a callout set the next step to DROP',
  DHCP6_HOOK_PACKET_SEND_SKIP:
    '%1: prepared DHCPv6 response is not sent because a callout set the next step to SKIP',
  DHCP6_HOOK_SUBNET6_SELECT_DROP: "%1: packet was dropped, because a callout set the next step to 'drop'",
  DHCP6_HOOK_SUBNET6_SELECT_SKIP: '%1: no subnet was selected, because a callout set the next step to SKIP',
  DHCP6_LEASE_ADVERT: '%1: lease for address %2 and iaid=%3 will be advertised',
  DHCP6_LEASE_ADVERT_FAIL: '%1: failed to advertise an address lease for iaid=%2',
  DHCP6_LEASE_ALLOC: '%1: lease for address %2 and iaid=%3 has been allocated for %4 seconds',
  DHCP6_LEASE_ALLOC_FAIL: '%1: failed to grant an address lease for iaid=%2',
  DHCP6_LEASE_RENEW: '%1: lease for address %2 and iaid=%3 has been allocated',
  DHCP6_PACKET_DROP_DHCP_DISABLED: '%1: DHCP service is globally disabled',
  DHCP6_PACKET_DROP_DROP_CLASS: "dropped as member of the special class 'DROP': %1",
  DHCP6_PACKET_DROP_DROP_CLASS2:
    "dropped as member of the special class 'DROP' after host reservation lookup: %1",
  DHCP6_PACKET_DROP_PARSE_FAIL:
    'failed to parse packet from %1 to %2, received over interface %3, reason: %4',
  DHCP6_PACKET_DROP_SERVERID_MISMATCH: '%1: dropping packet with server identifier: %2, server is using: %3',
  DHCP6_PACKET_DROP_UNICAST: '%1: dropping unicast %2 packet as this packet should be sent to multicast',
  DHCP6_PACKET_PROCESS_FAIL: 'processing of %1 message received from %2 failed: %3',
  DHCP6_PACKET_QUEUE_FULL: 'multi-threading packet queue is full',
  DHCP6_PACKET_RECEIVED: '%1: %2 (type %3) received from %4 to %5 on interface %6',
  DHCP6_PACKET_SEND: '%1: trying to send packet %2 (type %3) from [%4]:%5 to [%6]:%7 on interface %8',
  DHCP6_PACKET_SEND_FAIL: '%1: failed to send DHCPv6 packet: %2',
  DHCP6_PACK_FAIL: 'failed to assemble response correctly: %1',
  DHCP6_PD_LEASE_ADVERT: '%1: lease for prefix %2/%3 and iaid=%4 will be advertised',
  DHCP6_PD_LEASE_ADVERT_FAIL: '%1: failed to advertise a prefix lease for iaid=%2',
  DHCP6_PD_LEASE_ALLOC: '%1: lease for prefix %2/%3 and iaid=%4 has been allocated for %5 seconds',
  DHCP6_PD_LEASE_ALLOC_FAIL: '%1: failed to grant a prefix lease for iaid=%2',
  DHCP6_PD_LEASE_RENEW: '%1: lease for prefix %2/%3 and iaid=%4 has been allocated',
  DHCP6_RAPID_COMMIT: '%1: Rapid Commit option received, following 2-way exchange',
  DHCP6_RECLAIM_EXPIRED_LEASES_FAIL: 'failed to reclaim expired leases: %1',
  DHCP6_RELEASE_NA: '%1: binding for address %2 and iaid=%3 was released properly',
  DHCP6_RELEASE_NA_FAIL: '%1: failed to remove address lease for address %2 and iaid=%3',
  DHCP6_RELEASE_NA_FAIL_WRONG_DUID:
    '%1: client tried to release address %2, but it belongs to another client using duid=%3',
  DHCP6_RELEASE_NA_FAIL_WRONG_IAID:
    '%1: client tried to release address %2, but it used wrong IAID (expected %3, but got %4)',
  DHCP6_RELEASE_PD: '%1: prefix %2/%3 for iaid=%4 was released properly',
  DHCP6_RELEASE_PD_FAIL: '%1: failed to release prefix %2/%3 for iaid=%4',
  DHCP6_REQUIRED_OPTIONS_CHECK_FAIL: '%1 message received from %2 failed the following check: %3',
  DHCP6_STARTED: 'Kea DHCPv6 server version %1 started',
  DHCP6_SUBNET_SELECTED: '%1: the subnet with ID %2 was selected for client assignments',
  DHCP6_SUBNET_SELECTION_FAILED: '%1: failed to select subnet for the client',
  DHCP6_UNKNOWN_MSG_RECEIVED: 'received unknown message (type %1) on interface %2',
  DHCP6_USING_SERVERID: 'server is using server-id %1 and stores in the the file %2',
});
