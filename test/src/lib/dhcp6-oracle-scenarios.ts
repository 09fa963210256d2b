// The scenarios of the DHCPv6 oracle test (kea-dhcp6-oracle) played by one client each (its own DUID),
// without relays: life cycles of IA_NA / IA_PD, hints, reservations, CONFIRM, bindings the server does
// not have, server-id rules and INFORMATION-REQUEST with ORO variants; and the builders the relayed ones
// (dhcp6-oracle-relay-scenarios) share. The list's order matters: later clients meet earlier leases.
import {
  elapsed,
  ia,
  iaAddr,
  iaPrefix,
  message,
  na,
  opt,
  oro,
  pd,
  rapid,
  relay,
  relayHead,
} from './dhcp6-packets.js';

export const SERVER_DUID = '000300010200000006f1';

export interface Step {
  packet: Buffer;
  /** From the relay port (547) instead of the client port (546). */
  relayed?: boolean;
  /** Append the IA_NA / IA_PD options of the previous answer (as a client does). */
  copyIas?: boolean;
  /** Relay headers (relayHead, outermost first) wrapped around the packet after copyIas; sent from 547. */
  layers?: Buffer[];
  /** Pause before sending (ms). */
  sleep?: number;
}
export interface Scenario {
  name: string;
  steps: Step[];
}

export const S = 1;
export const REQ = 3;
export const CONFIRM = 4;
export const RENEW = 5;
export const REBIND = 6;
export const RELEASE = 8;
export const DECLINE = 9;
export const INFO = 11;

export const clientId = (n: number) => opt(1, `00030001020000000${(0x700 + n).toString(16)}`);
export const serverId = (hex = SERVER_DUID) => opt(2, hex);
/** IA_NA with one IAADDR asking for the given lifetimes. */
export const naL = (iaid: number, addr: string, pref: number, valid: number) =>
  ia(3, iaid, iaAddr(addr, pref, valid));
/** IA_PD with one IAPREFIX asking for the given lifetimes. */
export const pdL = (iaid: number, prefix: string, len: number, pref: number, valid: number) =>
  ia(25, iaid, iaPrefix(prefix, len, pref, valid));
/** A client message with the next transaction id (one counter for both scenario lists). */
let xid = 0x100;
export const msg = (type: number, ...options: Buffer[]) => message(type, ++xid, ...options);

export const life = (n: number, name: string, ias: Buffer[], extra: Buffer[] = []): Scenario => ({
  name,
  steps: [
    { packet: msg(S, clientId(n), elapsed, oro(23, 24, 67), ...ias, ...extra) },
    { packet: msg(REQ, clientId(n), serverId(), elapsed, oro(23, 24, 67)), copyIas: true },
    { packet: msg(RENEW, clientId(n), serverId(), elapsed, oro(23)), copyIas: true },
    { packet: msg(REBIND, clientId(n), elapsed, oro(23)), copyIas: true },
    { packet: msg(CONFIRM, clientId(n), elapsed), copyIas: true },
    { packet: msg(RELEASE, clientId(n), serverId(), elapsed), copyIas: true },
    { packet: msg(RELEASE, clientId(n), serverId(), elapsed), copyIas: true },
  ],
});
export const one = (name: string, packet: Buffer, relayed = false): Scenario => ({
  name,
  steps: [{ packet, relayed }],
});
/** SOLICIT then REQUEST of what was advertised (the REQUEST takes the advertised IAs). */
export const sarr = (n: number, name: string, ias: Buffer[], extra: Buffer[] = []): Scenario => ({
  name,
  steps: [
    { packet: msg(S, clientId(n), elapsed, ...ias, ...extra) },
    { packet: msg(REQ, clientId(n), serverId(), elapsed, ...extra), copyIas: true },
  ],
});
/** Relay headers (outermost first) for a client behind two relays, the inner one on subnet 3's link. */
export const twoLayers = () => [
  relayHead(1, '2001:db8:ff::3', 'fe80::79', opt(18, Buffer.from('outer-3'))),
  relayHead(0, '2001:db8:3::1', 'fe80::1:b', opt(18, Buffer.from('port-65')), opt(37, '00000009cc')),
];
/** A message relayed once by a relay whose link-address is `link`. */
export const via = (link: string, peer: string, inner: Buffer, ...options: Buffer[]) =>
  relay(0, link, peer, inner, ...options);

/** The scenarios without relays, in the order they are played (before the relayed ones). */
export function clientScenarios(): Scenario[] {
  return [
    // Life cycles: SOLICIT, REQUEST, RENEW, REBIND, CONFIRM, RELEASE twice.
    life(1, 'IA_NA life cycle', [na(1)]),
    life(2, 'IA_PD life cycle with PD-exclude', [pd(2)]),
    life(3, 'IA_NA and IA_PD together', [na(3), pd(4)]),
    life(33, 'two IA_NA and two IA_PD life cycle', [na(1), na(2), pd(3), pd(4)]),
    {
      name: 'rapid commit allowed, then DECLINE',
      steps: [
        { packet: msg(S, clientId(4), elapsed, rapid, na(7)) },
        { packet: msg(DECLINE, clientId(4), serverId(), elapsed), copyIas: true },
      ],
    },
    one('three IA_NA in one SOLICIT', msg(S, clientId(12), elapsed, na(1), na(2), na(3))),
    one('two IA_PD with rapid commit', msg(S, clientId(13), elapsed, rapid, pd(1), pd(2))),
    one('IA_PD without PD-exclude in the ORO', msg(S, clientId(57), elapsed, oro(23), pd(1))),
    // Hints.
    {
      name: 'address hint inside the pool',
      steps: [
        { packet: msg(S, clientId(5), elapsed, na(1, '2001:db8:1::1a0')) },
        { packet: msg(REQ, clientId(5), serverId(), elapsed, na(1, '2001:db8:1::1a0')) },
      ],
    },
    one('address hint outside the subnet', msg(S, clientId(6), elapsed, na(1, '2001:db8:9::1'))),
    one(
      'address hint in the subnet, outside the pool',
      msg(S, clientId(35), elapsed, na(1, '2001:db8:1::5')),
    ),
    one(
      'address hint leased to another client',
      msg(S, clientId(34), elapsed, rapid, na(1, '2001:db8:1::1a0')),
    ),
    one('prefix hint inside the pd-pool', msg(S, clientId(7), elapsed, pd(1, ['2001:db8:8000:4200::', 56]))),
    one('prefix hint with only a length (60)', msg(S, clientId(8), elapsed, pd(1, ['::', 60]))),
    one('prefix hint with only a length (48)', msg(S, clientId(36), elapsed, pd(1, ['::', 48]))),
    one('prefix hint outside the pd-pool', msg(S, clientId(37), elapsed, pd(1, ['2001:db8:7000::', 56]))),
    one(
      'prefix hint in the pd-pool with another length',
      msg(S, clientId(38), elapsed, rapid, pd(1, ['2001:db8:8000:4300::', 64])),
    ),
    // Reservations.
    {
      name: 'reservation by duid: address and prefix, renewed',
      steps: [
        { packet: msg(S, clientId(9), elapsed, na(1), pd(2), oro(23)) },
        { packet: msg(REQ, clientId(9), serverId(), elapsed, oro(23)), copyIas: true },
        { packet: msg(RENEW, clientId(9), serverId(), elapsed, oro(23)), copyIas: true },
      ],
    },
    sarr(0x80, 'reservation by hw-address: an address', [na(1)], [oro(23)]),
    sarr(0x81, 'reservation by hw-address: a prefix', [pd(1)]),
    one(
      'reservation by duid asking for another address',
      msg(S, clientId(0x82), elapsed, rapid, na(1, '2001:db8:1::150')),
    ),
    // CONFIRM.
    one('CONFIRM of an off-link address', msg(CONFIRM, clientId(10), elapsed, na(1, '2001:db8:9::5'))),
    one('CONFIRM of an on-link address', msg(CONFIRM, clientId(44), elapsed, na(1, '2001:db8:1::123'))),
    one(
      'CONFIRM with an on-link and an off-link address',
      msg(CONFIRM, clientId(45), elapsed, na(1, '2001:db8:1::124'), na(2, '2001:db8:2::124')),
    ),
    one('CONFIRM of an IA without addresses', msg(CONFIRM, clientId(21), elapsed, na(1))),
    one('CONFIRM without any IA', msg(CONFIRM, clientId(22), elapsed)),
    one(
      'relayed CONFIRM on-link',
      via('2001:db8:3::1', 'fe80::1:8', msg(CONFIRM, clientId(46), elapsed, na(1, '2001:db8:3::150'))),
      true,
    ),
    one(
      'relayed CONFIRM off-link',
      via('2001:db8:3::1', 'fe80::1:9', msg(CONFIRM, clientId(47), elapsed, na(1, '2001:db8:1::150'))),
      true,
    ),
    // Bindings the server does not have.
    one(
      'RENEW of an unknown address',
      msg(RENEW, clientId(23), serverId(), elapsed, na(1, '2001:db8:1::1f0')),
    ),
    one(
      'RENEW of an address outside every subnet',
      msg(RENEW, clientId(24), serverId(), elapsed, na(1, '2001:db8:9::1')),
    ),
    one(
      'RENEW of an unknown prefix',
      msg(RENEW, clientId(25), serverId(), elapsed, pd(1, ['2001:db8:8000:9900::', 56])),
    ),
    one('RENEW of an IA without addresses', msg(RENEW, clientId(48), serverId(), elapsed, na(1), pd(2))),
    one(
      "RENEW of another client's address",
      msg(RENEW, clientId(41), serverId(), elapsed, na(1, '2001:db8:1::1a0')),
    ),
    one(
      'REBIND of an unknown address in the subnet',
      msg(REBIND, clientId(39), elapsed, na(1, '2001:db8:1::1f3')),
    ),
    one(
      'REBIND of an address outside every subnet',
      msg(REBIND, clientId(49), elapsed, na(1, '2001:db8:9::1')),
    ),
    one(
      'REBIND of an unknown prefix',
      msg(REBIND, clientId(40), elapsed, pd(1, ['2001:db8:8000:9a00::', 56])),
    ),
    one(
      'RELEASE of an address nobody has',
      msg(RELEASE, clientId(26), serverId(), elapsed, na(1, '2001:db8:1::1f1')),
    ),
    one('RELEASE of an IA without addresses', msg(RELEASE, clientId(27), serverId(), elapsed, na(1))),
    one(
      "RELEASE of another client's address",
      msg(RELEASE, clientId(42), serverId(), elapsed, na(1, '2001:db8:1::1a0')),
    ),
    one(
      "RELEASE of another client's prefix (reserved)",
      msg(RELEASE, clientId(50), serverId(), elapsed, pd(1, ['2001:db8:9000::', 56])),
    ),
    one(
      'DECLINE of an address nobody has',
      msg(DECLINE, clientId(28), serverId(), elapsed, na(1, '2001:db8:1::1f2')),
    ),
    one('DECLINE of an IA without addresses', msg(DECLINE, clientId(29), serverId(), elapsed, na(1))),
    one(
      "DECLINE of another client's address",
      msg(DECLINE, clientId(43), serverId(), elapsed, na(1, '2001:db8:1::1a0')),
    ),
    // Server identifier and other message rules (Kea drops these: silence is the expected answer).
    one(
      'REQUEST with a foreign server id',
      msg(REQ, clientId(11), serverId('000300010200000000ff'), elapsed, na(1)),
    ),
    one('SOLICIT with a server id', msg(S, clientId(51), serverId(), elapsed, na(1))),
    one('SOLICIT without a client id', msg(S, elapsed, na(1))),
    one('REQUEST without a server id', msg(REQ, clientId(52), elapsed, na(1))),
    one('RENEW without a server id', msg(RENEW, clientId(53), elapsed, na(1, '2001:db8:1::1f4'))),
    one('REBIND with a server id', msg(REBIND, clientId(54), serverId(), elapsed, na(1, '2001:db8:1::1f5'))),
    one('RELEASE without a server id', msg(RELEASE, clientId(55), elapsed, na(1, '2001:db8:1::1f6'))),
    one(
      'CONFIRM with a server id',
      msg(CONFIRM, clientId(56), serverId(), elapsed, na(1, '2001:db8:1::1f7')),
    ),
    one(
      'INFORMATION-REQUEST with a foreign server id',
      msg(INFO, clientId(58), serverId('000300010200000000ff'), elapsed, oro(23)),
    ),
    // INFORMATION-REQUEST and the ORO.
    one(
      'INFORMATION-REQUEST asking for DNS, domains and SNTP',
      msg(INFO, clientId(32), elapsed, oro(23, 24, 31)),
    ),
    one('INFORMATION-REQUEST without a client id', msg(INFO, elapsed, oro(23))),
    one('INFORMATION-REQUEST without an ORO', msg(INFO, clientId(59), elapsed)),
    one('INFORMATION-REQUEST with an empty ORO', msg(INFO, clientId(60), elapsed, oro())),
    one('INFORMATION-REQUEST with an odd-length ORO', msg(INFO, clientId(75), elapsed, opt(6, '001700'))),
    one(
      'INFORMATION-REQUEST asking for unknown options',
      msg(INFO, clientId(61), elapsed, oro(999, 65000, 24)),
    ),
    one('INFORMATION-REQUEST with our server id', msg(INFO, clientId(62), serverId(), elapsed, oro(24, 23))),
    one('INFORMATION-REQUEST with an IA_NA', msg(INFO, clientId(63), elapsed, oro(23), na(1))),
    // Client FQDN (39) while DDNS is off: answered with N (and O against an S), the name qualified.
    sarr(0xc1, 'FQDN asking for server updates, DDNS off', [na(1)], [opt(39, '0104486f7374')]),
    sarr(
      0xc2,
      'FQDN no-update with a full name, DDNS off',
      [na(1)],
      [opt(39, '040161076578616d706c65036f726700')],
    ),
    one('FQDN with N and S set is dropped', msg(S, clientId(0xc3), elapsed, na(1), opt(39, '05'))),
  ];
}
