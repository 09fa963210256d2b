// What every name-change transaction shares (Kea's NameChangeTransaction): the request, its forward and
// reverse domains, server selection in configured order, up to three tries of one step per server, sending
// and logging. A kind (add, remove, and their no-conflict-resolution variants) supplies the steps: each
// step builds one UPDATE and says where an answer's RCODE leads.

import type { NameChangeRequest } from '@kea-ts/dhcp-ddns';
import { isV6Ncr, ncrToText } from '@kea-ts/dhcp-ddns';
import { Rcode, RRType, rcodeName, UpdateBuilder } from '@kea-ts/dns';
import type { Logger } from '@kea-ts/log';
import { formatHex } from '@kea-ts/util';
import type { DdnsDomain, DnsServerInfo } from './config.js';
import { type DnsResult, sendUpdate } from './dns-client.js';
import { reverseName } from './domains.js';
import { DBG_TRACE_DETAIL, MSG } from './messages.js';
import type { D2Stats } from './stats.js';

/** Kea's MAX_UPDATE_TRIES_PER_SERVER. */
export const MAX_UPDATE_TRIES_PER_SERVER = 3;

/** Where an answer leads: another step on the same server, the end of this direction, or failure. */
export type Next = Step | 'done' | 'failed';

/** One DNS update of a transaction (one of Kea's *_ST states that send). */
export interface Step {
  /** Kea's comment for DHCP_DDNS_UPDATE_REQUEST_SENT: 'Forward Add', 'Reverse Replace'... */
  label: string;
  build(): UpdateBuilder;
  /** Where an answer with this RCODE leads. */
  onAnswer(rcode: number): Next;
  /** After the tries on one server failed without an answer: try the next server, or give up. */
  onServerExhausted: 'next-server' | 'failed';
  /** Message IDs: no usable answer, answer rejected, answer corrupt. */
  ioError: string;
  rejected: string;
  corrupt: string;
}

/** What a transaction needs from the service running it. */
export interface TransactionEnv {
  timeoutMs: number;
  stats: D2Stats;
  signal: AbortSignal;
  log: Logger;
  nextId(): number;
}

export type TransactionOutcome = 'completed' | 'failed' | 'stopped';

export abstract class NameChangeTransaction {
  /** Kea's request ID in log lines: the DHCID in hex. */
  readonly requestId: string;
  readonly reverseName: string;
  forwardCompleted = false;
  reverseCompleted = false;
  private lastStatus = '';

  constructor(
    readonly ncr: NameChangeRequest,
    readonly forwardDomain: DdnsDomain | null,
    readonly reverseDomain: DdnsDomain | null,
    protected readonly env: TransactionEnv,
  ) {
    this.requestId = formatHex(ncr.dhcid).toUpperCase();
    this.reverseName = reverseName(ncr.ipAddress);
  }

  /** 'add', 'remove', 'simple add', 'simple remove' (for DHCP_DDNS_STARTING_TRANSACTION). */
  abstract readonly kind: string;
  protected abstract firstForwardStep(): Step;
  protected abstract firstReverseStep(): Step;
  protected abstract logOutcome(ok: boolean): void;

  /** Forward first, then reverse, as Kea orders them; a failed forward change skips the reverse one. */
  async run(): Promise<TransactionOutcome> {
    let ok = true;
    if (this.forwardDomain !== null) {
      ok = await this.runDirection(this.forwardDomain, () => this.firstForwardStep());
      this.forwardCompleted = ok;
    }
    if (ok && this.reverseDomain !== null && !this.env.signal.aborted) {
      ok = await this.runDirection(this.reverseDomain, () => this.firstReverseStep());
      this.reverseCompleted = ok;
    }
    if (this.env.signal.aborted) return 'stopped';
    this.logOutcome(ok);
    return ok ? 'completed' : 'failed';
  }

  private async runDirection(domain: DdnsDomain, first: () => Step): Promise<boolean> {
    for (const server of domain.servers) {
      let step = first();
      let tries = 0;
      // A guard against two steps sending each other back and forth forever (e.g. a name that keeps
      // appearing and disappearing between our add and replace).
      for (let changes = 0; changes < 16; ) {
        if (this.env.signal.aborted) return false;
        tries++;
        const result = await this.send(step, server);
        if (result.status === 'IO_STOPPED') return false;
        if (result.status === 'SUCCESS') {
          const next = step.onAnswer(result.rcode);
          if (next === 'done') return true;
          if (next === 'failed') {
            this.env.log.error(
              step.rejected,
              this.requestId,
              serverText(server),
              this.ncr.fqdn,
              rcodeName(result.rcode),
            );
            return false;
          }
          if (next !== step) {
            changes++;
            tries = 0;
          }
          step = next;
          continue;
        }
        if (result.status === 'INVALID_RESPONSE') {
          this.env.log.debug(DBG_TRACE_DETAIL, MSG.DHCP_DDNS_INVALID_RESPONSE, result.reason);
          this.env.log.error(step.corrupt, this.requestId, serverText(server), this.ncr.fqdn, result.reason);
        } else {
          this.env.log.error(
            step.ioError,
            this.requestId,
            this.ncr.fqdn,
            `${serverText(server)} (${result.reason})`,
          );
        }
        if (tries < MAX_UPDATE_TRIES_PER_SERVER) continue;
        if (step.onServerExhausted === 'failed') return false;
        break;
      }
    }
    return false;
  }

  private async send(step: Step, server: DnsServerInfo): Promise<DnsResult> {
    let update: UpdateBuilder;
    try {
      update = step.build();
      update.id = this.env.nextId();
    } catch (e) {
      this.env.log.error(MSG.DHCP_DDNS_TRANS_SEND_ERROR, this.requestId, (e as Error).message);
      return { status: 'OTHER', rcode: 0, reason: (e as Error).message };
    }
    const log = this.env.log;
    if (log.isDebugEnabled(DBG_TRACE_DETAIL)) {
      log.debug(
        DBG_TRACE_DETAIL,
        MSG.DHCP_DDNS_UPDATE_REQUEST_SENT,
        this.requestId,
        step.label,
        serverText(server),
      );
    }
    const result = await sendUpdate(update, server, this.env.timeoutMs, this.env.stats, this.env.signal);
    this.lastStatus = result.status;
    if (log.isDebugEnabled(DBG_TRACE_DETAIL)) {
      const status =
        result.status === 'SUCCESS' ? `SUCCESS, rcode ${rcodeName(result.rcode)}` : result.status;
      log.debug(
        DBG_TRACE_DETAIL,
        MSG.DHCP_DDNS_UPDATE_RESPONSE_RECEIVED,
        this.requestId,
        serverText(server),
        status,
      );
    }
    return result;
  }

  /** Kea's transaction outcome text: status, directions and the request. */
  outcomeText(ok: boolean): string {
    const parts = [`Status: ${ok ? 'Completed' : 'Failed'}, last DNS status: ${this.lastStatus || 'none'}`];
    if (this.ncr.forwardChange)
      parts.push(`Forward change: ${this.forwardCompleted ? 'completed' : 'failed'}`);
    if (this.ncr.reverseChange)
      parts.push(`Reverse change: ${this.reverseCompleted ? 'completed' : 'failed'}`);
    return `${parts.join(', ')}, request: ${ncrToText(this.ncr).replace(/\n/g, ' ').trim()}`;
  }

  // Builders shared by the kinds.

  protected forwardUpdate(): UpdateBuilder {
    return new UpdateBuilder(zoneOf(this.forwardDomain!));
  }

  protected reverseUpdate(): UpdateBuilder {
    return new UpdateBuilder(zoneOf(this.reverseDomain!));
  }

  protected get addressType(): number {
    return isV6Ncr(this.ncr) ? RRType.AAAA : RRType.A;
  }

  protected addressData(): { kind: 'A' | 'AAAA'; address: string } {
    return { kind: isV6Ncr(this.ncr) ? 'AAAA' : 'A', address: this.ncr.ipAddress };
  }

  protected dhcidData(): { kind: 'DHCID'; data: Buffer } {
    return { kind: 'DHCID', data: this.ncr.dhcid };
  }

  protected ptrData(): { kind: 'PTR'; name: string } {
    return { kind: 'PTR', name: this.ncr.fqdn };
  }

  /** Reverse replace, the same with and without conflict resolution: delete PTR and DHCID, add both. */
  protected reverseReplaceStep(): Step {
    const rev = this.reverseName;
    const ttl = this.ncr.leaseLength;
    return {
      label: 'Reverse Replace',
      build: () =>
        this.reverseUpdate()
          .deleteRRset(rev, RRType.PTR)
          .deleteRRset(rev, RRType.DHCID)
          .add(rev, ttl, this.ptrData())
          .add(rev, ttl, this.dhcidData()),
      onAnswer: (rcode) => (rcode === Rcode.NOERROR ? 'done' : 'failed'),
      onServerExhausted: 'next-server',
      ioError: MSG.DHCP_DDNS_REVERSE_REPLACE_IO_ERROR,
      rejected: MSG.DHCP_DDNS_REVERSE_REPLACE_REJECTED,
      corrupt: MSG.DHCP_DDNS_REVERSE_REPLACE_RESP_CORRUPT,
    };
  }

  /** The reverse step of both remove kinds: `build` differs, NOERROR and NXRRSET both mean done. */
  protected reverseRemoveStep(build: () => UpdateBuilder): Step {
    return {
      label: 'Reverse Remove',
      build,
      onAnswer: (rcode) => (rcode === Rcode.NOERROR || rcode === Rcode.NXRRSET ? 'done' : 'failed'),
      onServerExhausted: 'next-server',
      ioError: MSG.DHCP_DDNS_REVERSE_REMOVE_IO_ERROR,
      rejected: MSG.DHCP_DDNS_REVERSE_REMOVE_REJECTED,
      corrupt: MSG.DHCP_DDNS_REVERSE_REMOVE_RESP_CORRUPT,
    };
  }

  protected logAddOutcome(ok: boolean): void {
    if (ok) this.env.log.info(MSG.DHCP_DDNS_ADD_SUCCEEDED, this.requestId, this.outcomeText(true));
    else this.env.log.error(MSG.DHCP_DDNS_ADD_FAILED, this.requestId, this.outcomeText(false));
  }

  protected logRemoveOutcome(ok: boolean): void {
    if (ok) this.env.log.info(MSG.DHCP_DDNS_REMOVE_SUCCEEDED, this.requestId, this.outcomeText(true));
    else this.env.log.error(MSG.DHCP_DDNS_REMOVE_FAILED, this.requestId, this.outcomeText(false));
  }
}

/** The zone of an update is its domain's name as configured, as Kea sets it ('*' included). */
function zoneOf(domain: DdnsDomain): string {
  return domain.name;
}

/** Kea's DnsServerInfo::toText. */
export function serverText(server: DnsServerInfo): string {
  return `${server.ipAddress} port:${server.port}`;
}
