// Opening service sockets with Kea's failure policy: every failed socket is logged
// (DHCPSRV_OPEN_SOCKET_FAIL) and the server serves on what opened; failed ones are retried every
// service-sockets-retry-wait-time ms up to service-sockets-max-retries times; when they are still failing
// at the end and service-sockets-require-all is set, that is fatal - thrown from the first attempt when no
// retries are configured, otherwise reported through onFatal (which by default throws, ending the process).

import { getComponentLogger } from '@kea-ts/log';
import { KEA_ERR_NET_OPEN_SOCKETS_FAILED, NetError } from './errors.js';
import type { Family, InterfacesConfig } from './interfaces-config.js';
import { NET_MESSAGES as M } from './messages.js';

export interface OpenRound {
  /** Sockets open after this round (the ones kept from earlier rounds included). */
  open: number;
  /** One line per socket that failed in this round. */
  failures: string[];
}

export interface RetryOptions {
  family: Family;
  config: InterfacesConfig;
  /** Opens what is not open yet; `first` is true for the initial round. */
  attempt: (first: boolean) => OpenRound;
  onFatal: (err: NetError) => void;
}

export class SocketRetry {
  private timer: NodeJS.Timeout | null = null;
  private retriesLeft: number;
  private resolveSettled!: (failures: string[]) => void;
  /** Resolves with the last round's failures once no more rounds are due (empty when all opened). */
  readonly settled: Promise<string[]>;

  constructor(private readonly o: RetryOptions) {
    this.retriesLeft = o.config.serviceSocketsMaxRetries;
    this.settled = new Promise((resolve) => {
      this.resolveSettled = resolve;
    });
  }

  /** Runs the first round; throws NetError when sockets are required, some failed and no retry is due. */
  start(): void {
    const r = this.round(true);
    if (r.open === 0) getComponentLogger('dhcpsrv').warn(M.DHCPSRV_NO_SOCKETS_OPEN);
    const fatal = this.next(r);
    if (fatal !== null) throw fatal;
  }

  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.resolveSettled([]);
  }

  private round(first: boolean): OpenRound {
    const r = this.o.attempt(first);
    const log = getComponentLogger('dhcpsrv');
    for (const f of r.failures) log.warn(M.DHCPSRV_OPEN_SOCKET_FAIL, f);
    return r;
  }

  /** Schedules the next round or ends; returns the fatal error when this is the end and it is fatal. */
  private next(r: OpenRound): NetError | null {
    if (r.failures.length === 0) {
      this.resolveSettled([]);
      return null;
    }
    if (this.retriesLeft > 0) {
      this.retriesLeft--;
      this.timer = setTimeout(() => {
        this.timer = null;
        const fatal = this.next(this.round(false));
        if (fatal !== null) this.o.onFatal(fatal);
      }, this.o.config.serviceSocketsRetryWaitTime);
      return null;
    }
    const { family, config } = this.o;
    const server = getComponentLogger(`dhcp${family}`);
    server.info(
      family === 4 ? M.DHCP4_OPEN_SOCKETS_FAILED : M.DHCP6_OPEN_SOCKETS_FAILED,
      config.serviceSocketsMaxRetries,
    );
    this.resolveSettled(r.failures);
    if (!config.serviceSocketsRequireAll) return null;
    const tries =
      config.serviceSocketsMaxRetries === 0 ? '' : ` after ${config.serviceSocketsMaxRetries} retries`;
    return new NetError(
      KEA_ERR_NET_OPEN_SOCKETS_FAILED,
      `service-sockets-require-all is set and ${r.failures.length} service socket(s) could not be opened${tries}: ${r.failures.join('; ')}`,
    );
  }
}
