// option-def and option-data: definitions extend the standard registry (v4 or v6) first, then each level's
// option-data list is resolved with @kea-ts/dhcp and the options of a space that an option of the same
// list encapsulates are appended into it, as Kea does when it commits a configuration.
import { type ConfigSource, configError } from '@kea-ts/config';
import {
  appendSuboptions,
  type OptionDefinition,
  type OptionRegistry,
  parseOptionDef,
  type ResolvedOptionData,
  resolveOptionData,
  standardRegistry,
} from '@kea-ts/dhcp';
import type { CfgOption } from '../cfg/types.js';
import type { OptionDataInput, OptionDefInput } from './scoped-schema.js';

type Path = readonly PropertyKey[];

const TOP_SPACES = new Set(['dhcp4', 'dhcp6']);

function withUserContext(e: { 'user-context'?: Record<string, unknown>; comment?: string | undefined }) {
  if (e['user-context'] === undefined && e.comment === undefined) return undefined;
  return { ...(e['user-context'] ?? {}), ...(e.comment !== undefined ? { comment: e.comment } : {}) };
}

export { withUserContext };

export function buildRegistry(
  defs: readonly OptionDefInput[] | undefined,
  source: ConfigSource,
  path: Path,
  universe: 4 | 6 = 4,
): {
  registry: OptionRegistry;
  userDefs: { def: OptionDefinition; userContext?: Record<string, unknown> }[];
} {
  const userDefs: { def: OptionDefinition; userContext?: Record<string, unknown> }[] = [];
  let registry = standardRegistry(universe);
  (defs ?? []).forEach((entry, i) => {
    const { comment: _c, 'user-context': _u, ...plain } = entry;
    try {
      const def = parseOptionDef(plain, universe);
      registry = registry.extend([def], universe);
      const uc = withUserContext(entry);
      userDefs.push(uc ? { def, userContext: uc } : { def });
    } catch (err) {
      throw configError(source, [...path, i], (err as Error).message);
    }
  });
  return { registry, userDefs };
}

export function resolveOptions(
  list: readonly OptionDataInput[] | undefined,
  registry: OptionRegistry,
  source: ConfigSource,
  path: Path,
  universe: 4 | 6 = 4,
): CfgOption[] {
  const top = universe === 4 ? 'dhcp4' : 'dhcp6';
  const resolved: { r: ResolvedOptionData; data: string; uc?: Record<string, unknown> }[] = [];
  (list ?? []).forEach((entry, i) => {
    const { comment: _c, 'user-context': _u, ...plain } = entry;
    try {
      const r = resolveOptionData(plain, universe, registry);
      const uc = withUserContext(entry);
      resolved.push(uc ? { r, data: entry.data ?? '', uc } : { r, data: entry.data ?? '' });
    } catch (err) {
      throw configError(source, [...path, i], (err as Error).message);
    }
  });
  // Encapsulation, as Kea commits it: starting from the top space (dhcp4 or dhcp6), an option whose
  // definition names a space gets that space's options of the same list appended (one per code, the
  // first given), and those carry their own in turn. A space is only reached through a top-space
  // option, and an option encapsulating a top space itself (DHCPv6 lq-query) gets nothing: Kea skips
  // those to avoid loops.
  const reached = new Set<string>([top]);
  const queue = [top];
  while (queue.length > 0) {
    const space = queue.shift()!;
    for (const { r } of resolved) {
      const encap = r.def?.encapsulate ?? '';
      if (r.space === space && encap !== '' && !TOP_SPACES.has(encap) && !reached.has(encap)) {
        reached.add(encap);
        queue.push(encap);
      }
    }
  }
  const memo = new Map<number, Buffer>();
  const visiting = new Set<number>();
  const payloadOf = (idx: number): Buffer => {
    const cached = memo.get(idx);
    if (cached) return cached;
    const { r } = resolved[idx]!;
    let payload = r.payload;
    const space = r.def?.encapsulate ?? '';
    if (space !== '' && !TOP_SPACES.has(space) && reached.has(r.space) && !visiting.has(idx)) {
      visiting.add(idx);
      const codes = new Set<number>();
      const subs: { code: number; data: Buffer }[] = [];
      resolved.forEach((x, j) => {
        if (x.r.space !== space || codes.has(x.r.code)) return;
        codes.add(x.r.code);
        subs.push({ code: x.r.code, data: payloadOf(j) });
      });
      visiting.delete(idx);
      if (subs.length > 0) payload = appendSuboptions(r.def!, payload, subs, universe);
    }
    memo.set(idx, payload);
    return payload;
  };
  return resolved.map(({ r, data, uc }, idx) => ({
    code: r.code,
    space: r.space,
    ...(r.def ? { def: r.def } : {}),
    payload: payloadOf(idx),
    alwaysSend: r.alwaysSend,
    csvFormat: r.csvFormat,
    data,
    ...(uc ? { userContext: uc } : {}),
  }));
}
