// The pkt6-* statistics: created with value 0 at startup as Kea does, and resolved once into handles so
// counting a packet costs no name lookup. CONFIRM and RECONFIGURE counters exist only once counted.
import { MessageType6 } from '@kea-ts/dhcp';
import type { StatHandle, StatsMgr } from '@kea-ts/stats';

const M = MessageType6;

/** Kea 2.2's dhcp6 packet statistics set to 0 when the server starts. */
export const DHCP6_STARTUP_STATISTICS = [
  'pkt6-received',
  'pkt6-solicit-received',
  'pkt6-advertise-received',
  'pkt6-request-received',
  'pkt6-reply-received',
  'pkt6-renew-received',
  'pkt6-rebind-received',
  'pkt6-decline-received',
  'pkt6-release-received',
  'pkt6-infrequest-received',
  'pkt6-dhcpv4-query-received',
  'pkt6-dhcpv4-response-received',
  'pkt6-unknown-received',
  'pkt6-sent',
  'pkt6-advertise-sent',
  'pkt6-reply-sent',
  'pkt6-dhcpv4-response-sent',
  'pkt6-parse-failed',
  'pkt6-receive-drop',
] as const;

export class PacketStats6 {
  readonly received: StatHandle;
  readonly sent: StatHandle;
  readonly parseFailed: StatHandle;
  readonly receiveDrop: StatHandle;
  private readonly unknownReceived: StatHandle;
  private readonly receivedByType: StatHandle[] = [];
  private readonly sentByType: (StatHandle | undefined)[] = [];

  constructor(readonly mgr: StatsMgr) {
    const h = (name: string) => mgr.handle(name);
    this.received = h('pkt6-received');
    this.sent = h('pkt6-sent');
    this.parseFailed = h('pkt6-parse-failed');
    this.receiveDrop = h('pkt6-receive-drop');
    this.unknownReceived = h('pkt6-unknown-received');
    const rx: [number, string][] = [
      [M.SOLICIT, 'solicit'],
      [M.ADVERTISE, 'advertise'],
      [M.REQUEST, 'request'],
      [M.CONFIRM, 'confirm'],
      [M.RENEW, 'renew'],
      [M.REBIND, 'rebind'],
      [M.REPLY, 'reply'],
      [M.RELEASE, 'release'],
      [M.DECLINE, 'decline'],
      [M.RECONFIGURE, 'reconfigure'],
      [M.INFORMATION_REQUEST, 'infrequest'],
      [M.DHCPV4_QUERY, 'dhcpv4-query'],
      [M.DHCPV4_RESPONSE, 'dhcpv4-response'],
    ];
    for (const [type, name] of rx) this.receivedByType[type] = h(`pkt6-${name}-received`);
    this.sentByType[M.ADVERTISE] = h('pkt6-advertise-sent');
    this.sentByType[M.REPLY] = h('pkt6-reply-sent');
    this.sentByType[M.DHCPV4_RESPONSE] = h('pkt6-dhcpv4-response-sent');
  }

  initDefaults(): void {
    for (const name of DHCP6_STARTUP_STATISTICS) this.mgr.setValue(name, 0);
  }

  countReceived(type: number): void {
    (this.receivedByType[type] ?? this.unknownReceived).add(1);
  }

  countSent(type: number): void {
    this.sent.add(1);
    this.sentByType[type]?.add(1);
  }
}
