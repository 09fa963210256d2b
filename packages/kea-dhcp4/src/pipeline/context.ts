// The per-packet context every pipeline step takes (Kea's Dhcpv4Exchange plus what the server loop
// keeps on the side): the services of the configuration in force, where the query came from, the query
// and the answer being built. Steps are functions of this context; none touches a socket.

import type { Pkt4 } from '@kea-ts/dhcp';
import type {
  ClientDbHosts,
  ClientFqdn,
  D2ClientMgr,
  Dhcp4Config,
  Host4,
  HostMgr,
  Lease4,
  LeaseMgr4,
  NetworkState,
  PacketClasses,
  Subnet4,
} from '@kea-ts/dhcpsrv';
import { CalloutHandle } from '@kea-ts/hooks';
import type { Allocator4 } from '../alloc-contract.js';
import { packetLabel } from '../label.js';
import type { PacketStats } from '../stats4.js';

/** Where a datagram came from and on which interface. */
export interface Ingress4 {
  /** Interface name. */
  iface: string;
  /** The interface's address (the server identifier of answers given on it). */
  ifaceAddress: number;
  /** Destination address of the datagram; 0xffffffff for a broadcast. */
  localAddress: number;
  remoteAddress: number;
  remotePort: number;
}

/** Where an answer goes, as Kea's adjustIfaceData decides it. */
export interface Destination4 {
  iface: string;
  /** 0xffffffff: broadcast on the interface. */
  address: number;
  port: number;
  /** To a client without an address: a frame straight to chaddr (raw sockets only). */
  direct: boolean;
  /** Source address and port of the answer (for logs). */
  localAddress: number;
  localPort: number;
}

/** Everything of the configuration in force the steps use; replaced as a whole on commit. */
export interface Services4 {
  readonly config: Dhcp4Config;
  readonly engine: Allocator4;
  readonly leaseMgr: LeaseMgr4;
  readonly stats: PacketStats;
  readonly state: NetworkState;
  /** Kea's IfaceMgr::hasOpenSocket(address): an address of an interface we serve on. */
  readonly isOwnAddress: (address: number) => boolean;
  /** Option 54 values configured at subnet, shared network and global levels. */
  readonly configuredServerIds: ReadonlySet<number>;
  /** First address of an interface (subnet selection falls back to it). */
  readonly interfaceAddress: (name: string) => number;
  readonly echoClientId: boolean;
  readonly declineProbationPeriod: number;
  /** Raw sockets can answer a client without an address by unicast (Kea's isDirectResponseSupported). */
  readonly directResponse: boolean;
  /** dhcp-socket-type udp with outbound-interface use-routing. */
  readonly useRouting: boolean;
  /** -p and -P; 0 when not given. */
  readonly serverPort: number;
  readonly clientPort: number;
  /** The hosts databases (hosts-database / hosts-databases); null when none is configured. */
  readonly hostMgr: HostMgr | null;
  /** The NameChangeRequest sender when dhcp-ddns enable-updates is true; null otherwise. */
  readonly d2: D2ClientMgr | null;
}

export class Exchange4 {
  query: Pkt4 | null = null;
  response: Pkt4 | null = null;
  subnet: Subnet4 | null = null;
  host: Host4 | null = null;
  /** The client's hosts in the hosts databases, fetched once per packet; null without databases. */
  dbHosts: ClientDbHosts<Host4> | null = null;
  /** The query's client classes, in the order it got them (set by classification). */
  classes: PacketClasses | null = null;
  /** The lease offered or assigned; for DECLINE the declined one. */
  lease: Lease4 | null = null;
  oldLease: Lease4 | null = null;
  /** Whether leases4_committed is due (Kea calls it for every query that got a context). */
  committed = false;
  destination: Destination4 | null = null;
  /** The client's name as the lease records it, and the DNS updates promised (processClientName). */
  hostname = '';
  fqdnFwd = false;
  fqdnRev = false;
  /** The option 81 answer, or the option 12 answer ('.' while a name is to be generated). */
  fqdnResp: ClientFqdn | null = null;
  hostnameResp: string | null = null;
  private handleV: CalloutHandle<unknown> | null = null;
  private labelV: string | null = null;

  constructor(
    readonly srv: Services4,
    readonly raw: Buffer,
    readonly ingress: Ingress4,
  ) {}

  /** The callout handle that follows this packet across hook points (made on first use). */
  get handle(): CalloutHandle<unknown> {
    this.handleV ??= new CalloutHandle<unknown>(null);
    return this.handleV;
  }

  get label(): string {
    if (this.labelV === null) this.labelV = this.query ? packetLabel(this.query) : '[no packet]';
    return this.labelV;
  }

  /** The label: a log call given `ex` itself formats it only when the line is written. */
  toString(): string {
    return this.label;
  }

  /** The query, for steps that run after parse. */
  get q(): Pkt4 {
    if (this.query === null) throw new Error('no parsed query in this exchange');
    return this.query;
  }
}

/** A step: true to go on, false when the packet is done (dropped or answered). */
export type Step = (ex: Exchange4) => boolean | Promise<boolean>;
