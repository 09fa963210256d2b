// client-classes (global list) of Dhcp4 and Dhcp6 into a ClassDictionary: Kea 2.2's keys per
// universe, tests compiled once (a malformed one fails with Kea's "expression: [...] error: ..."
// at the test's position), member() only of built-in or earlier classes, the KNOWN/UNKNOWN
// dependency carried through member(), class option-def (v4) and option-data, lifetime triplets.

import type { JsonValue } from '@kea-ts/cc';
import { type ConfigSource, checkSchema, configError } from '@kea-ts/config';
import type { OptionRegistry } from '@kea-ts/dhcp';
import { type BoolNode, compileBoolExpression, EvalParseError } from '@kea-ts/eval';
import { parseIPv4 } from '@kea-ts/util';
import { z } from 'zod';
import {
  ClassDictionary,
  type ClassLifetime,
  type ClientClassDef,
  EMPTY_CLASSES,
  isBuiltInClass,
} from '../cfg/classes.js';
import { buildRegistry, resolveOptions, withUserContext } from './check-options.js';
import { bool, ipv4, str, uint32, userContextFields } from './fields.js';
import { optionDataListSchema, optionDefSchema } from './scoped-schema.js';

type Path = readonly PropertyKey[];

const common = {
  name: str('name'),
  test: str('test').optional(),
  'only-if-required': bool('only-if-required').optional(),
  'option-data': optionDataListSchema.optional(),
  'valid-lifetime': uint32('valid-lifetime').optional(),
  'min-valid-lifetime': uint32('min-valid-lifetime').optional(),
  'max-valid-lifetime': uint32('max-valid-lifetime').optional(),
  ...userContextFields,
};
const class4Schema = z.strictObject({
  ...common,
  'option-def': z.array(optionDefSchema, { error: 'option-def must be a list' }).optional(),
  'next-server': ipv4('next-server').optional(),
  'server-hostname': str('server-hostname').optional(),
  'boot-file-name': str('boot-file-name').optional(),
});
const class6Schema = z.strictObject({
  ...common,
  'preferred-lifetime': uint32('preferred-lifetime').optional(),
  'min-preferred-lifetime': uint32('min-preferred-lifetime').optional(),
  'max-preferred-lifetime': uint32('max-preferred-lifetime').optional(),
});
type Class4Input = z.infer<typeof class4Schema>;
type ClassInput = Class4Input & z.infer<typeof class6Schema>;

const LIFETIME_KEYS = [
  'valid-lifetime',
  'min-valid-lifetime',
  'max-valid-lifetime',
  'preferred-lifetime',
  'min-preferred-lifetime',
  'max-preferred-lifetime',
] as const;

/** Kea's parseIntTriplet plus its min/max checks against the default. */
function triplet(
  e: ClassInput,
  what: 'valid' | 'preferred',
  source: ConfigSource,
  at: Path,
): ClassLifetime | undefined {
  const value = e[`${what}-lifetime`];
  const min = e[`min-${what}-lifetime`];
  const max = e[`max-${what}-lifetime`];
  if (value === undefined && min === undefined && max === undefined) return undefined;
  const dflt = value ?? min ?? max!;
  if (min !== undefined && min > dflt) {
    throw configError(
      source,
      at,
      `the value of min-${what}-lifetime (${min}) is not less than (default) ${what}-lifetime (${dflt})`,
    );
  }
  if (max !== undefined && max < dflt) {
    throw configError(
      source,
      at,
      `the value of max-${what}-lifetime (${max}) is not greater than (default) ${what}-lifetime (${dflt})`,
    );
  }
  return { value: dflt, min: min ?? dflt, max: max ?? dflt };
}

/** The member() names an expression reads (KNOWN/UNKNOWN among them). */
function membersOf(node: unknown, out: string[]): string[] {
  if (node === null || typeof node !== 'object') return out;
  const n = node as { t?: string; name?: unknown };
  if (n.t === 'member' && typeof n.name === 'string') out.push(n.name);
  for (const v of Object.values(node)) if (typeof v === 'object') membersOf(v, out);
  return out;
}

export function checkClientClasses(
  list: readonly unknown[] | undefined,
  universe: 4 | 6,
  registry: OptionRegistry,
  source: ConfigSource,
  path: Path,
): ClassDictionary {
  if (list === undefined || list.length === 0) return EMPTY_CLASSES;
  const defs: ClientClassDef[] = [];
  const byName = new Map<string, ClientClassDef>();
  list.forEach((raw, i) => {
    const at = [...path, i];
    const schema = universe === 4 ? class4Schema : class6Schema;
    const e = checkSchema(schema, raw as JsonValue, source, at) as ClassInput;
    if (e.name === '') throw configError(source, [...at, 'name'], "not empty parameter 'name' is required");
    if (byName.has(e.name)) {
      throw configError(source, at, `Can't add class: Client Class: ${e.name} has already been defined`);
    }
    let classRegistry = registry;
    let optionDefs: ClientClassDef['optionDefs'] = [];
    if (universe === 4 && e['option-def'] !== undefined && e['option-def'].length > 0) {
      const built = buildRegistry(e['option-def'], source, [...at, 'option-def']);
      optionDefs = built.userDefs;
      classRegistry = registry.extend(
        built.userDefs.map((u) => u.def),
        4,
      );
    }
    const options = resolveOptions(e['option-data'], classRegistry, source, [...at, 'option-data'], universe);
    let test: ClientClassDef['test'];
    const failure: { error: unknown } = { error: undefined };
    let dependsOnKnown = false;
    if (e.test !== undefined) {
      try {
        test = compileBoolExpression(e.test, {
          universe,
          definitions: classRegistry,
          isClassDefined: (name) => isBuiltInClass(name) || byName.has(name),
          onError: (error) => {
            failure.error = error;
          },
        });
      } catch (err) {
        if (!(err instanceof EvalParseError)) throw err;
        throw configError(source, [...at, 'test'], `expression: [${e.test}] error: ${err.message}`);
      }
      dependsOnKnown = membersOf(test.ast as BoolNode, []).some(
        (m) => m === 'KNOWN' || m === 'UNKNOWN' || byName.get(m)?.dependsOnKnown === true,
      );
    }
    const lifetimeKeys: Record<string, number> = {};
    for (const k of LIFETIME_KEYS) if (e[k] !== undefined) lifetimeKeys[k] = e[k];
    const valid = triplet(e, 'valid', source, at);
    const preferred = universe === 6 ? triplet(e, 'preferred', source, at) : undefined;
    const uc = withUserContext(e);
    const def: ClientClassDef = {
      name: e.name,
      ...(e.test !== undefined ? { testText: e.test, test } : {}),
      failure,
      onlyIfRequired: e['only-if-required'] ?? false,
      dependsOnKnown,
      options,
      optionDefs,
      nextServer: e['next-server'] !== undefined ? parseIPv4(e['next-server']) : 0,
      serverHostname: e['server-hostname'] ?? '',
      bootFileName: e['boot-file-name'] ?? '',
      ...(valid ? { valid } : {}),
      ...(preferred ? { preferred } : {}),
      lifetimeKeys,
      ...(uc ? { userContext: uc } : {}),
    };
    byName.set(def.name, def);
    defs.push(def);
  });
  return new ClassDictionary(defs);
}

/** client-class and require-client-classes of a network, subnet or pool entry. */
export function guardOf(e: {
  'client-class'?: string | undefined;
  'require-client-classes'?: string[] | undefined;
}): {
  clientClass?: string;
  requireClasses: readonly string[];
} {
  const cc = e['client-class'];
  return {
    ...(cc !== undefined && cc !== '' ? { clientClass: cc } : {}),
    requireClasses: e['require-client-classes'] ?? [],
  };
}
