// Client names as Kea's D2ClientMgr makes them, for both families: qualifying a partial name with
// ddns-qualifying-suffix, generating one from the leased address (ddns-generated-prefix), scrubbing with
// hostname-char-set / hostname-char-replacement, and the server's S/N/O flags from the client's.
import { SCOPED_DEFAULTS } from '../cfg/inherit.js';
import type { EffectiveParams } from '../cfg/types.js';

/** The ddns-* parameters these decisions read (the same keys in v4 and v6 effective parameters). */
export type DdnsNameParams = Pick<
  EffectiveParams,
  | 'ddns-send-updates'
  | 'ddns-override-no-update'
  | 'ddns-override-client-update'
  | 'ddns-replace-client-name'
  | 'ddns-generated-prefix'
  | 'ddns-qualifying-suffix'
  | 'ddns-update-on-renew'
  | 'ddns-use-conflict-resolution'
  | 'hostname-char-set'
  | 'hostname-char-replacement'
>;

/** Kea's answers without a subnet: its defaults (updates are off then). */
export const DDNS_DEFAULTS: DdnsNameParams = {
  'ddns-send-updates': SCOPED_DEFAULTS['ddns-send-updates'],
  'ddns-override-no-update': SCOPED_DEFAULTS['ddns-override-no-update'],
  'ddns-override-client-update': SCOPED_DEFAULTS['ddns-override-client-update'],
  'ddns-replace-client-name': SCOPED_DEFAULTS['ddns-replace-client-name'],
  'ddns-generated-prefix': SCOPED_DEFAULTS['ddns-generated-prefix'],
  'ddns-qualifying-suffix': SCOPED_DEFAULTS['ddns-qualifying-suffix'],
  'ddns-update-on-renew': SCOPED_DEFAULTS['ddns-update-on-renew'],
  'ddns-use-conflict-resolution': SCOPED_DEFAULTS['ddns-use-conflict-resolution'],
  'hostname-char-set': '',
  'hostname-char-replacement': '',
};

/** Client FQDN flag bits (RFC 4702 / 4704). */
export const FQDN_FLAG_S = 0x01;
export const FQDN_FLAG_O = 0x02;
export const FQDN_FLAG_E = 0x04;
/** N is 0x08 in option 81 (after E) and 0x04 in option 39 (which has no E). */
export const FQDN_FLAG_N4 = 0x08;
export const FQDN_FLAG_N6 = 0x04;

export function fqdnFlagN(universe: 4 | 6): number {
  return universe === 4 ? FQDN_FLAG_N4 : FQDN_FLAG_N6;
}

/**
 * Kea's qualifyName: appends the suffix unless the name already ends with it (as whole labels), then
 * adds or removes the final dot.
 */
export function qualifyName(name: string, suffix: string, trailingDot: boolean): string {
  let out = name;
  if (suffix !== '') {
    const sfx = suffix.endsWith('.') ? suffix.slice(0, -1) : suffix;
    const base = name.endsWith('.') ? name.slice(0, -1) : name;
    const present =
      base.endsWith(sfx) && (base.length === sfx.length || base[base.length - sfx.length - 1] === '.');
    if (!present) out = `${name.length > 0 && !name.endsWith('.') ? `${name}.` : name}${suffix}`;
  }
  if (trailingDot) {
    if (out.length > 0 && !out.endsWith('.')) out += '.';
  } else if (out.endsWith('.')) {
    out = out.slice(0, -1);
  }
  return out;
}

/** Kea's generateFqdn: prefix-<address with dots or colons as dashes>, qualified. */
export function generateName(addressText: string, p: DdnsNameParams, trailingDot: boolean): string {
  const host = addressText.replace(addressText.includes(':') ? /:/g : /\./g, '-');
  return qualifyName(`${p['ddns-generated-prefix']}-${host}`, p['ddns-qualifying-suffix'], trailingDot);
}

const sanitizers = new Map<string, RegExp | null>();

/** The compiled hostname-char-set (null when empty); compiled once per distinct set. */
export function hostnameSanitizer(set: string): RegExp | null {
  let re = sanitizers.get(set);
  if (re === undefined) {
    try {
      re = set === '' ? null : new RegExp(set, 'g');
    } catch {
      re = null;
    }
    sanitizers.set(set, re);
  }
  return re;
}

/** Replaces every match of hostname-char-set in `text` (Kea's StringSanitizer::scrub). */
export function scrub(text: string, p: DdnsNameParams): string {
  const re = hostnameSanitizer(p['hostname-char-set']);
  return re === null ? text : text.replace(re, p['hostname-char-replacement']);
}

/** Whether the configured mode replaces a name the client sent. */
export function replacesSentName(p: DdnsNameParams): boolean {
  const m = p['ddns-replace-client-name'];
  return m === 'always' || m === 'when-present';
}

/** Whether the configured mode supplies a name to a client that sent none. */
export function suppliesMissingName(p: DdnsNameParams): boolean {
  const m = p['ddns-replace-client-name'];
  return m === 'always' || m === 'when-not-present';
}

/**
 * Kea's analyzeFqdn + adjustFqdnFlags: the server's S, N and O bits from the client's S and N and
 * whether updates are enabled for the subnet. N and S both set is refused (RFC 4702 2.1).
 */
export function serverFqdnFlags(
  clientFlags: number,
  enabled: boolean,
  p: DdnsNameParams,
  universe: 4 | 6,
): number {
  const flagN = fqdnFlagN(universe);
  const clientS = (clientFlags & FQDN_FLAG_S) !== 0;
  const clientN = (clientFlags & flagN) !== 0;
  let s: boolean;
  let n: boolean;
  if (clientN && clientS) throw new Error('Invalid client FQDN - N and S cannot both be 1');
  if (!clientN && !clientS) {
    s = enabled && p['ddns-override-client-update'];
    n = !enabled;
  } else if (clientS) {
    s = enabled;
    n = !s;
  } else {
    s = enabled && p['ddns-override-no-update'];
    n = !s;
  }
  return (s ? FQDN_FLAG_S : 0) | (n ? flagN : 0) | (clientS !== s ? FQDN_FLAG_O : 0);
}

/** Kea's DHCP-DDNS record TTL for a lease lifetime (RFC 4702: a third, at least 10 minutes). */
export function ddnsTtl(validLifetime: number): number {
  return validLifetime < 1800 ? 600 : Math.floor(validLifetime / 3);
}
