// Lease reclamation timers per expired-leases-processing (Kea's CfgExpiration::setupTimers): every
// reclaim-timer-wait-time seconds up to max-reclaim-leases leases in max-reclaim-time ms are reclaimed
// (removed outright when the flush timer is off), and every flush-reclaimed-timer-wait-time seconds
// leases reclaimed more than hold-reclaimed-time ago are deleted. Each timer re-arms after its run.

import { getLogger } from '@kea-ts/log';
import type { Allocator4 } from './alloc-contract.js';
import { MSG } from './messages.js';

export interface ExpirationParams {
  reclaimTimerWaitTime: number;
  flushReclaimedTimerWaitTime: number;
  holdReclaimedTime: number;
  maxReclaimLeases: number;
  maxReclaimTime: number;
  unwarnedReclaimCycles: number;
}

export function expirationParams(elp: Record<string, unknown> | undefined): ExpirationParams {
  const n = (key: string, dflt: number) => (typeof elp?.[key] === 'number' ? (elp[key] as number) : dflt);
  return {
    reclaimTimerWaitTime: n('reclaim-timer-wait-time', 10),
    flushReclaimedTimerWaitTime: n('flush-reclaimed-timer-wait-time', 25),
    holdReclaimedTime: n('hold-reclaimed-time', 3600),
    maxReclaimLeases: n('max-reclaim-leases', 100),
    maxReclaimTime: n('max-reclaim-time', 250),
    unwarnedReclaimCycles: n('unwarned-reclaim-cycles', 5),
  };
}

const log = getLogger('kea-dhcp4.dhcp4');

export class ReclaimTimers {
  private timers: NodeJS.Timeout[] = [];
  private stopped = false;

  constructor(engine: Allocator4, p: ExpirationParams) {
    const flushOff = p.flushReclaimedTimerWaitTime === 0;
    if (p.reclaimTimerWaitTime > 0) {
      this.every(p.reclaimTimerWaitTime, () =>
        engine.reclaimExpiredLeases4(p.maxReclaimLeases, p.maxReclaimTime, flushOff, p.unwarnedReclaimCycles),
      );
    }
    if (!flushOff) {
      this.every(p.flushReclaimedTimerWaitTime, () =>
        engine.deleteExpiredReclaimedLeases4(p.holdReclaimedTime),
      );
    }
  }

  private every(seconds: number, run: () => Promise<unknown>): void {
    const slot = this.timers.length;
    const arm = () => {
      if (this.stopped) return;
      const t = setTimeout(() => {
        run()
          .catch((err: unknown) => log.error(MSG.DHCP4_RECLAIM_EXPIRED_LEASES_FAIL, (err as Error).message))
          .finally(arm);
      }, seconds * 1000);
      t.unref();
      this.timers[slot] = t;
    };
    this.timers.push(undefined as unknown as NodeJS.Timeout);
    arm();
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) if (t !== undefined) clearTimeout(t);
    this.timers = [];
  }
}
