// Kea's NetworkState, shared by kea-dhcp4 and kea-dhcp6: the service can be disabled by the user
// (dhcp-disable), by an HA partner (origin "ha-partner") or by a lost database connection (origin
// "db-connection", counted: one per backend that lost its connection; the commands cannot use it).
// It serves again only when every origin that disabled it enabled it. max-period re-enables the
// origin that asked for it, as Kea's delayed enable does.

export type DisableOrigin = 'user' | 'ha-partner' | 'db-connection';

export class NetworkState {
  private readonly disabledBy = new Set<'user' | 'ha-partner'>();
  private dbLost = 0;
  private readonly timers = new Map<DisableOrigin, NodeJS.Timeout>();

  get enabled(): boolean {
    return this.disabledBy.size === 0 && this.dbLost === 0;
  }

  /** The origins that currently hold the service disabled. */
  get origins(): DisableOrigin[] {
    const out: DisableOrigin[] = [...this.disabledBy];
    if (this.dbLost > 0) out.push('db-connection');
    return out;
  }

  disable(origin: DisableOrigin, maxPeriodSeconds = 0): void {
    if (origin === 'db-connection') {
      this.dbLost++;
      return;
    }
    this.disabledBy.add(origin);
    if (maxPeriodSeconds > 0) {
      this.clearTimer(origin);
      const timer = setTimeout(() => this.enable(origin), maxPeriodSeconds * 1000);
      timer.unref();
      this.timers.set(origin, timer);
    }
  }

  enable(origin: DisableOrigin): void {
    if (origin === 'db-connection') {
      if (this.dbLost > 0) this.dbLost--;
      return;
    }
    this.disabledBy.delete(origin);
    this.clearTimer(origin);
  }

  /** Forgets an origin entirely (a reconfiguration reopens the databases: their losses are gone). */
  reset(origin: DisableOrigin): void {
    if (origin === 'db-connection') this.dbLost = 0;
    else this.enable(origin);
  }

  enableAll(): void {
    this.disabledBy.clear();
    this.dbLost = 0;
    for (const origin of [...this.timers.keys()]) this.clearTimer(origin);
  }

  close(): void {
    for (const origin of [...this.timers.keys()]) this.clearTimer(origin);
  }

  private clearTimer(origin: DisableOrigin): void {
    const timer = this.timers.get(origin);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(origin);
  }
}
