// The few libc socket calls Node's dgram lacks (SO_BINDTODEVICE before bind, IPv6 group joins by
// interface index, AF_PACKET sends), through koffi. Loaded on first use so importing @kea-ts/net loads no
// native code. Constants are Linux's generic values (x86-64, arm64, riscv64; not mips/sparc/alpha).

import { createRequire } from 'node:module';

export const AF_INET = 2;
export const AF_INET6 = 10;
export const AF_PACKET = 17;
export const SOCK_DGRAM = 2;
export const SOCK_RAW = 3;
export const SOCK_NONBLOCK = 0o4000;
export const SOCK_CLOEXEC = 0o2000000;
export const SOL_SOCKET = 1;
export const SO_REUSEADDR = 2;
export const SO_BROADCAST = 6;
export const SO_BINDTODEVICE = 25;
export const SO_RCVBUF = 8;
export const SO_RCVBUFFORCE = 33;
export const IPPROTO_IPV6 = 41;
export const IPV6_MULTICAST_IF = 17;
export const IPV6_JOIN_GROUP = 20;
export const IPV6_V6ONLY = 26;
export const ETH_P_IP = 0x0800;

interface Libc {
  socket(domain: number, type: number, protocol: number): number;
  setsockopt(fd: number, level: number, name: number, value: Buffer, length: number): number;
  bind(fd: number, addr: Buffer, length: number): number;
  sendto(fd: number, buf: Buffer, length: number, flags: number, addr: Buffer, addrLength: number): number;
  close(fd: number): number;
  strerror(errnum: number): string;
  errno(): number;
}

let libc: Libc | null = null;

export function loadLibc(): Libc {
  if (libc !== null) return libc;
  const require = createRequire(import.meta.url);
  const koffi = require('koffi') as typeof import('koffi');
  const lib = koffi.load('libc.so.6');
  libc = {
    socket: lib.func('int socket(int domain, int type, int protocol)') as Libc['socket'],
    setsockopt: lib.func(
      'int setsockopt(int fd, int level, int name, const void *value, uint32_t length)',
    ) as Libc['setsockopt'],
    bind: lib.func('int bind(int fd, const void *addr, uint32_t length)') as Libc['bind'],
    sendto: lib.func(
      'intptr_t sendto(int fd, const void *buf, size_t length, int flags, const void *addr, uint32_t addrLength)',
    ) as Libc['sendto'],
    close: lib.func('int close(int fd)') as Libc['close'],
    strerror: lib.func('const char *strerror(int errnum)') as Libc['strerror'],
    errno: () => koffi.errno(),
  };
  return libc;
}

/** The system's text for the errno the last failed call left (read it right after the call). */
export function lastError(c: Libc): { errno: number; text: string } {
  const errno = c.errno();
  return { errno, text: c.strerror(errno) };
}

export function intOption(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32LE(value, 0);
  return b;
}

/** struct sockaddr_in for an IPv4 number and port. */
export function sockaddrIn(address: number, port: number): Buffer {
  const b = Buffer.alloc(16);
  b.writeUInt16LE(AF_INET, 0);
  b.writeUInt16BE(port, 2);
  b.writeUInt32BE(address >>> 0, 4);
  return b;
}

/** struct sockaddr_in6; the scope id matters for link-local and multicast addresses. */
export function sockaddrIn6(address: Uint8Array, port: number, scopeId: number): Buffer {
  const b = Buffer.alloc(28);
  b.writeUInt16LE(AF_INET6, 0);
  b.writeUInt16BE(port, 2);
  b.set(address, 8);
  b.writeUInt32LE(scopeId, 24);
  return b;
}

/** struct sockaddr_ll naming the egress interface of an AF_PACKET send. */
export function sockaddrLl(ifindex: number, mac: Uint8Array): Buffer {
  const b = Buffer.alloc(20);
  b.writeUInt16LE(AF_PACKET, 0);
  b.writeUInt16BE(ETH_P_IP, 2);
  b.writeInt32LE(ifindex, 4);
  b.writeUInt16LE(1, 8); // ARPHRD_ETHER
  b[11] = Math.min(mac.length, 8);
  b.set(mac.subarray(0, 8), 12);
  return b;
}

/** struct ipv6_mreq: group address and interface index. */
export function ipv6Mreq(group: Uint8Array, ifindex: number): Buffer {
  const b = Buffer.alloc(20);
  b.set(group, 0);
  b.writeUInt32LE(ifindex, 16);
  return b;
}
