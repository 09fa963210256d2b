// option-def and option-data: definitions extend the standard v4 registry first, then each level's
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

function withUserContext(e: { 'user-context'?: Record<string, unknown>; comment?: string | undefined }) {
  if (e['user-context'] === undefined && e.comment === undefined) return undefined;
  return { ...(e['user-context'] ?? {}), ...(e.comment !== undefined ? { comment: e.comment } : {}) };
}

export { withUserContext };

export function buildRegistry(
  defs: readonly OptionDefInput[] | undefined,
  source: ConfigSource,
  path: Path,
): {
  registry: OptionRegistry;
  userDefs: { def: OptionDefinition; userContext?: Record<string, unknown> }[];
} {
  const userDefs: { def: OptionDefinition; userContext?: Record<string, unknown> }[] = [];
  let registry = standardRegistry(4);
  (defs ?? []).forEach((entry, i) => {
    const { comment: _c, 'user-context': _u, ...plain } = entry;
    try {
      const def = parseOptionDef(plain, 4);
      registry = registry.extend([def], 4);
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
): CfgOption[] {
  const resolved: { r: ResolvedOptionData; data: string; uc?: Record<string, unknown> }[] = [];
  (list ?? []).forEach((entry, i) => {
    const { comment: _c, 'user-context': _u, ...plain } = entry;
    try {
      const r = resolveOptionData(plain, 4, registry);
      const uc = withUserContext(entry);
      resolved.push(uc ? { r, data: entry.data ?? '', uc } : { r, data: entry.data ?? '' });
    } catch (err) {
      throw configError(source, [...path, i], (err as Error).message);
    }
  });
  // Encapsulation: an option whose definition names a space gets the options of that space from the
  // same list appended (depth first, so sub-options carry their own sub-options).
  // Kea starts from the dhcp4 space: an option of another space only carries sub-options when it is
  // itself carried (directly or not) by a dhcp4 option.
  const memo = new Map<number, Buffer>();
  const payloadOf = (idx: number, depth: number): Buffer => {
    const cached = memo.get(idx);
    if (cached) return cached;
    const { r } = resolved[idx]!;
    let payload = r.payload;
    const space = r.def?.encapsulate ?? '';
    if (space !== '' && depth < 8 && (depth > 0 || r.space === 'dhcp4')) {
      const subs = resolved
        .map((x, j) => ({ x, j }))
        .filter(({ x }) => x.r.space === space)
        .map(({ x, j }) => ({ code: x.r.code, data: payloadOf(j, depth + 1) }));
      if (subs.length > 0) payload = appendSuboptions(r.def!, payload, subs, 4);
    }
    memo.set(idx, payload);
    return payload;
  };
  return resolved.map(({ r, data, uc }, idx) => ({
    code: r.code,
    space: r.space,
    ...(r.def ? { def: r.def } : {}),
    payload: payloadOf(idx, 0),
    alwaysSend: r.alwaysSend,
    csvFormat: r.csvFormat,
    data,
    ...(uc ? { userContext: uc } : {}),
  }));
}
