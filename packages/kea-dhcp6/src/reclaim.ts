// Lease reclamation timers per expired-leases-processing (Kea's CfgExpiration::setupTimers): every
// reclaim-timer-wait-time seconds up to max-reclaim-leases leases in max-reclaim-time ms are reclaimed
// (removed outright when the flush timer is off), and every flush-reclaimed-timer-wait-time seconds
// leases reclaimed more than hold-reclaimed-time ago are deleted. Each timer re-arms after its run, so
// a slow pass never overlaps the next.
import type { AllocEngine6 } from '@kea-ts/dhcpsrv';
import { getLogger } from '@kea-ts/log';
import { MSG } from './messages.js';

const log = getLogger('kea-dhcp6.dhcp6');

export class ReclaimTimers6 {
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(engine: AllocEngine6, elp: Record<string, unknown> | undefined) {
    const n = (k: string, d: number) => (typeof elp?.[k] === 'number' ? (elp[k] as number) : d);
    const flushWait = n('flush-reclaimed-timer-wait-time', 25);
    const reclaimWait = n('reclaim-timer-wait-time', 10);
    if (reclaimWait > 0) {
      const max = n('max-reclaim-leases', 100);
      const ms = n('max-reclaim-time', 250);
      const cycles = n('unwarned-reclaim-cycles', 5);
      this.every(reclaimWait, () => engine.reclaimExpiredLeases6(max, ms, flushWait === 0, cycles));
    }
    if (flushWait > 0) {
      const hold = n('hold-reclaimed-time', 3600);
      this.every(flushWait, () => engine.deleteExpiredReclaimedLeases6(hold));
    }
  }

  private every(seconds: number, run: () => Promise<unknown>): void {
    const arm = () => {
      if (this.stopped) return;
      const t = setTimeout(() => {
        this.timers.delete(t);
        run()
          .catch((err: unknown) => log.error(MSG.DHCP6_RECLAIM_EXPIRED_LEASES_FAIL, (err as Error).message))
          .finally(arm);
      }, seconds * 1000);
      t.unref();
      this.timers.add(t);
    };
    arm();
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
