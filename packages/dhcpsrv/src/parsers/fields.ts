// Small zod building blocks with Kea's types and ranges (uint32 lifetimes, percents in (0,1), IPv4 text),
// shared by every Dhcp4 area schema so the messages read the same everywhere.
import { userContextFields } from '@kea-ts/process';
import { isIPv4 } from '@kea-ts/util';
import { z } from 'zod';

export { userContextFields };

export const uint32 = (key: string) =>
  z
    .int({ error: `${key} must be an integer` })
    .min(0, `out of range value for ${key}: must not be negative`)
    .max(0xffffffff, `out of range value for ${key}: must be at most 4294967295`);

export const uint16 = (key: string) =>
  z
    .int({ error: `${key} must be an integer` })
    .min(0, `out of range value for ${key}: must be 0-65535`)
    .max(0xffff, `out of range value for ${key}: must be 0-65535`);

export const bool = (key: string) => z.boolean({ error: `${key} must be a boolean` });
export const str = (key: string) => z.string({ error: `${key} must be a string` });

/** t1-percent, t2-percent and cache-threshold: a real strictly between 0 and 1. */
export const percent = (key: string) =>
  z
    .number({ error: `${key} must be a floating point number` })
    .gt(0, `${key} must be greater than 0`)
    .lt(1, `${key} must be less than 1`);

export const ipv4 = (key: string) =>
  z.string({ error: `${key} must be a string` }).refine(isIPv4, { error: `invalid IPv4 address for ${key}` });

export const REPLACE_CLIENT_NAME = ['never', 'always', 'when-present', 'when-not-present'] as const;
export const RESERVATION_MODES = ['disabled', 'out-of-pool', 'global', 'all'] as const;

/** The parameters a subnet, a shared network and the global level all take (inherited downwards). */
export const scopedFields = {
  'valid-lifetime': uint32('valid-lifetime').optional(),
  'min-valid-lifetime': uint32('min-valid-lifetime').optional(),
  'max-valid-lifetime': uint32('max-valid-lifetime').optional(),
  'renew-timer': uint32('renew-timer').optional(),
  'rebind-timer': uint32('rebind-timer').optional(),
  'calculate-tee-times': bool('calculate-tee-times').optional(),
  't1-percent': percent('t1-percent').optional(),
  't2-percent': percent('t2-percent').optional(),
  'cache-threshold': percent('cache-threshold').optional(),
  'cache-max-age': uint32('cache-max-age').optional(),
  authoritative: bool('authoritative').optional(),
  'match-client-id': bool('match-client-id').optional(),
  'next-server': ipv4('next-server').optional(),
  'server-hostname': str('server-hostname').optional(),
  'boot-file-name': str('boot-file-name').optional(),
  'store-extended-info': bool('store-extended-info').optional(),
  'reservation-mode': z
    .enum(RESERVATION_MODES, { error: 'reservation-mode must be disabled, out-of-pool, global or all' })
    .optional(),
  'reservations-global': bool('reservations-global').optional(),
  'reservations-in-subnet': bool('reservations-in-subnet').optional(),
  'reservations-out-of-pool': bool('reservations-out-of-pool').optional(),
  'ddns-send-updates': bool('ddns-send-updates').optional(),
  'ddns-override-no-update': bool('ddns-override-no-update').optional(),
  'ddns-override-client-update': bool('ddns-override-client-update').optional(),
  'ddns-replace-client-name': z
    .union([z.enum(REPLACE_CLIENT_NAME), z.boolean()], {
      error: 'ddns-replace-client-name must be never, always, when-present or when-not-present',
    })
    .optional(),
  'ddns-generated-prefix': str('ddns-generated-prefix').optional(),
  'ddns-qualifying-suffix': str('ddns-qualifying-suffix').optional(),
  'ddns-update-on-renew': bool('ddns-update-on-renew').optional(),
  'ddns-use-conflict-resolution': bool('ddns-use-conflict-resolution').optional(),
  'hostname-char-set': str('hostname-char-set').optional(),
  'hostname-char-replacement': str('hostname-char-replacement').optional(),
};

/** Keys of scopedFields, the per-level explicit values the model keeps. */
export type ScopedKey = keyof typeof scopedFields;
export const SCOPED_KEYS = Object.keys(scopedFields) as ScopedKey[];
