// The DHCP servers' side of DDNS (Kea's D2ClientMgr and ncr_generator): the dhcp-ddns map resolved,
// the UDP NameChangeRequest sender started and stopped with the configuration, and the requests a
// lease calls for (queueNCR): none without a hostname or an update direction; the DHCID from the
// client identifier (an RFC 4361 one through its DUID) or hardware address in v4, the DUID in v6.
// A request the sender cannot take (queue full) or fails to send is logged and updates are
// suspended until the next configuration, as Kea does; serving never waits for D2.
import {
  CHG_ADD,
  CHG_REMOVE,
  createNcr,
  type NameChangeRequest,
  type NameChangeType,
  type NcrSendResult,
  NcrUdpSender,
  ncrToText,
} from '@kea-ts/dhcp-ddns';
import { computeDhcid, DhcidIdentifierType } from '@kea-ts/dns';
import { defineMessages, getComponentLogger, type Logger } from '@kea-ts/log';
import { formatIPv4, formatIPv6 } from '@kea-ts/util';
import { makeLabel } from '../alloc/work.js';
import { makeLabel6 } from '../alloc6/work6.js';
import type { Lease4, Lease6 } from '../lease/lease.js';
import { defaultSenderIp } from '../parsers/dhcp-ddns.js';
import { dhcid4, sameFqdn } from './lease-dns.js';
import { ddnsTtl } from './names.js';

export { CHG_ADD, CHG_REMOVE };

export const D2_CLIENT_MESSAGES = defineMessages({
  DHCPSRV_DHCP_DDNS_ERROR_EXCEPTION: 'the NameChangeRequest error handler failed: %1',
  DHCPSRV_DHCP_DDNS_NCR_REJECTED: 'NameChangeRequest refused by the sender queue: %1, ncr: %2',
  DHCPSRV_DHCP_DDNS_NCR_SENT: 'NameChangeRequest sent to kea-dhcp-ddns: %1',
  DHCPSRV_DHCP_DDNS_SENDER_STARTED: 'NameChangeRequest sender started: %1',
  DHCPSRV_DHCP_DDNS_SENDER_STOPPED: 'NameChangeRequest sender stopped',
  DHCPSRV_DHCP_DDNS_SUSPEND_UPDATES: 'DHCP-DDNS updates suspended until the next reconfiguration',
  DHCPSRV_QUEUE_NCR: '%1: name change request to %2 DNS entry queued: %3',
  DHCPSRV_QUEUE_NCR_FAILED: '%1: queueing %2 name change request failed for lease %3: %4',
  DHCPSRV_QUEUE_NCR_SKIP: '%1: skip queueing name change request for lease: %2',
});
const M = D2_CLIENT_MESSAGES;
/** Kea's DHCPSRV_DBG_TRACE_DETAIL and _DETAIL_DATA. */
const DBG_DETAIL = 50;
const DBG_DETAIL_DATA = 55;

/** The dhcp-ddns map as parsed (Dhcp4 and Dhcp6). */
export interface DhcpDdnsInput {
  'enable-updates': boolean;
  'server-ip'?: string | undefined;
  'server-port'?: number | undefined;
  'sender-ip'?: string | undefined;
  'sender-port'?: number | undefined;
  'max-queue-size'?: number | undefined;
  'ncr-protocol'?: string | undefined;
  'ncr-format'?: string | undefined;
}

/** The per-daemon hook into its own log: called with Kea's DHCP4/6_DDNS_REQUEST_SEND_FAILED. */
export type SendFailedLog = (result: NcrSendResult, ncr: string) => void;

export class D2ClientMgr {
  /** False once updates are suspended (a send failed); true again only with a new configuration. */
  enabled = true;
  /** Requests refused because the queue was full, and sends that failed. */
  rejected = 0;
  failed = 0;
  private readonly sender: NcrUdpSender;
  private readonly log: Logger;
  private readonly text: string;

  constructor(
    cfg: DhcpDdnsInput,
    private readonly sendFailed: SendFailedLog,
  ) {
    const serverIp = cfg['server-ip'] ?? '127.0.0.1';
    const serverPort = cfg['server-port'] ?? 53001;
    const senderIp = cfg['sender-ip'] ?? defaultSenderIp(serverIp);
    const senderPort = cfg['sender-port'] ?? 0;
    const maxQueue = cfg['max-queue-size'] ?? 1024;
    this.log = getComponentLogger('dhcpsrv');
    this.text =
      `enable_updates: yes, server-ip: ${serverIp}, server-port: ${serverPort}, sender-ip: ${senderIp}, ` +
      `sender-port: ${senderPort}, max-queue-size: ${maxQueue}, ncr-protocol: UDP, ncr-format: JSON`;
    this.sender = new NcrUdpSender({
      serverIp,
      serverPort,
      senderIp,
      senderPort,
      maxQueueSize: maxQueue,
      onSent: (result, ncr) => this.onSent(result, ncr),
    });
  }

  async start(): Promise<void> {
    await this.sender.start();
    this.log.info(M.DHCPSRV_DHCP_DDNS_SENDER_STARTED, this.text);
  }

  async stop(): Promise<void> {
    if (!this.sender.isSending) return;
    await this.sender.stop();
    this.log.info(M.DHCPSRV_DHCP_DDNS_SENDER_STOPPED);
  }

  /** Requests waiting to be sent (the one in flight included). */
  get queueSize(): number {
    return this.sender.queueSize;
  }

  /** Hands a request to the sender; never throws and never waits. */
  send(ncr: NameChangeRequest): void {
    if (!this.enabled) return;
    try {
      this.sender.send(ncr);
    } catch (err) {
      this.rejected++;
      this.log.error(M.DHCPSRV_DHCP_DDNS_NCR_REJECTED, (err as Error).message, ncrToText(ncr));
      this.failure('error', ncr);
    }
  }

  private onSent(result: NcrSendResult, ncr: NameChangeRequest): void {
    if (result === 'success') {
      if (this.log.isDebugEnabled(DBG_DETAIL)) {
        this.log.debug(DBG_DETAIL, M.DHCPSRV_DHCP_DDNS_NCR_SENT, ncrToText(ncr));
      }
      return;
    }
    this.failed++;
    this.failure(result, ncr);
  }

  private failure(result: NcrSendResult, ncr: NameChangeRequest): void {
    try {
      this.sendFailed(result, ncrToText(ncr));
    } catch (err) {
      this.log.error(M.DHCPSRV_DHCP_DDNS_ERROR_EXCEPTION, (err as Error).message);
    }
    this.suspend();
  }

  /** Kea's suspendUpdates: no more requests until the next configuration. */
  private suspend(): void {
    if (!this.enabled) return;
    this.log.warn(M.DHCPSRV_DHCP_DDNS_SUSPEND_UPDATES);
    this.enabled = false;
    void this.stop();
  }

  /** Kea's queueNCR for a v4 lease. */
  queueLease4(type: NameChangeType, lease: Readonly<Lease4>, useConflictResolution: boolean): void {
    const label = () => makeLabel(lease.hwaddr, lease.htype, lease.clientId);
    if (!this.wanted(lease, label, () => formatIPv4(lease.address))) return;
    this.queue(type, lease, formatIPv4(lease.address), useConflictResolution, label, () => dhcid4(lease));
  }

  /**
   * Kea's v4 createNameChangeRequests after a REQUEST: on a new lease, or a renewal whose name or
   * directions changed (or always with ddns-update-on-renew), remove the old names and add the new.
   */
  leaseAssigned4(
    lease: Readonly<Lease4>,
    old: Readonly<Lease4> | null,
    updateOnRenew: boolean,
    useConflictResolution: boolean,
    oldUseConflictResolution: boolean,
  ): void {
    if (old !== null && !updateOnRenew && sameFqdn(lease, old)) return;
    if (old !== null) this.queueLease4(CHG_REMOVE, old, oldUseConflictResolution);
    this.queueLease4(CHG_ADD, lease, useConflictResolution);
  }

  /**
   * Kea's queueNCR for a v6 lease (addresses only; prefixes have no DNS names). Kea's v6 add requests
   * (built from the answer) carry lease-expires-on 0: pass `expiresOn` 0 for those.
   */
  queueLease6(
    type: NameChangeType,
    lease: Readonly<Lease6>,
    useConflictResolution: boolean,
    expiresOn?: number,
  ): void {
    if (lease.type === 2 || lease.duid.length === 0) return;
    const label = () => makeLabel6(lease.duid, lease.hwaddr);
    const address = formatIPv6(lease.address);
    if (!this.wanted(lease, label, () => address)) return;
    this.queue(
      type,
      lease,
      address,
      useConflictResolution,
      label,
      () => computeDhcid(DhcidIdentifierType.DUID, lease.duid, lease.hostname),
      expiresOn,
    );
  }

  /**
   * Kea's v6 add request, built from the answer: the option 39 name, the first IA_NA address, the
   * client's DUID, the TTL from that address's valid lifetime, lease-expires-on 0.
   */
  queueAdd6(
    fqdn: string,
    address: Buffer,
    duid: Buffer,
    forward: boolean,
    reverse: boolean,
    validLifetime: number,
    useConflictResolution: boolean,
  ): NameChangeRequest | null {
    if (!this.enabled) return null;
    const text = formatIPv6(address);
    return this.queue(
      CHG_ADD,
      { hostname: fqdn, fqdnFwd: forward, fqdnRev: reverse, validLifetime, cltt: 0 },
      text,
      useConflictResolution,
      () => makeLabel6(duid, null),
      () => computeDhcid(DhcidIdentifierType.DUID, duid, fqdn),
      0,
    );
  }

  private wanted(lease: Readonly<Lease4 | Lease6>, label: () => string, address: () => string): boolean {
    if (lease.hostname !== '' && (lease.fqdnFwd || lease.fqdnRev) && this.enabled) return true;
    if (this.log.isDebugEnabled(DBG_DETAIL)) {
      this.log.debug(DBG_DETAIL, M.DHCPSRV_QUEUE_NCR_SKIP, label(), address());
    }
    return false;
  }

  private queue(
    type: NameChangeType,
    lease: Readonly<Pick<Lease4, 'hostname' | 'fqdnFwd' | 'fqdnRev' | 'validLifetime' | 'cltt'>>,
    address: string,
    useConflictResolution: boolean,
    label: () => string,
    dhcid: () => Buffer,
    expiresOn?: number,
  ): NameChangeRequest | null {
    const kind = type === CHG_ADD ? 'add' : 'remove';
    let ncr: NameChangeRequest;
    try {
      const ttl = ddnsTtl(lease.validLifetime);
      ncr = createNcr({
        changeType: type,
        forwardChange: lease.fqdnFwd,
        reverseChange: lease.fqdnRev,
        fqdn: lease.hostname,
        ipAddress: address,
        dhcid: dhcid(),
        leaseExpiresOn: expiresOn ?? lease.cltt + ttl,
        leaseLength: ttl,
        useConflictResolution,
      });
    } catch (err) {
      this.log.error(M.DHCPSRV_QUEUE_NCR_FAILED, label(), kind, address, (err as Error).message);
      return null;
    }
    if (this.log.isDebugEnabled(DBG_DETAIL_DATA)) {
      this.log.debug(DBG_DETAIL_DATA, M.DHCPSRV_QUEUE_NCR, label(), kind, ncrToText(ncr));
    }
    this.send(ncr);
    return ncr;
  }
}

/** The sender for a dhcp-ddns map, or null when enable-updates is false (no socket, no work). */
export function createD2Client(
  cfg: DhcpDdnsInput | undefined,
  sendFailed: SendFailedLog,
): D2ClientMgr | null {
  return cfg?.['enable-updates'] === true ? new D2ClientMgr(cfg, sendFailed) : null;
}

/**
 * Swaps the sender of a new configuration in for the old one (the old socket goes first, the same
 * sender-port may be configured); when the new one cannot start the old one comes back and the error
 * is thrown.
 */
export async function replaceD2Client(old: D2ClientMgr | null, next: D2ClientMgr | null): Promise<void> {
  if (old === next) return;
  await old?.stop();
  try {
    await next?.start();
  } catch (err) {
    if (old?.enabled) await old.start().catch(() => undefined);
    throw err;
  }
}
