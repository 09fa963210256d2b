// Kea's UDP NameChangeRequest listener (D2's side): one socket on ip-address:port, each datagram decoded
// as one framed NCR. Invalid datagrams are logged (DHCP_DDNS_INVALID_NCR) and reported, never fatal.
import type dgram from 'node:dgram';
import { getComponentLogger, type Logger } from '@kea-ts/log';
import { isIPv4, isIPv6, isKeaError, type KeaError } from '@kea-ts/util';
import { badNcr, badOption } from './errors.js';
import { LOGGER_NAME, MSG } from './messages.js';
import type { NameChangeRequest } from './ncr.js';
import { bindUdp, closeUdp } from './socket.js';
import { decodeNcr } from './wire.js';

/** Where a datagram came from. */
export interface NcrSource {
  address: string;
  port: number;
}

export interface NcrUdpReceiverOptions {
  /** D2's ip-address and port. */
  ip: string;
  port: number;
  /** A valid request arrived (D2 counts ncr-received). */
  onRequest: (ncr: NameChangeRequest, from: NcrSource) => void;
  /** An invalid datagram arrived, already logged as DHCP_DDNS_INVALID_NCR (D2 counts ncr-invalid). */
  onInvalid?: (error: KeaError, from: NcrSource) => void;
  /** The socket reported an error, already logged as DHCP_DDNS_NCR_UDP_RECV_ERROR (D2 counts ncr-error). */
  onError?: (error: Error) => void;
  /** Defaults to '<root>.libdhcp-ddns'. */
  logger?: Logger;
  /** Socket receive buffer in bytes (default NCR_RECV_BUFFER, capped by the kernel's net.core.rmem_max). */
  recvBufferSize?: number;
}

/**
 * 4 MiB: a DHCP server's burst of NCRs waits in the kernel while a busy event loop catches up, instead of
 * being dropped at the kernel's default of about 200 KiB (Kea keeps the default; its loop is C++).
 */
export const NCR_RECV_BUFFER = 4 * 1024 * 1024;

export class NcrUdpReceiver {
  private readonly opts: NcrUdpReceiverOptions;
  private readonly log: Logger;
  private socket: dgram.Socket | null = null;

  constructor(opts: NcrUdpReceiverOptions) {
    if (!isIPv4(opts.ip) && !isIPv6(opts.ip)) throw badOption(`ip-address '${opts.ip}' is not an IP address`);
    if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) {
      throw badOption(`port ${opts.port} is not a port number`);
    }
    this.opts = opts;
    this.log = opts.logger ?? getComponentLogger(LOGGER_NAME);
  }

  /** Binds ip:port and starts delivering requests. Throws KEA_ERR_DHCP_DDNS_SOCKET when the bind fails. */
  async start(): Promise<void> {
    if (this.socket !== null) return;
    const sock = await bindUdp(
      this.opts.ip,
      this.opts.ip,
      this.opts.port,
      'cannot listen for NameChangeRequests',
      this.opts.recvBufferSize ?? NCR_RECV_BUFFER,
    );
    sock.on('message', (msg, rinfo) => this.onDatagram(msg, { address: rinfo.address, port: rinfo.port }));
    sock.on('error', (e) => {
      this.log.error(MSG.DHCP_DDNS_NCR_UDP_RECV_ERROR, e.message);
      this.call(() => this.opts.onError?.(e));
    });
    this.socket = sock;
  }

  async stop(): Promise<void> {
    const sock = this.socket;
    if (sock === null) return;
    this.socket = null;
    await closeUdp(sock, (e) => this.log.error(MSG.DHCP_DDNS_NCR_LISTEN_CLOSE_ERROR, e.message));
    this.log.debug(40, MSG.DHCP_DDNS_NCR_UDP_RECV_CANCELED);
  }

  get isListening(): boolean {
    return this.socket !== null;
  }

  /** The kernel's receive buffer of the socket in bytes (after start()), as getsockopt reports it. */
  receiveBufferSize(): number | null {
    return this.socket === null ? null : this.socket.getRecvBufferSize();
  }

  /** The bound address (after start()); port is the real one when 0 was asked. */
  address(): NcrSource | null {
    if (this.socket === null) return null;
    const a = this.socket.address();
    return { address: a.address, port: a.port };
  }

  /** Decodes and delivers one datagram; exposed for tests that drive the receiver without a socket. */
  onDatagram(msg: Buffer, from: NcrSource): void {
    let ncr: NameChangeRequest;
    try {
      ncr = decodeNcr(msg);
    } catch (e) {
      const err = isKeaError(e) ? e : badNcr(String((e as Error)?.message ?? e));
      this.log.error(MSG.DHCP_DDNS_INVALID_NCR, err.message);
      this.call(() => this.opts.onInvalid?.(err, from));
      return;
    }
    this.call(() => this.opts.onRequest(ncr, from));
  }

  private call(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.log.error(MSG.DHCP_DDNS_UNCAUGHT_NCR_RECV_HANDLER_ERROR, (e as Error).message);
    }
  }
}
