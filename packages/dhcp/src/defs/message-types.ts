// DHCPv4 and DHCPv6 message types and DHCPv6 status codes with Kea 2.2's names
// (src/lib/dhcp/dhcp4.h, dhcp6.h) and the names Kea prints for message types (Pkt4/Pkt6 getName).

/** DHCPv4 message types (option 53) by Kea's names, leasequery ones included. */
export const MessageType4 = {
  DHCP_NOTYPE: 0,
  DHCPDISCOVER: 1,
  DHCPOFFER: 2,
  DHCPREQUEST: 3,
  DHCPDECLINE: 4,
  DHCPACK: 5,
  DHCPNAK: 6,
  DHCPRELEASE: 7,
  DHCPINFORM: 8,
  DHCPLEASEQUERY: 10,
  DHCPLEASEUNASSIGNED: 11,
  DHCPLEASEUNKNOWN: 12,
  DHCPLEASEACTIVE: 13,
  DHCPBULKLEASEQUERY: 14,
  DHCPLEASEQUERYDONE: 15,
  DHCPLEASEQUERYSTATUS: 17,
  DHCPTLS: 18,
} as const;

/** DHCPv6 message types by Kea's DHCPV6_* names (prefix dropped). */
export const MessageType6 = {
  NOTYPE: 0,
  SOLICIT: 1,
  ADVERTISE: 2,
  REQUEST: 3,
  CONFIRM: 4,
  RENEW: 5,
  REBIND: 6,
  REPLY: 7,
  RELEASE: 8,
  DECLINE: 9,
  RECONFIGURE: 10,
  INFORMATION_REQUEST: 11,
  RELAY_FORW: 12,
  RELAY_REPL: 13,
  LEASEQUERY: 14,
  LEASEQUERY_REPLY: 15,
  LEASEQUERY_DONE: 16,
  LEASEQUERY_DATA: 17,
  RECONFIGURE_REQUEST: 18,
  RECONFIGURE_REPLY: 19,
  DHCPV4_QUERY: 20,
  DHCPV4_RESPONSE: 21,
  ACTIVELEASEQUERY: 22,
  STARTTLS: 23,
  BNDUPD: 24,
  BNDREPLY: 25,
  POOLREQ: 26,
  POOLRESP: 27,
  UPDREQ: 28,
  UPDREQALL: 29,
  UPDDONE: 30,
  CONNECT: 31,
  CONNECTREPLY: 32,
  DISCONNECT: 33,
  STATE: 34,
  CONTACT: 35,
} as const;

/** DHCPv6 status codes (option 13) by Kea's STATUS_* names (prefix dropped). */
export const Status6 = {
  Success: 0,
  UnspecFail: 1,
  NoAddrsAvail: 2,
  NoBinding: 3,
  NotOnLink: 4,
  UseMulticast: 5,
  NoPrefixAvail: 6,
  UnknownQueryType: 7,
  MalformedQuery: 8,
  NotConfigured: 9,
  NotAllowed: 10,
  AlgorithmNotSupported: 705,
  AuthenticationFail: 706,
  TimestampFail: 707,
  SignatureFail: 708,
} as const;

/** The DHCP message types Kea names in its logs; every other number prints as 'UNKNOWN'. */
const MESSAGE4_NAMES: ReadonlyMap<number, string> = new Map(
  Object.entries(MessageType4)
    .filter(([name]) => name !== 'DHCP_NOTYPE')
    .map(([name, type]) => [type, name]),
);

/** Kea's Pkt6 names only the RFC 8415 types, leasequery and 4o6; note RELAY_FORWARD/RELAY_REPLY. */
const MESSAGE6_NAMES: ReadonlyMap<number, string> = new Map([
  [MessageType6.SOLICIT, 'SOLICIT'],
  [MessageType6.ADVERTISE, 'ADVERTISE'],
  [MessageType6.REQUEST, 'REQUEST'],
  [MessageType6.CONFIRM, 'CONFIRM'],
  [MessageType6.RENEW, 'RENEW'],
  [MessageType6.REBIND, 'REBIND'],
  [MessageType6.REPLY, 'REPLY'],
  [MessageType6.RELEASE, 'RELEASE'],
  [MessageType6.DECLINE, 'DECLINE'],
  [MessageType6.RECONFIGURE, 'RECONFIGURE'],
  [MessageType6.INFORMATION_REQUEST, 'INFORMATION_REQUEST'],
  [MessageType6.RELAY_FORW, 'RELAY_FORWARD'],
  [MessageType6.RELAY_REPL, 'RELAY_REPLY'],
  [MessageType6.LEASEQUERY, 'LEASEQUERY'],
  [MessageType6.LEASEQUERY_REPLY, 'LEASEQUERY_REPLY'],
  [MessageType6.DHCPV4_QUERY, 'DHCPV4_QUERY'],
  [MessageType6.DHCPV4_RESPONSE, 'DHCPV4_RESPONSE'],
]);

/** Kea's printed name of a DHCPv4 message type ('DHCPDISCOVER', ..., 'UNKNOWN'). */
export function messageType4Name(type: number): string {
  return MESSAGE4_NAMES.get(type) ?? 'UNKNOWN';
}

/** Kea's printed name of a DHCPv6 message type ('SOLICIT', ..., 'RELAY_FORWARD', 'UNKNOWN'). */
export function messageType6Name(type: number): string {
  return MESSAGE6_NAMES.get(type) ?? 'UNKNOWN';
}
