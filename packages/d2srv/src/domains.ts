// Which configured domain (and so which DNS servers and key) serves a request: the longest domain that
// is a suffix of the FQDN on a label boundary, else the wildcard '*' (in either list, as Kea); reverse
// domains are matched against the address's in-addr.arpa / ip6.arpa name. A lone '*' serves every name.
import { canonicalName } from '@kea-ts/dns';
import { ipv4ToBytes, parseIPv4, parseIPv6 } from '@kea-ts/util';
import type { DdnsDomain } from './config.js';

/** The best domain of `domains` for `name`, or null. */
export function matchDomain(domains: readonly DdnsDomain[], name: string): DdnsDomain | null {
  let wildcard: DdnsDomain | null = null;
  for (const d of domains) if (d.match === '*') wildcard = d;
  if (wildcard !== null && domains.length === 1) return wildcard;
  const fqdn = canonicalName(name);
  let best: DdnsDomain | null = null;
  for (const d of domains) {
    if (d.match === '*') continue;
    if (fqdn === d.match) return d;
    // The root domain "." is a suffix of every name.
    const suffix = d.match === '.' ? true : fqdn.endsWith(`.${d.match}`);
    if (suffix && (best === null || d.match.length > best.match.length)) best = d;
  }
  return best ?? wildcard;
}

/** The reverse name of an IPv4 or IPv6 address: 1.2.0.192.in-addr.arpa. or nibbles + ip6.arpa. */
export function reverseName(address: string): string {
  if (address.includes(':')) {
    const hex = parseIPv6(address).toString('hex');
    return `${[...hex].reverse().join('.')}.ip6.arpa.`;
  }
  return `${[...ipv4ToBytes(parseIPv4(address))].reverse().join('.')}.in-addr.arpa.`;
}
