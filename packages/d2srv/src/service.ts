// The running D2: the NCR listener feeding a bounded queue (Kea's D2QueueMgr), and the update manager
// (Kea's D2UpdateMgr) that starts at most MAX_TRANSACTIONS transactions at once, never two for one DHCID,
// picking the oldest eligible request. Reconfiguration keeps the queue; the listener moves only when its
// address or port changes, the new socket bound before the old one closes.
import { type NameChangeRequest, NcrUdpReceiver } from '@kea-ts/dhcp-ddns';
import { getLogger } from '@kea-ts/log';
import { formatHex } from '@kea-ts/util';
import type { D2Config } from './config.js';
import { matchDomain, reverseName } from './domains.js';
import { DBG_START_SHUT, DBG_TRACE_BASIC, DBG_TRACE_DETAIL_DATA, LOGGER, MSG } from './messages.js';
import { NameAddTransaction } from './nc-add.js';
import { NameRemoveTransaction } from './nc-remove.js';
import { SimpleAddTransaction } from './simple-add.js';
import { SimpleRemoveTransaction } from './simple-remove.js';
import type { D2Stats } from './stats.js';
import type { NameChangeTransaction, TransactionEnv } from './transaction.js';

/** Kea's D2QueueMgr::MAX_QUEUE_DEFAULT and D2UpdateMgr::MAX_TRANSACTIONS_DEFAULT. */
export const MAX_QUEUE_SIZE = 1024;
export const MAX_TRANSACTIONS = 32;
/** Kea's QUEUE_RESTART_PERCENT: a full queue resumes receiving once this full or less. */
export const QUEUE_RESTART_PERCENT = 80;

export type ShutdownType = 'normal' | 'drain_first' | 'now';

export interface D2ServiceOptions {
  stats: D2Stats;
  maxQueueSize?: number;
  maxTransactions?: number;
}

export class D2Service {
  private readonly procLog = getLogger(LOGGER.process);
  private readonly inLog = getLogger(LOGGER.dhcpToD2);
  private readonly dnsLog = getLogger(LOGGER.d2ToDns);
  private readonly stats: D2Stats;
  private readonly maxQueue: number;
  private readonly maxTransactions: number;
  private config: D2Config | null = null;
  private receiver: NcrUdpReceiver | null = null;
  private readonly queue: NameChangeRequest[] = [];
  private readonly running = new Map<string, NameChangeTransaction>();
  private paused = false;
  private accepting = true;
  private abort = new AbortController();
  private nextQid = Math.floor(Math.random() * 0x10000);
  private idleWaiters: (() => void)[] = [];
  /** Finished transactions since start, for tests and status. */
  completed = 0;
  failed = 0;

  constructor(opts: D2ServiceOptions) {
    this.stats = opts.stats;
    this.maxQueue = opts.maxQueueSize ?? MAX_QUEUE_SIZE;
    this.maxTransactions = opts.maxTransactions ?? MAX_TRANSACTIONS;
  }

  get queueSize(): number {
    return this.queue.length;
  }

  get transactionCount(): number {
    return this.running.size;
  }

  /** The listener's bound address (its real port when 0 was configured). */
  listenAddress(): { address: string; port: number } | null {
    return this.receiver?.address() ?? null;
  }

  /** Puts a checked config in force. A listener that cannot bind throws and leaves the previous one. */
  async apply(config: D2Config): Promise<void> {
    const prev = this.config;
    if (
      prev === null ||
      prev.ipAddress !== config.ipAddress ||
      prev.port !== config.port ||
      this.receiver === null
    ) {
      if (prev !== null) this.procLog.debug(DBG_TRACE_BASIC, MSG.DHCP_DDNS_QUEUE_MGR_RECONFIGURING);
      const receiver = new NcrUdpReceiver({
        ip: config.ipAddress,
        port: config.port,
        onRequest: (ncr) => this.onRequest(ncr),
        onInvalid: () => this.stats.add('ncr-invalid'),
        onError: () => this.stats.add('ncr-error'),
      });
      try {
        await receiver.start();
      } catch (e) {
        this.procLog.error(MSG.DHCP_DDNS_QUEUE_MGR_START_ERROR, (e as Error).message);
        throw e;
      }
      const old = this.receiver;
      this.receiver = receiver;
      await old?.stop();
      this.inLog.debug(DBG_START_SHUT, MSG.DHCP_DDNS_QUEUE_MGR_STARTED);
      if (!isLoopback(config.ipAddress)) this.procLog.warn(MSG.DHCP_DDNS_NOT_ON_LOOPBACK, config.ipAddress);
    }
    this.config = config;
    this.stats.setKeys(config.keys.values());
    this.sweep();
  }

  /** Stops as Kea's shutdown types say: 'now' at once; 'normal' after the running transactions;
   * 'drain_first' after the queue is empty too. Receiving stops at once in every case. */
  async stop(type: ShutdownType = 'now'): Promise<void> {
    this.accepting = false;
    const receiver = this.receiver;
    this.receiver = null;
    if (receiver) {
      this.procLog.debug(DBG_START_SHUT, MSG.DHCP_DDNS_QUEUE_MGR_STOPPING, `shutdown (${type})`);
      await receiver.stop();
      this.inLog.debug(DBG_TRACE_BASIC, MSG.DHCP_DDNS_QUEUE_MGR_STOPPED);
    }
    if (type === 'normal') this.queue.length = 0;
    if (type !== 'now') await this.whenIdle();
    this.abort.abort();
    this.queue.length = 0;
    this.procLog.debug(DBG_START_SHUT, MSG.DHCP_DDNS_CLEARED_FOR_SHUTDOWN, type);
  }

  /** Resolves when no transaction runs and nothing is queued. */
  whenIdle(): Promise<void> {
    if (this.running.size === 0 && (this.queue.length === 0 || this.config === null))
      return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private onRequest(ncr: NameChangeRequest): void {
    if (!this.accepting || this.paused) return;
    this.stats.add('ncr-received');
    if (this.queue.length >= this.maxQueue) {
      this.inLog.error(MSG.DHCP_DDNS_QUEUE_MGR_QUEUE_FULL, this.maxQueue);
      this.paused = true;
      return;
    }
    this.queue.push(ncr);
    if (this.inLog.isDebugEnabled(DBG_TRACE_DETAIL_DATA)) {
      this.inLog.debug(DBG_TRACE_DETAIL_DATA, MSG.DHCP_DDNS_QUEUE_MGR_QUEUE_RECEIVE, requestId(ncr));
    }
    this.sweep();
  }

  /** Starts what can start; Kea's D2UpdateMgr::sweep plus the queue-resume check of D2Process. */
  private sweep(): void {
    const config = this.config;
    if (config === null) return;
    while (this.queue.length > 0 && this.running.size < this.maxTransactions) {
      const index = this.queue.findIndex((n) => !this.running.has(requestId(n)));
      if (index < 0) {
        this.inLog.debug(
          DBG_TRACE_DETAIL_DATA,
          MSG.DHCP_DDNS_NO_ELIGIBLE_JOBS,
          this.queue.length,
          this.running.size,
        );
        break;
      }
      const [ncr] = this.queue.splice(index, 1);
      this.makeTransaction(ncr!, config);
    }
    if (this.queue.length > 0 && this.running.size >= this.maxTransactions) {
      this.inLog.debug(
        DBG_TRACE_DETAIL_DATA,
        MSG.DHCP_DDNS_AT_MAX_TRANSACTIONS,
        this.queue.length,
        this.maxTransactions,
      );
    }
    if (this.paused && this.queue.length <= Math.floor((this.maxQueue * QUEUE_RESTART_PERCENT) / 100)) {
      this.paused = false;
      this.procLog.info(MSG.DHCP_DDNS_QUEUE_MGR_RESUMING, this.queue.length, this.maxQueue);
    }
    if (this.running.size === 0 && this.queue.length === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  private makeTransaction(ncr: NameChangeRequest, config: D2Config): void {
    const id = requestId(ncr);
    let forward = null;
    let reverse = null;
    let directions = 0;
    let forwardChange = ncr.forwardChange;
    let reverseChange = ncr.reverseChange;
    if (forwardChange) {
      if (config.forward.length === 0) {
        forwardChange = false;
        if (this.inLog.isDebugEnabled(DBG_TRACE_DETAIL_DATA)) {
          this.inLog.debug(DBG_TRACE_DETAIL_DATA, MSG.DHCP_DDNS_FWD_REQUEST_IGNORED, id, oneLine(ncr));
        }
      } else {
        forward = matchDomain(config.forward, ncr.fqdn);
        if (forward === null) {
          this.inLog.warn(MSG.DHCP_DDNS_NO_MATCH, ncr.fqdn);
          this.inLog.error(MSG.DHCP_DDNS_NO_FWD_MATCH_ERROR, id, oneLine(ncr));
          this.sweepLater();
          return;
        }
        directions++;
      }
    }
    if (reverseChange) {
      if (config.reverse.length === 0) {
        reverseChange = false;
        if (this.inLog.isDebugEnabled(DBG_TRACE_DETAIL_DATA)) {
          this.inLog.debug(DBG_TRACE_DETAIL_DATA, MSG.DHCP_DDNS_REV_REQUEST_IGNORED, id, oneLine(ncr));
        }
      } else {
        const rev = reverseName(ncr.ipAddress);
        reverse = matchDomain(config.reverse, rev);
        if (reverse === null) {
          this.inLog.warn(MSG.DHCP_DDNS_NO_MATCH, rev);
          this.inLog.error(MSG.DHCP_DDNS_NO_REV_MATCH_ERROR, id, oneLine(ncr));
          this.sweepLater();
          return;
        }
        directions++;
      }
    }
    if (directions === 0) {
      if (this.inLog.isDebugEnabled(DBG_TRACE_DETAIL_DATA)) {
        this.inLog.debug(DBG_TRACE_DETAIL_DATA, MSG.DHCP_DDNS_REQUEST_DROPPED, id, oneLine(ncr));
      }
      this.sweepLater();
      return;
    }
    const req: NameChangeRequest = {
      changeType: ncr.changeType,
      forwardChange,
      reverseChange,
      fqdn: ncr.fqdn,
      ipAddress: ncr.ipAddress,
      dhcid: ncr.dhcid,
      leaseExpiresOn: ncr.leaseExpiresOn,
      leaseLength: ncr.leaseLength,
      useConflictResolution: ncr.useConflictResolution,
    };
    const env = this.env(config);
    const add = ncr.changeType === 0;
    const tx: NameChangeTransaction = ncr.useConflictResolution
      ? add
        ? new NameAddTransaction(req, forward, reverse, env)
        : new NameRemoveTransaction(req, forward, reverse, env)
      : add
        ? new SimpleAddTransaction(req, forward, reverse, env)
        : new SimpleRemoveTransaction(req, forward, reverse, env);
    this.running.set(id, tx);
    this.dnsLog.debug(DBG_TRACE_DETAIL_DATA, MSG.DHCP_DDNS_STARTING_TRANSACTION, id, tx.kind);
    tx.run()
      .then((outcome) => {
        if (outcome === 'completed') this.completed++;
        else if (outcome === 'failed') this.failed++;
      })
      .catch((e: unknown) => {
        this.failed++;
        this.dnsLog.error(MSG.DHCP_DDNS_TRANS_SEND_ERROR, id, (e as Error).message);
      })
      .finally(() => {
        this.running.delete(id);
        this.sweep();
      });
  }

  /** A request dropped before it started may unblock nothing, but idle waiters need a look. */
  private sweepLater(): void {
    queueMicrotask(() => this.sweep());
  }

  private env(config: D2Config): TransactionEnv {
    return {
      timeoutMs: config.dnsServerTimeout,
      stats: this.stats,
      signal: this.abort.signal,
      log: this.dnsLog,
      nextId: () => {
        this.nextQid = (this.nextQid + 1) & 0xffff;
        return this.nextQid;
      },
    };
  }
}

function requestId(ncr: NameChangeRequest): string {
  return formatHex(ncr.dhcid).toUpperCase();
}

function oneLine(ncr: NameChangeRequest): string {
  return `${ncr.changeType === 0 ? 'add' : 'remove'} ${ncr.fqdn} ${ncr.ipAddress} forward ${ncr.forwardChange} reverse ${ncr.reverseChange}`;
}

function isLoopback(ip: string): boolean {
  return ip === '::1' || ip.startsWith('127.');
}
