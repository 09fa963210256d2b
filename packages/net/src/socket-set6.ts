// DHCPv6 service sockets, per selected interface and bound to it: one on each link-local address (the
// source of replies), one on ff02::1:2 joined on that interface (All_DHCP_Relay_Agents_and_Servers - the
// only group Kea 2.2 joins; ff05::1:3 on request), and one per `iface/address` unicast entry.

import type dgram from 'node:dgram';
import { getComponentLogger } from '@kea-ts/log';
import { formatIPv6, parseIPv6 } from '@kea-ts/util';
import { KEA_ERR_NET_NO_SOCKET, NetError } from './errors.js';
import { detectInterfaces, type NetInterface } from './interfaces.js';
import { type InterfacesConfig, type SelectedInterface, selectInterfaces } from './interfaces-config.js';
import { NET_MESSAGES as M } from './messages.js';
import { SocketRetry } from './retry.js';
import { openUdp6 } from './udp-socket.js';

export const ALL_DHCP_RELAY_AGENTS_AND_SERVERS = 'ff02::1:2';
export const ALL_DHCP_SERVERS = 'ff05::1:3';

export type Socket6Kind = 'link-local' | 'multicast' | 'unicast';

/** The socket a datagram came in on; one constant object per socket. */
export interface SocketInfo6 {
  readonly iface: Iface6Sockets;
  /** 'unicast' for `iface/address` sockets: a server without one answers unicast with UseMulticast. */
  readonly kind: Socket6Kind;
  readonly localAddress: Buffer;
}

/** `srcAddress` is Node's text form, with %interface for link-local senders, ready to send back to. */
export type Packet6Handler = (data: Buffer, via: SocketInfo6, srcAddress: string, srcPort: number) => void;

export interface Open6Options {
  config: InterfacesConfig;
  /** Server port (547, or -p). */
  port: number;
  onPacket: Packet6Handler;
  /** Also join ff05::1:3 (Kea 2.2 does not; off by default). */
  joinAllDhcpServers?: boolean;
  detect?: () => NetInterface[];
  onFatal?: (err: NetError) => void;
  onSendError?: (err: Error, iface: string) => void;
}

interface Planned {
  join: Buffer | undefined;
  socket: dgram.Socket | null;
  info: SocketInfo6;
}

export class Iface6Sockets {
  /** @internal */ planned: Planned[] = [];
  /** @internal */ sent: (err: Error | null) => void;

  constructor(
    public iface: NetInterface,
    readonly selection: SelectedInterface,
    onSendError: (err: Error, iface: string) => void,
  ) {
    this.sent = (err) => {
      if (err) onSendError(err, this.iface.name);
    };
  }

  get name(): string {
    return this.iface.name;
  }

  get openCount(): number {
    return this.planned.reduce((n, p) => n + (p.socket === null ? 0 : 1), 0);
  }

  private linkLocal(): dgram.Socket {
    for (const p of this.planned) if (p.info.kind === 'link-local' && p.socket !== null) return p.socket;
    throw new NetError(KEA_ERR_NET_NO_SOCKET, `no open link-local socket on interface ${this.iface.name}`);
  }

  /**
   * Answers a datagram: from the unicast address it came to, else from the link-local address. A
   * link-local destination without %scope is scoped to this interface.
   */
  reply(via: SocketInfo6, data: Uint8Array, address: string, port: number): void {
    const s = via.kind === 'unicast' ? this.planned.find((p) => p.info === via)?.socket : null;
    this.send(data, address, port, s ?? undefined);
  }

  /**
   * Sends from this interface's link-local address (or the given socket). Every socket here is bound
   * to the interface (SO_BINDTODEVICE), which scopes a link-local destination for the kernel; a
   * `%name` scope would only make libuv look the interface index up (three system calls) per send.
   */
  send(data: Uint8Array, address: string, port: number, socket = this.linkLocal()): void {
    const pct = address.indexOf('%');
    const dest = pct >= 0 && address.slice(pct + 1) === this.iface.name ? address.slice(0, pct) : address;
    socket.send(data, port, dest, this.sent);
  }
}

export class Dhcp6Sockets {
  private readonly byName = new Map<string, Iface6Sockets>();
  private retry: SocketRetry | null = null;

  private constructor(private readonly o: Open6Options) {}

  static open(o: Open6Options): Dhcp6Sockets {
    const set = new Dhcp6Sockets(o);
    set.start();
    return set;
  }

  get interfaces(): Iface6Sockets[] {
    return [...this.byName.values()];
  }

  iface(name: string): Iface6Sockets | undefined {
    return this.byName.get(name);
  }

  get settled(): Promise<string[]> {
    return this.retry!.settled;
  }

  close(): void {
    this.retry?.stop();
    for (const i of this.byName.values()) for (const p of i.planned) p.socket?.close();
    this.byName.clear();
  }

  private start(): void {
    const detect = this.o.detect ?? detectInterfaces;
    const detected = detect();
    const selection = selectInterfaces(6, this.o.config, detected);
    const log = getComponentLogger('dhcp6');
    log.debug(50, M.DHCP6_OPEN_SOCKET, this.o.port);
    const onSendError =
      this.o.onSendError ??
      ((err, name) => log.error(M.DHCP6_PACKET_SEND_FAIL, `interface ${name}`, err.message));
    for (const s of selection) {
      this.byName.set(s.name, new Iface6Sockets(detected.find((x) => x.name === s.name)!, s, onSendError));
    }
    this.retry = new SocketRetry({
      family: 6,
      config: this.o.config,
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
      const { flags, name } = i.iface;
      if (flags.loopback && !i.selection.explicit) {
        failures.push(`must not open socket on the loopback interface ${name}`);
        continue;
      }
      if (!flags.up || !flags.running) {
        failures.push(`the interface ${name} is ${flags.up ? 'not running' : 'down'}`);
        continue;
      }
      if (i.planned.length === 0) i.planned = this.plan(i);
      for (const p of i.planned) {
        if (p.socket === null) {
          try {
            p.socket = this.openOne(i, p);
          } catch (e) {
            failures.push(
              `Failed to open ${p.info.kind} socket on interface ${name}, reason: ${(e as Error).message}`,
            );
          }
        }
        if (p.socket !== null) open++;
      }
    }
    return { open, failures };
  }

  private plan(i: Iface6Sockets): Planned[] {
    const log = getComponentLogger('dhcp6');
    const planned: Planned[] = [];
    const add = (kind: Socket6Kind, localAddress: Buffer, join?: Buffer) =>
      planned.push({ join, socket: null, info: { iface: i, kind, localAddress } });
    for (const u of i.selection.unicast6) {
      log.info(M.DHCP6_SOCKET_UNICAST, formatIPv6(u), i.name);
      add('unicast', u);
    }
    // Like Kea: only link-local addresses get the general sockets (one per global address would
    // receive each message several times). Listing an interface by address only still listens here.
    for (const a of i.iface.ipv6) if (a.linkLocal) add('link-local', a.address);
    if (i.iface.flags.multicast && planned.some((p) => p.info.kind === 'link-local')) {
      const group = parseIPv6(ALL_DHCP_RELAY_AGENTS_AND_SERVERS);
      add('multicast', group, group);
      if (this.o.joinAllDhcpServers) {
        const site = parseIPv6(ALL_DHCP_SERVERS);
        add('multicast', site, site);
      }
    }
    return planned;
  }

  private openOne(i: Iface6Sockets, p: Planned): dgram.Socket {
    const socket = openUdp6({
      address: p.info.localAddress,
      port: this.o.port,
      device: i.name,
      ifindex: i.iface.index,
      join: p.join,
    });
    const info = p.info;
    const onPacket = this.o.onPacket;
    socket.on('message', (msg, rinfo) => onPacket(msg, info, rinfo.address, rinfo.port));
    socket.on('error', (err) => i.sent(err));
    return socket;
  }
}
