// Pools of a subnet: "first - last" (spaces optional) or "prefix/len", inside the subnet's prefix, first
// not above last, and no two pools of a subnet overlapping (Kea's checks, Kea's error texts in spirit).
import { type ConfigSource, configError } from '@kea-ts/config';
import type { OptionRegistry } from '@kea-ts/dhcp';
import { formatIPv4, ipv4Mask, tryParseIPv4 } from '@kea-ts/util';
import type { Pool4 } from '../cfg/types.js';
import { guardOf } from './check-client-classes.js';
import { resolveOptions, withUserContext } from './check-options.js';
import type { PoolInput } from './scoped-schema.js';

/** The prefix length when [first, last] is exactly one prefix (config-get shows that form). */
export function prefixLengthOf(first: number, last: number): number | undefined {
  const size = last - first + 1;
  if (size <= 0 || ((size & (size - 1)) !== 0 && size !== 2 ** 32)) return undefined;
  const len = 32 - Math.log2(size);
  if (!Number.isInteger(len)) return undefined;
  return (first & ipv4Mask(len)) >>> 0 === first ? len : undefined;
}

function parseRange(text: string): { first: number; last: number } | string {
  const slash = text.indexOf('/');
  if (slash >= 0) {
    const addr = tryParseIPv4(text.slice(0, slash).trim());
    const lenText = text.slice(slash + 1).trim();
    const len = /^\d{1,2}$/.test(lenText) ? Number(lenText) : -1;
    if (addr === null || len < 0 || len > 32) return `Failed to create pool defined by: ${text}`;
    const first = (addr & ipv4Mask(len)) >>> 0;
    return { first, last: (first + 2 ** (32 - len) - 1) >>> 0 };
  }
  const dash = text.indexOf('-');
  if (dash < 0) {
    return `invalid pool definition: ${text}. There are two acceptable formats <min address-max address> or <prefix/len>`;
  }
  const first = tryParseIPv4(text.slice(0, dash).trim());
  const last = tryParseIPv4(text.slice(dash + 1).trim());
  if (first === null || last === null || first > last) return `Failed to create pool defined by: ${text}`;
  return { first, last };
}

export function checkPools(
  pools: readonly PoolInput[] | undefined,
  subnet: { first: number; last: number; text: string },
  registry: OptionRegistry,
  source: ConfigSource,
  path: readonly PropertyKey[],
): Pool4[] {
  const out: Pool4[] = [];
  (pools ?? []).forEach((p, i) => {
    const at = [...path, i, 'pool'];
    const range = parseRange(p.pool);
    if (typeof range === 'string') throw configError(source, at, range);
    const text = `${formatIPv4(range.first)}-${formatIPv4(range.last)}`;
    if (range.first < subnet.first || range.last > subnet.last) {
      throw configError(
        source,
        at,
        `the pool ${text} does not match the prefix of the subnet ${subnet.text}`,
      );
    }
    const clash = out.find((o) => o.first <= range.last && range.first <= o.last);
    if (clash) {
      throw configError(
        source,
        at,
        `the pool ${text} overlaps with the pool ${formatIPv4(clash.first)}-${formatIPv4(clash.last)}`,
      );
    }
    const len = prefixLengthOf(range.first, range.last);
    const uc = withUserContext(p);
    out.push({
      ...range,
      ...(len !== undefined ? { prefixLength: len } : {}),
      options: resolveOptions(p['option-data'], registry, source, [...path, i, 'option-data']),
      ...guardOf(p),
      ...(uc ? { userContext: uc } : {}),
    });
  });
  return out;
}
