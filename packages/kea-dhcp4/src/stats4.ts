// The pkt4-* statistics: created with value 0 at startup as Kea does (with the global allocation
// failure counters), and resolved once into handles so counting a packet costs no name lookup.
import { MessageType4 } from '@kea-ts/dhcp';
import type { StatHandle, StatsMgr } from '@kea-ts/stats';

const M = MessageType4;

/** Kea 2.2's dhcp4_statistics: set to 0 when the server starts. */
export const DHCP4_STARTUP_STATISTICS = [
  'pkt4-received',
  'pkt4-discover-received',
  'pkt4-offer-received',
  'pkt4-request-received',
  'pkt4-ack-received',
  'pkt4-nak-received',
  'pkt4-release-received',
  'pkt4-decline-received',
  'pkt4-inform-received',
  'pkt4-unknown-received',
  'pkt4-sent',
  'pkt4-offer-sent',
  'pkt4-ack-sent',
  'pkt4-nak-sent',
  'pkt4-parse-failed',
  'pkt4-receive-drop',
  'v4-allocation-fail',
  'v4-allocation-fail-shared-network',
  'v4-allocation-fail-subnet',
  'v4-allocation-fail-no-pools',
  'v4-allocation-fail-classes',
  'v4-reservation-conflicts',
] as const;

export class PacketStats {
  readonly received: StatHandle;
  readonly sent: StatHandle;
  readonly parseFailed: StatHandle;
  readonly receiveDrop: StatHandle;
  private readonly receivedByType: StatHandle[] = [];
  private readonly unknownReceived: StatHandle;
  private readonly sentByType: (StatHandle | undefined)[] = [];

  constructor(readonly mgr: StatsMgr) {
    const h = (name: string) => mgr.handle(name);
    this.received = h('pkt4-received');
    this.sent = h('pkt4-sent');
    this.parseFailed = h('pkt4-parse-failed');
    this.receiveDrop = h('pkt4-receive-drop');
    this.unknownReceived = h('pkt4-unknown-received');
    const rx: [number, string][] = [
      [M.DHCPDISCOVER, 'discover'],
      [M.DHCPOFFER, 'offer'],
      [M.DHCPREQUEST, 'request'],
      [M.DHCPACK, 'ack'],
      [M.DHCPNAK, 'nak'],
      [M.DHCPRELEASE, 'release'],
      [M.DHCPDECLINE, 'decline'],
      [M.DHCPINFORM, 'inform'],
    ];
    for (const [type, name] of rx) this.receivedByType[type] = h(`pkt4-${name}-received`);
    this.sentByType[M.DHCPOFFER] = h('pkt4-offer-sent');
    this.sentByType[M.DHCPACK] = h('pkt4-ack-sent');
    this.sentByType[M.DHCPNAK] = h('pkt4-nak-sent');
  }

  /** Sets every startup statistic to 0 (Kea's setPacketStatisticsDefaults). */
  initDefaults(): void {
    for (const name of DHCP4_STARTUP_STATISTICS) this.mgr.setValue(name, 0);
  }

  countReceived(type: number): void {
    (this.receivedByType[type] ?? this.unknownReceived).add(1);
  }

  countSent(type: number): void {
    this.sent.add(1);
    this.sentByType[type]?.add(1);
  }
}
