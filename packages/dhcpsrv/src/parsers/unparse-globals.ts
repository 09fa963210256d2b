// The global part of config-get's Dhcp4 map: Kea 2.2's defaults for every key it always shows and the
// values set; the sub-objects and loggers come from unparse-shared.ts (printed alike by Dhcp6).
import type { JsonValue } from '@kea-ts/cc';
import type { Dhcp4Config } from '../cfg/types.js';
import { type Obj, unparseSharedGlobals } from './unparse-shared.js';

const GLOBAL_DEFAULTS: Obj = {
  authoritative: false,
  'boot-file-name': '',
  'calculate-tee-times': false,
  'ddns-generated-prefix': 'myhost',
  'ddns-override-client-update': false,
  'ddns-override-no-update': false,
  'ddns-qualifying-suffix': '',
  'ddns-replace-client-name': 'never',
  'ddns-send-updates': true,
  'ddns-update-on-renew': false,
  'ddns-use-conflict-resolution': true,
  'decline-probation-period': 86400,
  'dhcp4o6-port': 0,
  'early-global-reservations-lookup': false,
  'echo-client-id': true,
  'hooks-libraries': [],
  'host-reservation-identifiers': ['hw-address', 'duid', 'circuit-id', 'client-id'],
  'hostname-char-replacement': '',
  'hostname-char-set': '[^A-Za-z0-9.-]',
  'ip-reservations-unique': true,
  'match-client-id': true,
  'next-server': '0.0.0.0',
  'option-def': [],
  'parked-packet-limit': 256,
  'reservations-global': false,
  'reservations-in-subnet': true,
  'reservations-lookup-first': false,
  'reservations-out-of-pool': false,
  'server-hostname': '',
  'server-tag': '',
  'statistic-default-sample-age': 0,
  'statistic-default-sample-count': 20,
  'store-extended-info': false,
  't1-percent': 0.5,
  't2-percent': 0.875,
  'valid-lifetime': 7200,
};

// Keys copied as given (after the defaults): the plain global scalars and lists.
const PLAIN = [
  'decline-probation-period',
  'dhcp4o6-port',
  'early-global-reservations-lookup',
  'echo-client-id',
  'host-reservation-identifiers',
  'ip-reservations-unique',
  'parked-packet-limit',
  'reservations-lookup-first',
  'server-tag',
  'statistic-default-sample-age',
  'statistic-default-sample-count',
] as const;

export function unparseGlobals(config: Dhcp4Config): Obj {
  const s = config.section;
  const out: Obj = { ...GLOBAL_DEFAULTS };
  for (const [k, v] of Object.entries(config.explicit)) if (v !== undefined) out[k] = v as JsonValue;
  for (const k of PLAIN) if (s[k] !== undefined) out[k] = s[k] as JsonValue;
  return { ...out, ...unparseSharedGlobals(s, config.userDefs, 'kea-ring4') };
}
