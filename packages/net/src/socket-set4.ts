// DHCPv4 service sockets: per selected interface, UDP sockets bound to that device, so every datagram is
// known by its ingress interface and replies leave by it. raw (Kea's default): one 0.0.0.0:port socket per
// interface receiving broadcast and unicast, plus one socket per `iface/address` entry whose address is
// the source of replies; direct replies to address-less clients go out on an AF_PACKET socket. udp: one
// socket per selected address (unicast, i.e. relayed, traffic only, as in Kea) and no direct replies.

import type dgram from 'node:dgram';
import { getComponentLogger } from '@kea-ts/log';
import { formatIPv4, tryParseIPv4 } from '@kea-ts/util';
import { KEA_ERR_NET_NO_SOCKET, NetError } from './errors.js';
import { detectInterfaces, type NetInterface } from './interfaces.js';
import { type InterfacesConfig, type SelectedInterface, selectInterfaces } from './interfaces-config.js';
import { NET_MESSAGES as M } from './messages.js';
import { PacketSender } from './packet-socket.js';
import { SocketRetry } from './retry.js';
import { openUdp4 } from './udp-socket.js';

export const BROADCAST4 = 0xffffffff;
const ARPHRD_ETHER = 1;

/** The socket a datagram came in on; one constant object per socket, so receiving allocates nothing. */
export interface SocketInfo4 {
  readonly iface: Iface4Sockets;
  /** The address the socket is bound to; 0 for the interface's 0.0.0.0 socket. */
  readonly localAddress: number;
}

/** Called for every datagram; `srcAddress` is the IPv4 number of the sender (0.0.0.0 is 0). */
export type Packet4Handler = (data: Buffer, via: SocketInfo4, srcAddress: number, srcPort: number) => void;

export interface Open4Options {
  config: InterfacesConfig;
  /** Server port (67, or -p). */
  port: number;
  /** Client port that direct and broadcast replies go to (68, or -P). */
  clientPort?: number;
  onPacket: Packet4Handler;
  /** Interface detection (defaults to detectInterfaces; tests may pass a fixed list). */
  detect?: () => NetInterface[];
  /** A fatal open failure found by a background retry; the default throws (the process ends). */
  onFatal?: (err: NetError) => void;
  /** A send that failed after it was queued; the default logs DHCP4_PACKET_SEND_FAIL. */
  onSendError?: (err: Error, iface: string) => void;
}

interface Planned {
  address: number;
  socket: dgram.Socket | null;
  info: SocketInfo4;
}

/** The sockets of one interface and the ways of sending out of it. */
export class Iface4Sockets {
  /** Source address of replies: the first `iface/address` entry, else the interface's first address. */
  sourceAddress = 0;
  /** @internal */ planned: Planned[] = [];
  /** @internal */ sendSocket: dgram.Socket | null = null;
  /** @internal */ direct: PacketSender | null = null;
  /** @internal */ sent: (err: Error | null) => void;

  constructor(
    public iface: NetInterface,
    readonly selection: SelectedInterface,
    private readonly clientPort: number,
    onSendError: (err: Error, iface: string) => void,
  ) {
    this.sent = (err) => {
      if (err) onSendError(err, this.iface.name);
    };
  }

  get name(): string {
    return this.iface.name;
  }

  /** Number of sockets open on this interface. */
  get openCount(): number {
    return this.planned.reduce((n, p) => n + (p.socket === null ? 0 : 1), 0);
  }

  private socket(): dgram.Socket {
    if (this.sendSocket === null)
      throw new NetError(KEA_ERR_NET_NO_SOCKET, `no open socket on interface ${this.iface.name}`);
    return this.sendSocket;
  }

  /** Unicast to an address (the kernel resolves its MAC by ARP), out of this interface. */
  send(data: Uint8Array, address: number, port: number): void {
    this.socket().send(data, port, formatIPv4(address), this.sent);
  }

  /** To 255.255.255.255 out of this interface. */
  sendBroadcast(data: Uint8Array, port = this.clientPort): void {
    this.socket().send(data, port, '255.255.255.255', this.sent);
  }

  /**
   * To a client without an address: with raw sockets a frame straight to `chaddr` and `yiaddr` (no ARP);
   * with udp sockets, or when the link is not Ethernet, a broadcast (as Kea does when it cannot).
   */
  sendDirect(data: Uint8Array, chaddr: Uint8Array, yiaddr: number, port = this.clientPort): void {
    if (this.direct === null || chaddr.length !== 6) {
      this.sendBroadcast(data, port);
      return;
    }
    this.direct.send(
      {
        dstMac: chaddr,
        srcMac: this.iface.hwAddress,
        srcIp: this.sourceAddress,
        dstIp: yiaddr,
        srcPort: this.serverPort,
        dstPort: port,
      },
      data,
    );
  }

  /** @internal */ serverPort = 67;
}

export class Dhcp4Sockets {
  private readonly byName = new Map<string, Iface4Sockets>();
  private retry: SocketRetry | null = null;

  private constructor(private readonly o: Open4Options) {}

  /**
   * Selects interfaces per `interfaces-config` and opens their sockets. Throws NetError for a bad
   * selection, or when `service-sockets-require-all` is set, a socket failed and no retry is configured.
   */
  static open(o: Open4Options): Dhcp4Sockets {
    const set = new Dhcp4Sockets(o);
    set.start();
    return set;
  }

  /** Interfaces with sockets (or waiting for a retry), in index order. */
  get interfaces(): Iface4Sockets[] {
    return [...this.byName.values()];
  }

  iface(name: string): Iface4Sockets | undefined {
    return this.byName.get(name);
  }

  /** Resolves once no retry is pending, with the failures of the last round (empty: all open). */
  get settled(): Promise<string[]> {
    return this.retry!.settled;
  }

  close(): void {
    this.retry?.stop();
    for (const i of this.byName.values()) {
      for (const p of i.planned) p.socket?.close();
      i.direct?.close();
    }
    this.byName.clear();
  }

  private start(): void {
    const { config, port } = this.o;
    const detect = this.o.detect ?? detectInterfaces;
    const detected = detect();
    const selection = selectInterfaces(4, config, detected);
    getComponentLogger('dhcp4').debug(50, M.DHCP4_OPEN_SOCKET, port);
    const log = getComponentLogger('dhcp4');
    const onSendError =
      this.o.onSendError ??
      ((err, name) => log.error(M.DHCP4_PACKET_SEND_FAIL, `interface ${name}`, err.message));
    for (const s of selection) {
      const i = new Iface4Sockets(
        detected.find((x) => x.name === s.name)!,
        s,
        this.o.clientPort ?? 68,
        onSendError,
      );
      i.serverPort = port;
      this.byName.set(s.name, i);
    }
    this.retry = new SocketRetry({
      family: 4,
      config,
      attempt: (first) => this.attempt(first ? null : detect()),
      onFatal:
        this.o.onFatal ??
        ((err) => {
          throw err;
        }),
    });
    try {
      this.retry.start();
    } catch (e) {
      this.close();
      throw e;
    }
  }

  /** One round: opens every socket not open yet; `fresh` is a re-detection for a retry round. */
  private attempt(fresh: NetInterface[] | null) {
    const failures: string[] = [];
    let open = 0;
    for (const i of this.byName.values()) {
      if (fresh !== null && i.openCount === 0) {
        const now = fresh.find((x) => x.name === i.name);
        if (now === undefined) {
          failures.push(`interface ${i.name} no longer exists`);
          continue;
        }
        i.iface = now;
      }
      const problem = this.checkIface(i);
      if (problem !== null) {
        failures.push(problem);
        continue;
      }
      if (i.planned.length === 0) i.planned = this.plan(i);
      for (const p of i.planned) {
        if (p.socket === null) {
          try {
            p.socket = this.openOne(i, p);
          } catch (e) {
            failures.push(`Failed to open socket on interface ${i.name}, reason: ${(e as Error).message}`);
          }
        }
        if (p.socket !== null) open++;
      }
      this.chooseSender(i, failures);
    }
    return { open, failures };
  }

  private checkIface(i: Iface4Sockets): string | null {
    const { flags, name } = i.iface;
    if (flags.loopback && !(i.selection.explicit && this.o.config.dhcpSocketType === 'udp')) {
      return `must not open socket on the loopback interface ${name}`;
    }
    if (!flags.up) return `the interface ${name} is down`;
    if (!flags.running) return `the interface ${name} is not running`;
    if (i.iface.ipv4.length === 0) return `the interface ${name} has no usable IPv4 addresses configured`;
    return null;
  }

  private plan(i: Iface4Sockets): Planned[] {
    const explicit = i.selection.byName ? [] : i.selection.addresses4;
    const info = (address: number): Planned => ({
      address,
      socket: null,
      info: { iface: i, localAddress: address },
    });
    if (this.o.config.dhcpSocketType === 'raw') return [info(0), ...explicit.map(info)];
    const all = i.selection.byName ? i.iface.ipv4.map((a) => a.address) : explicit;
    return all.map(info);
  }

  private openOne(i: Iface4Sockets, p: Planned): dgram.Socket {
    const { config, port, onPacket } = this.o;
    const raw = config.dhcpSocketType === 'raw';
    const socket = openUdp4({
      address: p.address,
      port,
      // use-routing (udp only, as in Kea) lets the routing table pick the egress interface.
      device: raw || config.outboundInterface === 'same-as-inbound' ? i.name : undefined,
      broadcast: true,
      // The 0.0.0.0 socket and the iface/address sockets of one interface share the port.
      reuseAddress: raw && i.planned.length > 1,
    });
    const info = p.info;
    socket.on('message', (msg, rinfo) => onPacket(msg, info, tryParseIPv4(rinfo.address) ?? 0, rinfo.port));
    socket.on('error', (err) => i.sent(err));
    return socket;
  }

  /** Replies leave by the socket of the configured address, else by the interface's 0.0.0.0 socket. */
  private chooseSender(i: Iface4Sockets, failures: string[]): void {
    const open = i.planned.filter((p) => p.socket !== null);
    const preferred = open.find((p) => p.address !== 0) ?? open[0];
    i.sendSocket = preferred?.socket ?? null;
    i.sourceAddress =
      preferred !== undefined && preferred.address !== 0
        ? preferred.address
        : (i.iface.ipv4[0]?.address ?? 0);
    if (
      this.o.config.dhcpSocketType === 'raw' &&
      i.direct === null &&
      i.iface.hwType === ARPHRD_ETHER &&
      open.length > 0
    ) {
      try {
        i.direct = new PacketSender(i.name, i.iface.index, i.iface.mtu);
      } catch (e) {
        failures.push((e as Error).message);
      }
    }
  }
}
