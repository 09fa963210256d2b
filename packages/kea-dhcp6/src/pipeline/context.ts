// The per-packet context every pipeline step takes (Kea's ClientContext6 plus the server loop's side
// data): the services of the configuration in force, where the query came from, the query (relay
// layers already unwrapped by Pkt6.parse) and the answer being built. Steps never touch a socket.
import type { Pkt6 } from '@kea-ts/dhcp';
import type {
  AllocEngine6,
  ClientDbHosts,
  ClientFqdn,
  D2ClientMgr,
  Dhcp6Config,
  Host6,
  HostMgr,
  Lease6,
  LeaseMgr6,
  PacketClasses,
  Subnet6,
} from '@kea-ts/dhcpsrv';
import { CalloutHandle } from '@kea-ts/hooks';
import { formatHex } from '@kea-ts/util';
import type { PacketStats6 } from '../stats6.js';
import { clientHwAddr, type HwAddr } from './hwaddr.js';

/** Where a datagram came from and on which interface. */
export interface Ingress6 {
  iface: string;
  /** Destination address of the datagram (text); ff02::1:2 for multicast. */
  localAddress: string;
  /** Sent to a multicast group (Kea's isV6Multicast of the local address). */
  multicast: boolean;
  remoteAddress: string;
  remotePort: number;
}

export interface Services6 {
  readonly config: Dhcp6Config;
  readonly engine: AllocEngine6;
  readonly leaseMgr: LeaseMgr6;
  readonly stats: PacketStats6;
  readonly serverDuid: Buffer;
  readonly declineProbationPeriod: number;
  readonly serverPort: number;
  readonly clientPort: number;
  /** The hosts databases (hosts-database / hosts-databases); null when none is configured. */
  readonly hostMgr: HostMgr | null;
  /** The NameChangeRequest sender when dhcp-ddns enable-updates is true; null otherwise. */
  readonly d2: D2ClientMgr | null;
}

export class Exchange6 {
  query: Pkt6 | null = null;
  response: Pkt6 | null = null;
  subnet: Subnet6 | null = null;
  /** Leases written for this query (leases6_committed). */
  leases: Lease6[] = [];
  /** Leases the client lost in this query (deleted_leases6). */
  deleted: Lease6[] = [];
  /** Every lease answered, advertised ones included (Kea's allocated_resources_: pool options). */
  offered: Lease6[] = [];
  /** The client's reservation in the selected subnet (or global), for its options. */
  host: Host6 | null = null;
  /** The client's hosts in the hosts databases, fetched once per packet; null without databases. */
  dbHosts: ClientDbHosts<Host6> | null = null;
  /** The query's client classes, in the order it got them (set by classification). */
  classes: PacketClasses | null = null;
  /** Whether leases6_committed is due (not for ADVERTISE, CONFIRM, INFORMATION-REQUEST). */
  committed = false;
  /** Addresses / prefixes already given in this packet, so a second IA gets another. */
  readonly allocated = new Set<string>();
  /** The client's name as its leases record it, and the DNS updates promised (processClientFqdn). */
  hostname = '';
  fqdnFwd = false;
  fqdnRev = false;
  /** The option 39 answer; null when the answer carries none. */
  fqdnResp: ClientFqdn | null = null;
  /** The first IAADDR (address and lifetimes) of the answer's IA_NAs, while an option 39 answer is due. */
  firstNa: Buffer | null = null;
  /** The client's leases as they were before this query updated them (DDNS on only). */
  changed: Lease6[] = [];
  private labelV: string | null = null;
  private hwV: HwAddr | null | undefined;
  private handleV: CalloutHandle<unknown> | null = null;

  constructor(
    readonly srv: Services6,
    readonly raw: Buffer,
    readonly ingress: Ingress6,
  ) {}

  get q(): Pkt6 {
    if (this.query === null) throw new Error('no parsed query in this exchange');
    return this.query;
  }

  /** The callout handle that follows this packet across hook points (made on first use). */
  get handle(): CalloutHandle<unknown> {
    this.handleV ??= new CalloutHandle<unknown>(null);
    return this.handleV;
  }

  /** The client's hardware address per mac-sources (found once per packet). */
  hwaddr(): HwAddr | null {
    if (this.hwV === undefined) this.hwV = clientHwAddr(this);
    return this.hwV;
  }

  /** Kea's Pkt6::getLabel: duid and transaction id. */
  get label(): string {
    if (this.labelV === null) {
      const cid = this.query?.getOption(1);
      const duid = cid ? formatHex(cid, ':') : 'no info';
      this.labelV = `duid=[${duid}], tid=0x${(this.query?.transactionId ?? 0).toString(16)}`;
    }
    return this.labelV;
  }

  /** The label: a log call given `ex` itself formats it only when the line is written. */
  toString(): string {
    return this.label;
  }
}
