// Kea's parameter inheritance: a value set on the subnet wins, then the shared network's, then the
// global one, then Kea's default. valid-lifetime is a triplet whose min and max default to the value
// of the level that sets it, unless a parent sets them (as Kea 2.2's config-get shows).
import { parseIPv4 } from '@kea-ts/util';
import type { EffectiveParams, ScopedParams } from './types.js';

export const SCOPED_DEFAULTS = {
  'valid-lifetime': 7200,
  'calculate-tee-times': false,
  't1-percent': 0.5,
  't2-percent': 0.875,
  authoritative: false,
  'match-client-id': true,
  'next-server': '0.0.0.0',
  'server-hostname': '',
  'boot-file-name': '',
  'store-extended-info': false,
  'reservations-global': false,
  'reservations-in-subnet': true,
  'reservations-out-of-pool': false,
  'ddns-send-updates': true,
  'ddns-override-no-update': false,
  'ddns-override-client-update': false,
  'ddns-replace-client-name': 'never',
  'ddns-generated-prefix': 'myhost',
  'ddns-qualifying-suffix': '',
  'ddns-update-on-renew': false,
  'ddns-use-conflict-resolution': true,
  'hostname-char-set': '[^A-Za-z0-9.-]',
  'hostname-char-replacement': '',
} as const;

/** reservation-mode (deprecated) as the three flags Kea 2.2 turns it into. */
export function reservationFlags(explicit: ScopedParams): ScopedParams {
  const out: ScopedParams = {};
  switch (explicit['reservation-mode']) {
    case 'disabled':
      Object.assign(out, { 'reservations-global': false, 'reservations-in-subnet': false });
      break;
    case 'global':
      Object.assign(out, { 'reservations-global': true, 'reservations-in-subnet': false });
      break;
    case 'out-of-pool':
      Object.assign(out, {
        'reservations-global': false,
        'reservations-in-subnet': true,
        'reservations-out-of-pool': true,
      });
      break;
    case 'all':
      Object.assign(out, {
        'reservations-global': false,
        'reservations-in-subnet': true,
        'reservations-out-of-pool': false,
      });
      break;
  }
  for (const k of ['reservations-global', 'reservations-in-subnet', 'reservations-out-of-pool'] as const) {
    if (explicit[k] !== undefined) out[k] = explicit[k];
  }
  return out;
}

/** Explicit values with reservation-mode folded into the reservations-* flags. */
export function normalizeExplicit(explicit: ScopedParams): ScopedParams {
  const out: ScopedParams = { ...explicit, ...reservationFlags(explicit) };
  delete out['reservation-mode'];
  if (typeof out['ddns-replace-client-name'] === 'boolean') {
    // Kea's old boolean form: true means "when-present", false "never".
    out['ddns-replace-client-name'] = out['ddns-replace-client-name'] ? 'when-present' : 'never';
  }
  return out;
}

/** Resolves one level given its explicit values and its ancestors' (nearest first). */
export function resolveParams(levels: readonly ScopedParams[]): EffectiveParams {
  const pick = <K extends keyof ScopedParams>(k: K): ScopedParams[K] => {
    for (const l of levels) if (l[k] !== undefined) return l[k];
    return undefined;
  };
  const d = SCOPED_DEFAULTS;
  const valid = pick('valid-lifetime') ?? d['valid-lifetime'];
  // min/max: the nearest level setting them; else the valid-lifetime of the level that sets it.
  const min = pick('min-valid-lifetime') ?? valid;
  const max = pick('max-valid-lifetime') ?? valid;
  const out: EffectiveParams = {
    'valid-lifetime': valid,
    'min-valid-lifetime': min,
    'max-valid-lifetime': max,
    'calculate-tee-times': pick('calculate-tee-times') ?? d['calculate-tee-times'],
    't1-percent': pick('t1-percent') ?? d['t1-percent'],
    't2-percent': pick('t2-percent') ?? d['t2-percent'],
    authoritative: pick('authoritative') ?? d.authoritative,
    'match-client-id': pick('match-client-id') ?? d['match-client-id'],
    'next-server': parseIPv4(pick('next-server') ?? d['next-server']),
    'server-hostname': pick('server-hostname') ?? d['server-hostname'],
    'boot-file-name': pick('boot-file-name') ?? d['boot-file-name'],
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
