// The relayed scenarios of the DHCPv6 oracle test (kea-dhcp6-oracle), played after the client ones of
// dhcp6-oracle-scenarios: one and two relay layers (interface-id, remote-id, subscriber-id), subnet
// selection by link-address, more bindings and hints against other clients', rapid commit rules and
// lifetimes within subnet 4's min/max bounds.

import {
  CONFIRM,
  clientId,
  DECLINE,
  INFO,
  msg,
  naL,
  one,
  pdL,
  REBIND,
  RELEASE,
  RENEW,
  REQ,
  S,
  type Scenario,
  serverId,
  twoLayers,
  via,
} from './dhcp6-oracle-scenarios.js';
import { elapsed, na, opt, oro, pd, rapid, relay, u32 } from './dhcp6-packets.js';

/** The relayed scenarios and the rest, in the order they are played. */
export function relayScenarios(): Scenario[] {
  const layers = twoLayers();
  return [
    // Relays.
    one(
      'one relay layer with interface-id',
      relay(
        0,
        '::',
        'fe80::1:2',
        msg(S, clientId(14), elapsed, na(1), oro(23)),
        opt(18, Buffer.from('port-7')),
      ),
      true,
    ),
    one(
      'two relay layers, interface-id and remote-id inside',
      relay(
        1,
        '2001:db8:ff::1',
        'fe80::77',
        relay(
          0,
          '::',
          'fe80::1:2',
          msg(S, clientId(15), elapsed, rapid, na(1)),
          opt(18, Buffer.from('port-7')),
          opt(37, '0000000901'),
        ),
        opt(18, Buffer.from('outer')),
      ),
      true,
    ),
    one(
      'two relay layers, subscriber-id and remote-id, subnet by link-address',
      relay(
        1,
        '2001:db8:ff::2',
        'fe80::78',
        via(
          '2001:db8:3::1',
          'fe80::1:a',
          msg(S, clientId(64), elapsed, na(1), pd(2)),
          opt(38, Buffer.from('sub-64')),
          opt(37, '00000009aabb'),
        ),
        opt(37, '0000000901'),
        opt(18, Buffer.from('outer-2')),
      ),
      true,
    ),
    one(
      'relay link-address in relay.ip-addresses',
      via('2001:db8:3::1', 'fe80::1:3', msg(S, clientId(16), elapsed, na(1), pd(2))),
      true,
    ),
    one(
      'relay link-address inside a subnet',
      via('2001:db8:1::5', 'fe80::1:4', msg(S, clientId(17), elapsed, na(1))),
      true,
    ),
    {
      name: 'relay from an unknown link',
      steps: [
        {
          relayed: true,
          packet: via('2001:db8:99::1', 'fe80::1:5', msg(S, clientId(18), elapsed, na(1), pd(2))),
        },
        {
          relayed: true,
          packet: via(
            '2001:db8:99::1',
            'fe80::1:5',
            msg(RENEW, clientId(18), serverId(), elapsed, na(1, '2001:db8:3::100')),
          ),
        },
        {
          relayed: true,
          packet: via(
            '2001:db8:99::1',
            'fe80::1:5',
            msg(REBIND, clientId(18), elapsed, pd(1, ['2001:db8:8000:100::', 56])),
          ),
        },
      ],
    },
    one(
      'relayed INFORMATION-REQUEST',
      via('2001:db8:3::1', 'fe80::1:6', msg(INFO, clientId(19), elapsed, oro(23))),
      true,
    ),
    {
      name: 'relayed IA_NA and IA_PD life cycle (two layers)',
      steps: [
        { packet: msg(S, clientId(65), elapsed, na(1), pd(2)), layers },
        { packet: msg(REQ, clientId(65), serverId(), elapsed), layers, copyIas: true },
        { packet: msg(RENEW, clientId(65), serverId(), elapsed), layers, copyIas: true },
        { packet: msg(REBIND, clientId(65), elapsed), layers, copyIas: true },
        { packet: msg(RELEASE, clientId(65), serverId(), elapsed), layers, copyIas: true },
      ],
    },
    // More bindings and hints against other clients' and odd IA types.
    one(
      "REQUEST asking for another client's reserved address",
      msg(REQ, clientId(76), serverId(), elapsed, na(1, '2001:db8:1::77')),
    ),
    one(
      "SOLICIT hinting another client's reserved prefix",
      msg(S, clientId(77), elapsed, rapid, pd(1, ['2001:db8:9000::', 56])),
    ),
    {
      name: 'RENEW of its own address with an unknown one in a second IA',
      steps: [
        { packet: msg(S, clientId(78), elapsed, rapid, na(1)) },
        { packet: msg(RENEW, clientId(78), serverId(), elapsed, na(9, '2001:db8:1::1e0')), copyIas: true },
      ],
    },
    one('SOLICIT with an IA_TA', msg(S, clientId(79), elapsed, opt(4, u32(1)), na(2))),
    {
      name: 'REQUEST carrying a rapid commit option',
      steps: [
        { packet: msg(S, clientId(80), elapsed, na(1)) },
        { packet: msg(REQ, clientId(80), serverId(), elapsed, rapid), copyIas: true },
      ],
    },
    one('CONFIRM of an IA_PD only', msg(CONFIRM, clientId(82), elapsed, pd(1, ['2001:db8:8000:100::', 56]))),
    {
      name: 'DECLINE of a delegated prefix',
      steps: [
        { packet: msg(S, clientId(83), elapsed, rapid, pd(1)) },
        { packet: msg(DECLINE, clientId(83), serverId(), elapsed), copyIas: true },
      ],
    },
    // Rapid commit.
    one(
      'rapid commit not allowed (subnet by interface-id behind a usable link-address)',
      via(
        '2001:db8:ff::2',
        'fe80::1:7',
        msg(S, clientId(20), elapsed, rapid, na(1)),
        opt(18, Buffer.from('port-7')),
      ),
      true,
    ),
    one(
      'rapid commit not allowed (subnet by relay address)',
      via('2001:db8:3::1', 'fe80::1:c', msg(S, clientId(66), elapsed, rapid, na(1), pd(2))),
      true,
    ),
    one(
      'rapid commit allowed with IA_NA and IA_PD',
      msg(S, clientId(67), elapsed, rapid, na(1), pd(2), oro(67)),
    ),
    // Lifetimes: subnet 4 has min/max preferred and valid lifetimes; clients ask for their own.
    one(
      'lifetimes: no hint',
      via('2001:db8:4::1', 'fe80::1:d', msg(S, clientId(68), elapsed, rapid, na(1), pd(2))),
      true,
    ),
    one(
      'lifetimes: requested below the minimum',
      via(
        '2001:db8:4::1',
        'fe80::1:e',
        msg(S, clientId(69), elapsed, rapid, naL(1, '::', 100, 200), pdL(2, '::', 0, 100, 200)),
      ),
      true,
    ),
    one(
      'lifetimes: requested above the maximum',
      via(
        '2001:db8:4::1',
        'fe80::1:f',
        msg(S, clientId(70), elapsed, rapid, naL(1, '::', 9000, 9999), pdL(2, '::', 0, 9000, 9999)),
      ),
      true,
    ),
    one(
      'lifetimes: requested within the bounds',
      via(
        '2001:db8:4::1',
        'fe80::2:1',
        msg(S, clientId(71), elapsed, rapid, naL(1, '::', 2500, 4500), pdL(2, '::', 0, 2500, 4500)),
      ),
      true,
    ),
    one(
      'lifetimes: preferred above valid',
      via(
        '2001:db8:4::1',
        'fe80::2:2',
        msg(S, clientId(72), elapsed, rapid, naL(1, '2001:db8:4::120', 4800, 4100)),
      ),
      true,
    ),
    {
      name: 'lifetimes: requested in REQUEST and RENEW',
      steps: [
        {
          relayed: true,
          packet: via('2001:db8:4::1', 'fe80::2:3', msg(S, clientId(73), elapsed, naL(1, '::', 3500, 5500))),
        },
        {
          relayed: true,
          packet: via(
            '2001:db8:4::1',
            'fe80::2:3',
            msg(REQ, clientId(73), serverId(), elapsed, naL(1, '2001:db8:4::101', 3600, 5600)),
          ),
        },
        {
          relayed: true,
          packet: via(
            '2001:db8:4::1',
            'fe80::2:3',
            msg(RENEW, clientId(73), serverId(), elapsed, naL(1, '2001:db8:4::101', 1, 7000)),
          ),
        },
      ],
    },
    one('IA_NA asking for its own T1 and T2', msg(S, clientId(74), elapsed, rapid, opt(3, u32(1, 100, 200)))),
  ];
}
