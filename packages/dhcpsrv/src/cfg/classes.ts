// Client classes as the engines use them (Kea's ClientClassDictionary): the global list in definition
// order with compiled tests, the guards (client-class) and late classes (require-client-classes) of
// networks, subnets and pools, and the per-packet class set with Kea's insertion order.

import type { OptionDefinition } from '@kea-ts/dhcp';
import type { BoolExpression } from '@kea-ts/eval';
import type { CfgOption } from './types.js';

/** A lifetime triplet of a class; undefined when the class sets none of the three keys. */
export interface ClassLifetime {
  readonly value: number;
  readonly min: number;
  readonly max: number;
}

export interface ClientClassDef {
  readonly name: string;
  /** The test as written; undefined when the class has none (it is then only assigned by name). */
  readonly testText?: string;
  readonly test?: BoolExpression;
  /**
   * Where the compiled test leaves an evaluation error (the test then answers false): the engines
   * clear it before evaluating and log Kea's EVAL_RESULT error line when it is set afterwards.
   */
  readonly failure: { error: unknown };
  readonly onlyIfRequired: boolean;
  /** The test reads KNOWN/UNKNOWN, directly or through member() of a class that does. */
  readonly dependsOnKnown: boolean;
  readonly options: readonly CfgOption[];
  readonly optionDefs: readonly { def: OptionDefinition; userContext?: Record<string, unknown> }[];
  /** v4 boot fields; 0 / '' when unset. */
  readonly nextServer: number;
  readonly serverHostname: string;
  readonly bootFileName: string;
  readonly valid?: ClassLifetime;
  readonly preferred?: ClassLifetime;
  /** The lifetime keys as given (config-get prints only those). */
  readonly lifetimeKeys: Readonly<Record<string, number>>;
  readonly userContext?: Record<string, unknown>;
}

export class ClassDictionary {
  private readonly byName = new Map<string, ClientClassDef>();
  /** Early (not only-if-required) classes with a test and no KNOWN dependency, in order. */
  readonly early: readonly ClientClassDef[];
  /** Early classes whose test depends on KNOWN/UNKNOWN (evaluated after the host lookup). */
  readonly afterHost: readonly ClientClassDef[];
  /** Classes carrying options, fixed fields or lifetimes: the only ones later steps need to look at. */
  readonly hasOptions: boolean;

  constructor(readonly list: readonly ClientClassDef[]) {
    for (const c of list) this.byName.set(c.name, c);
    const early = list.filter((c) => c.test !== undefined && !c.onlyIfRequired);
    this.early = early.filter((c) => !c.dependsOnKnown);
    this.afterHost = early.filter((c) => c.dependsOnKnown);
    this.hasOptions = list.some((c) => c.options.length > 0);
  }

  get(name: string): ClientClassDef | undefined {
    return this.byName.get(name);
  }

  get size(): number {
    return this.list.length;
  }
}

export const EMPTY_CLASSES = new ClassDictionary([]);

/** Kea's isClientClassBuiltIn: names and prefixes the servers (or hooks) assign themselves. */
export function isBuiltInClass(name: string): boolean {
  if (name === 'ALL' || name === 'KNOWN' || name === 'UNKNOWN' || name === 'BOOTP') return true;
  for (const p of ['VENDOR_CLASS_', 'HA_', 'AFTER_', 'EXTERNAL_']) {
    if (name.length > p.length && name.startsWith(p)) return true;
  }
  return false;
}

/** The guard and late classes of a network, subnet, pool or pd-pool. */
export interface ClassGuard {
  /** client-class: only packets in this class may use the scope; undefined for everyone. */
  readonly clientClass?: string;
  /** require-client-classes, evaluated after subnet (and pool) selection. */
  readonly requireClasses: readonly string[];
}

/** The classes of one packet: an ordered set, as Kea's ClientClasses (toText joins with ", "). */
export class PacketClasses {
  readonly names: string[] = [];
  private readonly set = new Set<string>();

  add(name: string): void {
    if (this.set.has(name)) return;
    this.set.add(name);
    this.names.push(name);
  }

  has(name: string): boolean {
    return this.set.has(name);
  }

  /** Takes out the classes `drop` names, the others keep their order. */
  removeWhere(drop: (name: string) => boolean): void {
    const keep = this.names.filter((n) => !drop(n));
    this.names.length = 0;
    this.set.clear();
    for (const n of keep) this.add(n);
  }

  toText(): string {
    return this.names.join(', ');
  }
}

/** Kea's Network::clientSupported for a scope, and for a subnet its shared network too. */
export function guardAllows(guard: ClassGuard, classes: { has(name: string): boolean }): boolean {
  return guard.clientClass === undefined || classes.has(guard.clientClass);
}

/**
 * Kea's Subnet::getNextSubnet (v4 and v6 alike): the sibling after `current`, wrapping, null when back
 * at `first`; with the packet's classes, siblings guarded by a class the packet lacks are passed over.
 */
export function nextSubnet<
  S extends ClassGuard & { readonly sharedNetwork?: { readonly subnets: readonly S[] } },
>(first: S, current: S, classes?: { has(name: string): boolean }): S | null {
  const net = first.sharedNetwork;
  if (net === undefined) return null;
  const list = net.subnets;
  let at = list.indexOf(current);
  if (at < 0) return null;
  for (;;) {
    at = (at + 1) % list.length;
    const next = list[at]!;
    if (next === first) return null;
    if (classes === undefined || guardAllows(next, classes)) return next;
  }
}

/** The first class of the packet (in its order) that sets a lifetime triplet of that kind. */
export function classLifetime(
  dict: ClassDictionary,
  classes: PacketClasses | undefined,
  kind: 'valid' | 'preferred',
): ClassLifetime | undefined {
  if (classes === undefined || dict.size === 0) return undefined;
  for (const name of classes.names) {
    const t = dict.get(name)?.[kind];
    if (t !== undefined) return t;
  }
  return undefined;
}

/** Kea's Triplet::get(hint): the hint within [min, max], or the default when there is none. */
export function tripletGet(t: ClassLifetime, hint: number): number {
  if (hint <= 0) return t.value;
  return Math.max(t.min, Math.min(t.max, hint));
}
