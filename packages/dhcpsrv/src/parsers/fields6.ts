// The Dhcp6 building blocks beside fields.ts: IPv6 text, and the scoped parameters a subnet6, a shared
// network and the Dhcp6 map all take (the v4 list without its BOOTP/client-id keys, plus the preferred
// lifetime triplet). rapid-commit and interface-id are network-level only, so they are not here.
import { isIPv6 } from '@kea-ts/util';
import { z } from 'zod';
import { scopedFields, uint32 } from './fields.js';

export const ipv6 = (key: string) =>
  z.string({ error: `${key} must be a string` }).refine(isIPv6, { error: `invalid IPv6 address for ${key}` });

const {
  authoritative: _a,
  'match-client-id': _m,
  'next-server': _n,
  'server-hostname': _s,
  'boot-file-name': _b,
  ...common
} = scopedFields;

export const scopedFields6 = {
  ...common,
  'preferred-lifetime': uint32('preferred-lifetime').optional(),
  'min-preferred-lifetime': uint32('min-preferred-lifetime').optional(),
  'max-preferred-lifetime': uint32('max-preferred-lifetime').optional(),
};

/** Keys of scopedFields6, the per-level explicit values the v6 model keeps. */
export type ScopedKey6 = keyof typeof scopedFields6;
export const SCOPED_KEYS6 = Object.keys(scopedFields6) as ScopedKey6[];
