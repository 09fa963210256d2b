// OptionRegistry: every option definition a daemon can resolve, by space and code or name, and the
// universe of each space. One standard registry per daemon universe, because Kea keeps DHCPv4 and
// DHCPv6 definitions of the same vendor space apart ('vendor-4491' means DOCSIS v4 sub-options to
// kea-dhcp4 and DOCSIS v6 ones to kea-dhcp6). A config's option-def entries make an extended copy.
import { DhcpConfigError } from '../errors.js';
import type { OptionDefinition, Universe } from '../types.js';
import {
  DHCP_AGENT_OPTIONS_SPACE,
  DHCP4_DEFINITIONS,
  DHCP4_SPACE,
  LAST_RESORT_V4_DEFINITIONS,
  VENDOR_ENCAPSULATED_OPTIONS_SPACE,
} from './dhcp4.js';
import { DHCP6_DEFINITIONS, DHCP6_SPACE, RSOO_SPACE } from './dhcp6.js';
import { DHCP6_SUB_SPACE_DEFINITIONS } from './sub-spaces.js';
import {
  DOCSIS3_SPACE_DEFINITIONS,
  DOCSIS3_V4_SPACE,
  DOCSIS3_V6_SPACE,
  standardVendorSpaces,
  vendorIdOfSpace,
} from './vendor.js';

/** The universe of every space Kea 2.2 names itself (vendor spaces take the daemon's). */
const STANDARD_SPACE_UNIVERSES: ReadonlyMap<string, Universe> = new Map<string, Universe>([
  [DHCP4_SPACE, 4],
  [DHCP_AGENT_OPTIONS_SPACE, 4],
  [VENDOR_ENCAPSULATED_OPTIONS_SPACE, 4],
  [DHCP6_SPACE, 6],
  [RSOO_SPACE, 6],
  [DOCSIS3_V4_SPACE, 4],
  [DOCSIS3_V6_SPACE, 6],
  ...[...DHCP6_SUB_SPACE_DEFINITIONS.keys()].map((space): [string, Universe] => [space, 6]),
]);

/**
 * Kea refuses an option-def that reuses the code or name of a definition in one of its own standard
 * spaces (CfgOptionDef::add against LibDHCP's tables). Those tables include the internal DOCSIS space
 * names but not 'vendor-<id>', so a config may redefine vendor sub-options, and not option 43, which
 * is only a last-resort definition.
 */
const PROTECTED_SPACES: ReadonlyMap<string, readonly OptionDefinition[]> = new Map([
  [DHCP4_SPACE, DHCP4_DEFINITIONS],
  [DHCP6_SPACE, DHCP6_DEFINITIONS],
  ...DHCP6_SUB_SPACE_DEFINITIONS,
  ...DOCSIS3_SPACE_DEFINITIONS,
]);

interface SpaceTable {
  readonly byCode: Map<number, OptionDefinition>;
  readonly byName: Map<string, OptionDefinition>;
}

const EMPTY: readonly OptionDefinition[] = Object.freeze([]);

export class OptionRegistry {
  /** Definitions by space; lookups read only these maps (hot path). */
  readonly #tables: ReadonlyMap<string, SpaceTable>;
  /** Definitions from option-def entries, by space, kept apart for duplicate checks. */
  readonly #user: ReadonlyMap<string, readonly OptionDefinition[]>;
  /** Universes of user spaces learnt from the options that encapsulate them. */
  readonly #userUniverses: ReadonlyMap<string, Universe>;

  private constructor(
    /** The universe of the daemon this registry serves. */
    readonly universe: Universe,
    tables: ReadonlyMap<string, SpaceTable>,
    user: ReadonlyMap<string, readonly OptionDefinition[]>,
    userUniverses: ReadonlyMap<string, Universe>,
  ) {
    this.#tables = tables;
    this.#user = user;
    this.#userUniverses = userUniverses;
  }

  /** @internal Builds the standard registry of a universe; use standardRegistry(). */
  static createStandard(universe: Universe): OptionRegistry {
    const tables = new Map<string, SpaceTable>();
    // Precedence, lowest first, so later entries win: last resort, standard, vendor standard.
    const layers: (readonly OptionDefinition[])[] = [
      LAST_RESORT_V4_DEFINITIONS,
      DHCP4_DEFINITIONS,
      DHCP6_DEFINITIONS,
      ...DHCP6_SUB_SPACE_DEFINITIONS.values(),
      ...DOCSIS3_SPACE_DEFINITIONS.values(),
      ...standardVendorSpaces(universe).values(),
    ];
    for (const space of STANDARD_SPACE_UNIVERSES.keys()) tables.set(space, emptyTable());
    for (const layer of layers) for (const def of layer) addTo(tables, def);
    return new OptionRegistry(universe, tables, new Map(), new Map());
  }

  /** The definition of a code in a space, or undefined. */
  get(space: string, code: number): OptionDefinition | undefined {
    return this.#tables.get(space)?.byCode.get(code);
  }

  /** The definition of a name in a space, or undefined. */
  getByName(space: string, name: string): OptionDefinition | undefined {
    return this.#tables.get(space)?.byName.get(name);
  }

  /**
   * The universe of a space: fixed for Kea's own spaces, the daemon's for vendor spaces, and for a
   * user's space that of the option encapsulating it, or the daemon's when nothing does.
   */
  universeOf(space: string): Universe {
    return STANDARD_SPACE_UNIVERSES.get(space) ?? this.#userUniverses.get(space) ?? this.universe;
  }

  /** Every space with at least one definition or a standard name, sorted. */
  spaces(): string[] {
    return [...this.#tables.keys()].sort();
  }

  /** The effective definitions of a space, by code (a user definition shadows a vendor one). */
  definitions(space: string): readonly OptionDefinition[] {
    const table = this.#tables.get(space);
    return table ? [...table.byCode.values()].sort((a, b) => a.code - b.code) : EMPTY;
  }

  /** The option-def entries this registry was extended with, in a space ('' for all spaces). */
  userDefinitions(space = ''): readonly OptionDefinition[] {
    if (space !== '') return this.#user.get(space) ?? EMPTY;
    return [...this.#user.values()].flat();
  }

  /** True when a definition is one of Kea's own, not from an option-def entry. */
  isStandard(def: OptionDefinition): boolean {
    return !(this.#user.get(def.space)?.includes(def) ?? false);
  }

  /**
   * A copy with a config's option-def entries added. Throws DhcpConfigError, as Kea refuses the
   * config, when an entry reuses a code or name already defined in its space by another entry, or by
   * Kea in one of its standard spaces. Definitions in vendor spaces shadow Kea's vendor ones, and a
   * definition of option 43 in 'dhcp4' replaces the last-resort one.
   */
  extend(defs: readonly OptionDefinition[], universe: Universe = this.universe): OptionRegistry {
    if (universe !== this.universe) {
      throw new DhcpConfigError(
        `DHCPv${universe} option definitions cannot extend the DHCPv${this.universe} option registry`,
      );
    }
    const user = new Map<string, OptionDefinition[]>();
    for (const [space, list] of this.#user) user.set(space, [...list]);
    for (const def of defs) {
      const list = user.get(def.space) ?? [];
      checkNewDefinition(def, list);
      list.push(def);
      user.set(def.space, list);
    }

    const tables = new Map<string, SpaceTable>();
    for (const [space, table] of this.#tables) {
      tables.set(space, { byCode: new Map(table.byCode), byName: new Map(table.byName) });
    }
    for (const def of defs) addTo(tables, def);

    return new OptionRegistry(this.universe, tables, user, learnUniverses(this, user));
  }
}

function emptyTable(): SpaceTable {
  return { byCode: new Map(), byName: new Map() };
}

function addTo(tables: Map<string, SpaceTable>, def: OptionDefinition): void {
  let table = tables.get(def.space);
  if (!table) {
    table = emptyTable();
    tables.set(def.space, table);
  }
  table.byCode.set(def.code, def);
  table.byName.set(def.name, def);
}

/** Kea's checks, in Kea's order: duplicates among option-def entries, then standard overrides. */
function checkNewDefinition(def: OptionDefinition, sameSpace: readonly OptionDefinition[]): void {
  const space = def.space;
  if (sameSpace.some((other) => other.code === def.code)) {
    throw new DhcpConfigError(
      `option definition with code '${def.code}' already exists in option space '${space}'`,
    );
  }
  if (sameSpace.some((other) => other.name === def.name)) {
    throw new DhcpConfigError(
      `option definition with name '${def.name}' already exists in option space '${space}'`,
    );
  }
  const standard = PROTECTED_SPACES.get(space) ?? EMPTY;
  if (standard.some((other) => other.code === def.code)) {
    throw new DhcpConfigError(
      `unable to override definition of option '${def.code}' in standard option space '${space}'`,
    );
  }
  if (standard.some((other) => other.name === def.name)) {
    throw new DhcpConfigError(
      `unable to override definition of option '${def.name}' in standard option space '${space}'`,
    );
  }
}

/**
 * A user space takes the universe of the space whose option encapsulates it; chains of user spaces
 * resolve from the top down. Standard and vendor spaces keep theirs.
 */
function learnUniverses(
  base: OptionRegistry,
  user: ReadonlyMap<string, readonly OptionDefinition[]>,
): ReadonlyMap<string, Universe> {
  const learnt = new Map<string, Universe>();
  const all = [...user.values()].flat();
  const fixed = (space: string): boolean =>
    STANDARD_SPACE_UNIVERSES.has(space) || vendorIdOfSpace(space) !== undefined;
  const universeOf = (space: string): Universe | undefined =>
    STANDARD_SPACE_UNIVERSES.get(space) ?? learnt.get(space);
  let changed = true;
  while (changed) {
    changed = false;
    for (const def of all) {
      if (def.encapsulate === '' || fixed(def.encapsulate) || learnt.has(def.encapsulate)) continue;
      const outer =
        universeOf(def.space) ?? (vendorIdOfSpace(def.space) !== undefined ? base.universe : undefined);
      if (outer !== undefined) {
        learnt.set(def.encapsulate, outer);
        changed = true;
      }
    }
  }
  return learnt;
}

const STANDARD_REGISTRIES = new Map<Universe, OptionRegistry>();

/** Kea 2.2's standard definitions as a daemon of one universe sees them; built once, immutable. */
export function standardRegistry(universe: Universe): OptionRegistry {
  let registry = STANDARD_REGISTRIES.get(universe);
  if (!registry) {
    registry = OptionRegistry.createStandard(universe);
    STANDARD_REGISTRIES.set(universe, registry);
  }
  return registry;
}
