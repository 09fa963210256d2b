// Kea's D2 statistics: three NCR counters, six update counters, and four per TSIG key named
// 'key[<key DNS name>].<stat>' (the key name as Kea prints it: trailing dot, case kept).
import type { StatsMgr } from '@kea-ts/stats';
import type { TsigKeyInfo } from './config.js';

export const NCR_STATS = ['ncr-received', 'ncr-invalid', 'ncr-error'] as const;
export const UPDATE_STATS = [
  'update-sent',
  'update-signed',
  'update-unsigned',
  'update-success',
  'update-timeout',
  'update-error',
] as const;
export const KEY_STATS = ['update-sent', 'update-success', 'update-timeout', 'update-error'] as const;

export type KeyStat = (typeof KEY_STATS)[number];

export const keyStatName = (key: TsigKeyInfo, stat: string): string => `key[${key.statName}].${stat}`;

export class D2Stats {
  private keyStatNames = new Set<string>();

  constructor(readonly mgr: StatsMgr) {
    for (const n of NCR_STATS) mgr.setValue(n, 0);
    for (const n of UPDATE_STATS) mgr.setValue(n, 0);
    // D2 keeps one sample per statistic.
    mgr.setMaxSampleCountAll(1);
  }

  add(name: string): void {
    this.mgr.addValue(name, 1);
    this.mgr.setMaxSampleCount(name, 1);
  }

  /** Counts `stat`, and the same stat of the key when the update was signed. */
  update(stat: KeyStat, key: TsigKeyInfo | null): void {
    this.add(stat);
    if (key !== null) this.add(keyStatName(key, stat));
  }

  /** Makes the per-key statistics match the configured keys: new keys start at 0, gone keys disappear. */
  setKeys(keys: Iterable<TsigKeyInfo>): void {
    const wanted = new Set<string>();
    for (const k of keys) for (const s of KEY_STATS) wanted.add(keyStatName(k, s));
    for (const n of this.keyStatNames) if (!wanted.has(n)) this.mgr.remove(n);
    for (const n of wanted) {
      if (this.mgr.getValue(n) === undefined) {
        this.mgr.setValue(n, 0);
        this.mgr.setMaxSampleCount(n, 1);
      }
    }
    this.keyStatNames = wanted;
  }
}
