// Send-only AF_PACKET socket of one Ethernet interface, for DHCPv4 replies to a client that has no IP
// address yet: the frame goes straight to chaddr, no ARP. Protocol 0 means the kernel queues nothing for
// it to read; receiving stays on the UDP sockets. The frame buffer is allocated once per interface.

import { KEA_ERR_NET_SOCKET, KEA_ERR_NET_TOO_BIG, NetError } from './errors.js';
import { FRAME_OVERHEAD, type FrameAddresses, writeUdpFrame } from './frame.js';
import { AF_PACKET, lastError, loadLibc, SOCK_CLOEXEC, SOCK_NONBLOCK, SOCK_RAW, sockaddrLl } from './libc.js';

export class PacketSender {
  private fd: number;
  private readonly frame: Buffer;
  private readonly target: Buffer;
  private readonly libc = loadLibc();

  constructor(
    readonly device: string,
    ifindex: number,
    mtu: number,
  ) {
    const c = this.libc;
    this.fd = c.socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (this.fd < 0) {
      throw new NetError(
        KEA_ERR_NET_SOCKET,
        `Failed to open packet socket on ${device}: ${lastError(c).text}`,
      );
    }
    this.frame = Buffer.alloc(14 + Math.max(mtu, 576));
    this.target = sockaddrLl(ifindex, Buffer.alloc(6));
  }

  /** Builds and sends one frame; throws NetError when it is too big or the kernel refuses it. */
  send(a: FrameAddresses, payload: Uint8Array): void {
    if (this.fd < 0) throw new NetError(KEA_ERR_NET_SOCKET, `packet socket on ${this.device} is closed`);
    if (FRAME_OVERHEAD + payload.length > this.frame.length) {
      throw new NetError(
        KEA_ERR_NET_TOO_BIG,
        `${payload.length}-byte payload does not fit the MTU of ${this.device}`,
      );
    }
    const len = writeUdpFrame(this.frame, a, payload);
    // The destination MAC in sockaddr_ll is ignored for SOCK_RAW (the frame carries it); ifindex counts.
    if (this.libc.sendto(this.fd, this.frame, len, 0, this.target, this.target.length) < 0) {
      const { text } = lastError(this.libc);
      throw new NetError(KEA_ERR_NET_SOCKET, `Failed to send a direct frame on ${this.device}: ${text}`);
    }
  }

  close(): void {
    if (this.fd >= 0) this.libc.close(this.fd);
    this.fd = -1;
  }
}
