// Kea's Dhcp6 parameter inheritance: subnet, then shared network, then global, then Kea's v6 default
// (calculate-tee-times on, t1 0.5, t2 0.8, preferred 3600, valid 7200). Both lifetimes are triplets
// whose min and max default to the value of the nearest level, unless some level sets them.
import { normalizeExplicit, SCOPED_DEFAULTS } from './inherit.js';
import type { ScopedParams } from './types.js';
import type { EffectiveParams6, ScopedParams6 } from './types6.js';

export const SCOPED_DEFAULTS6 = {
  ...SCOPED_DEFAULTS,
  'preferred-lifetime': 3600,
  'calculate-tee-times': true,
  't2-percent': 0.8,
} as const;

/** Explicit values with reservation-mode folded in and the old boolean ddns-replace-client-name mapped. */
export function normalizeExplicit6(explicit: ScopedParams6): ScopedParams6 {
  // The folding only touches keys both daemons share.
  return normalizeExplicit(explicit as ScopedParams) as ScopedParams6;
}

/** Resolves one level given its explicit values and its ancestors' (nearest first). */
export function resolveParams6(levels: readonly ScopedParams6[]): EffectiveParams6 {
  const pick = <K extends keyof ScopedParams6>(k: K): ScopedParams6[K] => {
    for (const l of levels) if (l[k] !== undefined) return l[k];
    return undefined;
  };
  const d = SCOPED_DEFAULTS6;
  const valid = pick('valid-lifetime') ?? d['valid-lifetime'];
  const preferred = pick('preferred-lifetime') ?? d['preferred-lifetime'];
  const out: EffectiveParams6 = {
    'preferred-lifetime': preferred,
    'min-preferred-lifetime': pick('min-preferred-lifetime') ?? preferred,
    'max-preferred-lifetime': pick('max-preferred-lifetime') ?? preferred,
    'valid-lifetime': valid,
    'min-valid-lifetime': pick('min-valid-lifetime') ?? valid,
    'max-valid-lifetime': pick('max-valid-lifetime') ?? valid,
    'calculate-tee-times': pick('calculate-tee-times') ?? d['calculate-tee-times'],
    't1-percent': pick('t1-percent') ?? d['t1-percent'],
    't2-percent': pick('t2-percent') ?? d['t2-percent'],
    'store-extended-info': pick('store-extended-info') ?? d['store-extended-info'],
    'reservations-global': pick('reservations-global') ?? d['reservations-global'],
    'reservations-in-subnet': pick('reservations-in-subnet') ?? d['reservations-in-subnet'],
    'reservations-out-of-pool': pick('reservations-out-of-pool') ?? d['reservations-out-of-pool'],
    'ddns-send-updates': pick('ddns-send-updates') ?? d['ddns-send-updates'],
    'ddns-override-no-update': pick('ddns-override-no-update') ?? d['ddns-override-no-update'],
    'ddns-override-client-update': pick('ddns-override-client-update') ?? d['ddns-override-client-update'],
    'ddns-replace-client-name': String(pick('ddns-replace-client-name') ?? d['ddns-replace-client-name']),
    'ddns-generated-prefix': pick('ddns-generated-prefix') ?? d['ddns-generated-prefix'],
    'ddns-qualifying-suffix': pick('ddns-qualifying-suffix') ?? d['ddns-qualifying-suffix'],
    'ddns-update-on-renew': pick('ddns-update-on-renew') ?? d['ddns-update-on-renew'],
    'ddns-use-conflict-resolution': pick('ddns-use-conflict-resolution') ?? d['ddns-use-conflict-resolution'],
    'hostname-char-set': pick('hostname-char-set') ?? d['hostname-char-set'],
    'hostname-char-replacement': pick('hostname-char-replacement') ?? d['hostname-char-replacement'],
  };
  for (const k of ['renew-timer', 'rebind-timer', 'cache-threshold', 'cache-max-age'] as const) {
    const v = pick(k);
    if (v !== undefined) out[k] = v;
  }
  return out;
}
