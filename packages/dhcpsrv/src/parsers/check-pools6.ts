// Address pools and pd-pools of a subnet6. Pools: "first - last" (spaces optional) or "prefix/len",
// inside the subnet, first not above last, no two overlapping. pd-pools: an IPv6 prefix, delegated-len
// not shorter than prefix-len, and an excluded prefix (RFC 6603) longer than the delegated length that
// lies in the first delegated prefix. Kea keeps both lists sorted by first address; so does the model.
import { type ConfigSource, configError } from '@kea-ts/config';
import type { OptionRegistry } from '@kea-ts/dhcp';
import { formatIPv6, ipv6Compare, ipv6LastAddress, ipv6Network, tryParseIPv6 } from '@kea-ts/util';
import type { PdPool6, Pool6 } from '../cfg/types6.js';
import { guardOf } from './check-client-classes.js';
import { resolveOptions, withUserContext } from './check-options.js';
import type { PdPoolInput, Pool6Input } from './scoped6-schema.js';

type Path = readonly PropertyKey[];
type Range = { first: Buffer; last: Buffer };

/** The prefix length when [first, last] is exactly one prefix (config-get shows that form). */
export function prefixLength6Of(first: Buffer, last: Buffer): number | undefined {
  for (let len = 0; len <= 128; len++) {
    if (
      ipv6Compare(ipv6Network(first, len), first) === 0 &&
      ipv6Compare(ipv6LastAddress(first, len), last) === 0
    ) {
      return len;
    }
  }
  return undefined;
}

function parseRange6(text: string): Range | string {
  const slash = text.indexOf('/');
  if (slash >= 0) {
    const addr = tryParseIPv6(text.slice(0, slash).trim());
    const lenText = text.slice(slash + 1).trim();
    const len = /^\d{1,3}$/.test(lenText) ? Number(lenText) : -1;
    if (addr === null || len < 0 || len > 128) return `Failed to create pool defined by: ${text}`;
    return { first: ipv6Network(addr, len), last: ipv6LastAddress(addr, len) };
  }
  const dash = text.indexOf('-');
  if (dash < 0) {
    return `invalid pool definition: ${text}. There are two acceptable formats <min address-max address> or <prefix/len>`;
  }
  const first = tryParseIPv6(text.slice(0, dash).trim());
  const last = tryParseIPv6(text.slice(dash + 1).trim());
  if (first === null || last === null || ipv6Compare(first, last) > 0) {
    return `Failed to create pool defined by: ${text}`;
  }
  return { first, last };
}

const rangeText = (r: Range) => `${formatIPv6(r.first)}-${formatIPv6(r.last)}`;
const byFirst = <T extends { first: Buffer } | { prefix: Buffer }>(list: T[]): T[] =>
  list
    .map((x, i) => ({ x, i }))
    .sort((a, b) => {
      const fa = 'first' in a.x ? a.x.first : a.x.prefix;
      const fb = 'first' in b.x ? b.x.first : b.x.prefix;
      return ipv6Compare(fa, fb) || a.i - b.i;
    })
    .map((e) => e.x);

export function checkPools6(
  pools: readonly Pool6Input[] | undefined,
  subnet: Range & { text: string },
  registry: OptionRegistry,
  source: ConfigSource,
  path: Path,
): Pool6[] {
  const out: Pool6[] = [];
  (pools ?? []).forEach((p, i) => {
    const at = [...path, i, 'pool'];
    const range = parseRange6(p.pool);
    if (typeof range === 'string') throw configError(source, at, range);
    if (ipv6Compare(range.first, subnet.first) < 0 || ipv6Compare(range.last, subnet.last) > 0) {
      throw configError(
        source,
        at,
        `the pool ${rangeText(range)} does not match the prefix of the subnet ${subnet.text}`,
      );
    }
    const clash = out.find(
      (o) => ipv6Compare(o.first, range.last) <= 0 && ipv6Compare(range.first, o.last) <= 0,
    );
    if (clash)
      throw configError(
        source,
        at,
        `the pool ${rangeText(range)} overlaps with the pool ${rangeText(clash)}`,
      );
    const len = prefixLength6Of(range.first, range.last);
    const uc = withUserContext(p);
    out.push({
      ...range,
      ...(len !== undefined ? { prefixLength: len } : {}),
      options: resolveOptions(p['option-data'], registry, source, [...path, i, 'option-data'], 6),
      ...guardOf(p),
      ...(uc ? { userContext: uc } : {}),
    });
  });
  return byFirst(out);
}

function checkExcluded(p: PdPoolInput, prefix: Buffer, source: ConfigSource, at: Path) {
  const given = p['excluded-prefix'];
  const len = p['excluded-prefix-len'] ?? 0;
  if (given === undefined && len === 0) return undefined;
  const excluded = given === undefined ? Buffer.alloc(16) : tryParseIPv6(given);
  if (excluded === null)
    throw configError(source, [...at, 'excluded-prefix'], `invalid excluded prefix ${given}`);
  const delegated = `${formatIPv6(prefix)}/${p['delegated-len']}`;
  const text = `${formatIPv6(excluded)}/${len}`;
  // Kea reads "::" with length 0 as "no exclusion"; any other address needs a length.
  if (len === 0) {
    if (excluded.equals(Buffer.alloc(16))) return undefined;
    throw configError(source, at, `invalid excluded prefix ${text}`);
  }
  if (len > 128) throw configError(source, [...at, 'excluded-prefix-len'], `invalid excluded prefix ${text}`);
  if (len <= p['delegated-len']) {
    throw configError(
      source,
      at,
      `length of the excluded prefix ${text} must be greater than the length of the delegated prefix ${delegated}`,
    );
  }
  if (!ipv6Network(excluded, p['delegated-len']).equals(ipv6Network(prefix, p['delegated-len']))) {
    throw configError(
      source,
      at,
      `excluded prefix ${text} must have the same common prefix part of ${p['delegated-len']} as the delegated prefix ${delegated}`,
    );
  }
  return { excludedPrefix: excluded, excludedPrefixLength: len };
}

export function checkPdPools(
  pools: readonly PdPoolInput[] | undefined,
  registry: OptionRegistry,
  source: ConfigSource,
  path: Path,
): PdPool6[] {
  const out: PdPool6[] = [];
  (pools ?? []).forEach((p, i) => {
    const at = [...path, i];
    const addr = tryParseIPv6(p.prefix);
    if (addr === null)
      throw configError(source, [...at, 'prefix'], `invalid pd-pool prefix '${p.prefix}': not IPv6`);
    if (p['prefix-len'] > 128) {
      throw configError(
        source,
        [...at, 'prefix-len'],
        `invalid prefix length ${p['prefix-len']}: at most 128`,
      );
    }
    if (p['delegated-len'] < p['prefix-len']) {
      throw configError(
        source,
        at,
        `Delegated length (${p['delegated-len']}) must be longer than or equal to prefix length (${p['prefix-len']})`,
      );
    }
    // Kea 2.2 takes a delegated-len above 128 and fails only when it hands such a prefix out.
    if (p['delegated-len'] > 128) {
      throw configError(source, at, `Delegated length (${p['delegated-len']}) must be at most 128`);
    }
    const range = { first: ipv6Network(addr, p['prefix-len']), last: ipv6LastAddress(addr, p['prefix-len']) };
    const clash = out.find(
      (o) => ipv6Compare(o.prefix, range.last) <= 0 && ipv6Compare(range.first, o.last) <= 0,
    );
    if (clash) {
      throw configError(
        source,
        at,
        `the pd-pool ${rangeText(range)} overlaps with the pd-pool ${formatIPv6(clash.prefix)}/${clash.prefixLength}`,
      );
    }
    const excluded = checkExcluded(p, addr, source, at);
    const uc = withUserContext(p);
    out.push({
      prefix: addr,
      last: range.last,
      prefixLength: p['prefix-len'],
      delegatedLength: p['delegated-len'],
      ...(excluded ?? { excludedPrefixLength: 0 }),
      options: resolveOptions(p['option-data'], registry, source, [...at, 'option-data'], 6),
      ...guardOf(p),
      ...(uc ? { userContext: uc } : {}),
    });
  });
  return byFirst(out);
}
