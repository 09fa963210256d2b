// Creating service sockets: the descriptor is made and bound through libc (so SO_BINDTODEVICE is in
// force before bind, which is what lets one socket per interface share port 67/547), then handed to
// node:dgram with bind({ fd }) so receiving and sending run on libuv's event loop like any UDP socket.

import dgram from 'node:dgram';
import dns from 'node:dns';
import { formatIPv4, formatIPv6 } from '@kea-ts/util';
import { KEA_ERR_NET_SOCKET, NetError } from './errors.js';
import {
  AF_INET,
  AF_INET6,
  IPPROTO_IPV6,
  IPV6_JOIN_GROUP,
  IPV6_MULTICAST_IF,
  IPV6_V6ONLY,
  intOption,
  ipv6Mreq,
  lastError,
  loadLibc,
  SO_BINDTODEVICE,
  SO_BROADCAST,
  SO_RCVBUF,
  SO_RCVBUFFORCE,
  SO_REUSEADDR,
  SOCK_CLOEXEC,
  SOCK_DGRAM,
  SOCK_NONBLOCK,
  SOL_SOCKET,
  sockaddrIn,
  sockaddrIn6,
} from './libc.js';

export interface Udp4Options {
  address: number;
  port: number;
  /** SO_BINDTODEVICE: receive only what arrives on this interface, send only out of it. */
  device?: string;
  broadcast: boolean;
  reuseAddress: boolean;
}

export interface Udp6Options {
  address: Uint8Array;
  port: number;
  device?: string;
  /** Interface index: the scope of link-local and multicast addresses, and of group joins. */
  ifindex: number;
  join?: Uint8Array;
}

type Libc = ReturnType<typeof loadLibc>;

function fail(c: Libc, fd: number, what: string): never {
  const { text } = lastError(c);
  if (fd >= 0) c.close(fd);
  throw new NetError(KEA_ERR_NET_SOCKET, `${what}: ${text}`);
}

function setOpt(c: Libc, fd: number, level: number, name: number, value: Buffer, what: string): void {
  if (c.setsockopt(fd, level, name, value, value.length) < 0) fail(c, fd, what);
}

type LookupDone = (err: NodeJS.ErrnoException | null, address: string, family: number) => void;

/**
 * The servers only ever send to address literals: this lookup hands the literal straight back, where
 * dns.lookup would test it against its IPv6 regular expression and answer a tick later, per datagram.
 * A name (never produced by the servers) still goes through dns.lookup.
 */
function literalLookup(family: 4 | 6) {
  return (address: string, _options: unknown, done: LookupDone): void => {
    if (family === 6 ? address.includes(':') : /^[0-9.]+$/.test(address)) done(null, address, family);
    else dns.lookup(address, family, done);
  };
}

function wrap(type: 'udp4' | 'udp6', fd: number): dgram.Socket {
  const socket = dgram.createSocket({ type, lookup: literalLookup(type === 'udp6' ? 6 : 4) });
  socket.bind({ fd });
  return socket;
}

/** Receive buffer asked for server sockets (the kernel doubles it for its bookkeeping). */
export const RECEIVE_BUFFER_BYTES = 4 << 20;

/**
 * A larger receive buffer, best effort: a burst that arrives while the event loop is busy (a garbage
 * collection, another process on the core) waits in the socket instead of being dropped by the kernel.
 * SO_RCVBUFFORCE passes net.core.rmem_max when the process may (CAP_NET_ADMIN); else SO_RCVBUF, capped.
 */
function growReceiveBuffer(c: Libc, fd: number): void {
  const size = intOption(RECEIVE_BUFFER_BYTES);
  if (c.setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, size, size.length) === 0) return;
  c.setsockopt(fd, SOL_SOCKET, SO_RCVBUF, size, size.length);
}

function bindToDevice(c: Libc, fd: number, device: string | undefined): void {
  if (device === undefined) return;
  setOpt(
    c,
    fd,
    SOL_SOCKET,
    SO_BINDTODEVICE,
    Buffer.from(`${device}\0`, 'latin1'),
    `Failed to set SO_BINDTODEVICE option on socket for ${device}`,
  );
}

/** An IPv4 UDP socket bound as asked; throws NetError with the system's reason. */
export function openUdp4(o: Udp4Options): dgram.Socket {
  const c = loadLibc();
  const where = `${formatIPv4(o.address)}:${o.port}${o.device === undefined ? '' : ` on ${o.device}`}`;
  const fd = c.socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) fail(c, fd, `Failed to create UDP4 socket for ${where}`);
  bindToDevice(c, fd, o.device);
  if (o.reuseAddress)
    setOpt(c, fd, SOL_SOCKET, SO_REUSEADDR, intOption(1), `Failed to set SO_REUSEADDR for ${where}`);
  if (o.broadcast)
    setOpt(c, fd, SOL_SOCKET, SO_BROADCAST, intOption(1), `Failed to set SO_BROADCAST for ${where}`);
  growReceiveBuffer(c, fd);
  const sa = sockaddrIn(o.address, o.port);
  if (c.bind(fd, sa, sa.length) < 0) fail(c, fd, `Failed to bind socket to ${where}`);
  return wrap('udp4', fd);
}

/** An IPv6 UDP socket (IPV6_V6ONLY) bound as asked, joined to `join` on its interface when given. */
export function openUdp6(o: Udp6Options): dgram.Socket {
  const c = loadLibc();
  const where = `[${formatIPv6(o.address)}]:${o.port}${o.device === undefined ? '' : ` on ${o.device}`}`;
  const fd = c.socket(AF_INET6, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) fail(c, fd, `Failed to create UDP6 socket for ${where}`);
  setOpt(c, fd, IPPROTO_IPV6, IPV6_V6ONLY, intOption(1), `Failed to set IPV6_V6ONLY for ${where}`);
  bindToDevice(c, fd, o.device);
  growReceiveBuffer(c, fd);
  const scoped = o.address[0] === 0xff || (o.address[0] === 0xfe && (o.address[1]! & 0xc0) === 0x80);
  const sa = sockaddrIn6(o.address, o.port, scoped ? o.ifindex : 0);
  if (c.bind(fd, sa, sa.length) < 0) fail(c, fd, `Failed to bind socket to ${where}`);
  if (o.join !== undefined) {
    setOpt(
      c,
      fd,
      IPPROTO_IPV6,
      IPV6_JOIN_GROUP,
      ipv6Mreq(o.join, o.ifindex),
      `Failed to join ${formatIPv6(o.join)} for ${where}`,
    );
  }
  // Multicast sends (e.g. a future RECONFIGURE) leave by this socket's interface.
  setOpt(
    c,
    fd,
    IPPROTO_IPV6,
    IPV6_MULTICAST_IF,
    intOption(o.ifindex),
    `Failed to set IPV6_MULTICAST_IF for ${where}`,
  );
  return wrap('udp6', fd);
}
