// Kea's NetworkState, shared by kea-dhcp4 and kea-dhcp6: the service can be disabled by the user (dhcp-disable) or by an HA
// partner (origin "ha-partner"); it serves again only when every origin that disabled it enabled it.
// max-period re-enables automatically, as Kea's delayedEnableAll.

export type DisableOrigin = 'user' | 'ha-partner';

export class NetworkState {
  private readonly disabledBy = new Set<DisableOrigin>();
  private timer: NodeJS.Timeout | null = null;

  get enabled(): boolean {
    return this.disabledBy.size === 0;
  }

  /** The origins that currently hold the service disabled. */
  get origins(): DisableOrigin[] {
    return [...this.disabledBy];
  }

  disable(origin: DisableOrigin, maxPeriodSeconds = 0): void {
    this.disabledBy.add(origin);
    if (maxPeriodSeconds > 0) {
      this.clearTimer();
      this.timer = setTimeout(() => this.enableAll(), maxPeriodSeconds * 1000);
      this.timer.unref();
    }
  }

  enable(origin: DisableOrigin): void {
    this.disabledBy.delete(origin);
    if (this.disabledBy.size === 0) this.clearTimer();
  }

  enableAll(): void {
    this.disabledBy.clear();
    this.clearTimer();
  }

  close(): void {
    this.clearTimer();
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
