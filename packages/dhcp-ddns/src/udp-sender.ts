// Kea's UDP NameChangeRequest sender: a bounded FIFO queue and one datagram in flight at a time. The DHCP
// servers use it to feed D2 (the dhcp-ddns map: sender-ip/-port, server-ip/-port, max-queue-size).
import type dgram from 'node:dgram';
import { getComponentLogger, type Logger } from '@kea-ts/log';
import { isIPv4, isIPv6, KeaError } from '@kea-ts/util';
import { badOption, ERR_DHCP_DDNS_QUEUE_FULL, ERR_DHCP_DDNS_SENDER_NOT_READY } from './errors.js';
import { LOGGER_NAME, MSG } from './messages.js';
import type { NameChangeRequest } from './ncr.js';
import { bindUdp, closeUdp } from './socket.js';
import { encodeNcr } from './wire.js';

/** Kea's NameChangeSender::MAX_QUEUE_DEFAULT. */
export const MAX_QUEUE_DEFAULT = 1024;

/** Outcome of one send, as Kea's NameChangeSender::Result: SUCCESS, ERROR, STOPPED. */
export type NcrSendResult = 'success' | 'error' | 'stopped';

export interface NcrUdpSenderOptions {
  /** Source address of the NCRs (dhcp-ddns sender-ip; 0.0.0.0 or :: for any). */
  senderIp: string;
  /** Source port (dhcp-ddns sender-port; 0 for an ephemeral port). */
  senderPort: number;
  /** D2's address and port (dhcp-ddns server-ip / server-port). */
  serverIp: string;
  serverPort: number;
  /** Most requests the queue holds, the one in flight included (dhcp-ddns max-queue-size, default 1024). */
  maxQueueSize?: number;
  /**
   * Called after each send attempt. On 'success' the request has left the queue; on 'error' or 'stopped'
   * it is still at the front: call skipNext() to drop it, or stop() (Kea's D2ClientMgr suspends updates);
   * a sender left running retries it.
   */
  onSent?: (result: NcrSendResult, ncr: NameChangeRequest) => void;
  /** Defaults to '<root>.libdhcp-ddns'. */
  logger?: Logger;
}

export class NcrUdpSender {
  private readonly opts: NcrUdpSenderOptions;
  private readonly log: Logger;
  private readonly queue: NameChangeRequest[] = [];
  private maxQueue: number;
  private socket: dgram.Socket | null = null;
  private inFlight: NameChangeRequest | null = null;
  /** Bumped by stop(): a completion from an older socket is reported as 'stopped'. */
  private generation = 0;
  /** Datagrams handed to the kernel, and sends that failed, since construction. */
  sentCount = 0;
  errorCount = 0;

  constructor(opts: NcrUdpSenderOptions) {
    const v4 = isIPv4(opts.serverIp);
    if (!v4 && !isIPv6(opts.serverIp)) throw badOption(`server-ip '${opts.serverIp}' is not an IP address`);
    if (v4 ? !isIPv4(opts.senderIp) : !isIPv6(opts.senderIp)) {
      throw badOption(
        `sender-ip '${opts.senderIp}' is not of the same family as server-ip '${opts.serverIp}'`,
      );
    }
    checkPort('sender-port', opts.senderPort, true);
    checkPort('server-port', opts.serverPort, false);
    this.maxQueue = MAX_QUEUE_DEFAULT;
    if (opts.maxQueueSize !== undefined) this.setMaxQueueSize(opts.maxQueueSize);
    this.opts = opts;
    this.log = opts.logger ?? getComponentLogger(LOGGER_NAME);
  }

  /** Opens and binds the socket (sender-ip:sender-port). Throws KEA_ERR_DHCP_DDNS_SOCKET. */
  async start(): Promise<void> {
    if (this.socket !== null) return;
    const sock = await bindUdp(
      this.opts.serverIp,
      this.opts.senderIp,
      this.opts.senderPort,
      'cannot bind the NCR sender',
    );
    sock.on('error', (e) => this.log.error(MSG.DHCP_DDNS_NCR_UDP_SEND_ERROR, e.message));
    this.socket = sock;
    this.sendNext();
  }

  /** Closes the socket; the queue is kept (a later start() sends it). A send in flight reports 'stopped'. */
  async stop(): Promise<void> {
    const sock = this.socket;
    if (sock === null) return;
    this.socket = null;
    this.generation++;
    const pending = this.inFlight;
    this.inFlight = null;
    await closeUdp(sock, (e) => this.log.error(MSG.DHCP_DDNS_NCR_SEND_CLOSE_ERROR, e.message));
    if (pending !== null) {
      this.log.error(MSG.DHCP_DDNS_NCR_UDP_SEND_CANCELED, 'sender stopped');
      this.report('stopped', pending);
    }
  }

  /**
   * Queues a request and sends it when the one in flight is done. Throws KEA_ERR_DHCP_DDNS_SENDER_NOT_READY
   * when not started, KEA_ERR_DHCP_DDNS_QUEUE_FULL when the queue holds max-queue-size requests.
   */
  send(ncr: NameChangeRequest): void {
    if (this.socket === null)
      throw new KeaError(ERR_DHCP_DDNS_SENDER_NOT_READY, 'the NCR sender is not started');
    if (this.queue.length >= this.maxQueue) {
      throw new KeaError(
        ERR_DHCP_DDNS_QUEUE_FULL,
        `the NCR send queue is full (max-queue-size ${this.maxQueue})`,
      );
    }
    this.queue.push(ncr);
    this.sendNext();
  }

  /** Requests waiting, the one in flight included. */
  get queueSize(): number {
    return this.queue.length;
  }

  get maxQueueSize(): number {
    return this.maxQueue;
  }

  setMaxQueueSize(n: number): void {
    if (!Number.isInteger(n) || n <= 0)
      throw badOption(`max-queue-size must be a positive integer, got ${n}`);
    this.maxQueue = n;
  }

  /** True between start() and stop(). */
  get isSending(): boolean {
    return this.socket !== null;
  }

  /** True while a datagram is being handed to the kernel. */
  get sendInProgress(): boolean {
    return this.inFlight !== null;
  }

  /** The request at `index` of the queue (0 is the next to go), or undefined. */
  peekAt(index: number): NameChangeRequest | undefined {
    return this.queue[index];
  }

  /** Drops the request at the front of the queue (after an 'error' result). */
  skipNext(): void {
    if (this.inFlight === null) this.queue.shift();
  }

  /** Empties the queue; refused while started, as Kea refuses it. */
  clearQueue(): void {
    if (this.socket !== null) {
      throw new KeaError(ERR_DHCP_DDNS_SENDER_NOT_READY, 'cannot clear the NCR queue while the sender runs');
    }
    this.queue.length = 0;
  }

  /** The bound local address (after start()). */
  localAddress(): { address: string; port: number } | null {
    if (this.socket === null) return null;
    const a = this.socket.address();
    return { address: a.address, port: a.port };
  }

  private sendNext(): void {
    const sock = this.socket;
    if (sock === null || this.inFlight !== null || this.queue.length === 0) return;
    const ncr = this.queue[0]!;
    let datagram: Buffer;
    try {
      datagram = encodeNcr(ncr);
    } catch (e) {
      // A request that cannot be framed can never be sent: drop it rather than retry it forever.
      this.queue.shift();
      this.errorCount++;
      this.log.error(MSG.DHCP_DDNS_NCR_SEND_NEXT_ERROR, (e as Error).message);
      this.report('error', ncr);
      queueMicrotask(() => this.sendNext());
      return;
    }
    this.inFlight = ncr;
    const gen = this.generation;
    sock.send(datagram, this.opts.serverPort, this.opts.serverIp, (err) => {
      if (gen !== this.generation) return; // stop() already reported it
      this.inFlight = null;
      if (err) {
        this.errorCount++;
        this.log.error(MSG.DHCP_DDNS_NCR_UDP_SEND_ERROR, err.message);
        this.report('error', ncr);
        // Retry later, not in a tight loop, if the handler left the request queued and the sender running.
        setTimeout(() => this.sendNext(), 100).unref();
        return;
      }
      this.sentCount++;
      if (this.queue[0] === ncr) this.queue.shift();
      this.report('success', ncr);
      this.sendNext();
    });
  }

  private report(result: NcrSendResult, ncr: NameChangeRequest): void {
    if (this.opts.onSent === undefined) return;
    try {
      this.opts.onSent(result, ncr);
    } catch (e) {
      this.log.error(MSG.DHCP_DDNS_UNCAUGHT_NCR_SEND_HANDLER_ERROR, (e as Error).message);
    }
  }
}

function checkPort(name: string, port: number, zeroOk: boolean): void {
  if (!Number.isInteger(port) || port < (zeroOk ? 0 : 1) || port > 65535) {
    throw badOption(`${name} ${port} is not a port number`);
  }
}
