// The class evaluations both engines run, with Kea's logging: a class test (EVAL_RESULT: a match at
// INFO, a miss at debug, an evaluation error at ERROR), the early and after-host passes over the
// dictionary, and required classification over the require-client-classes lists of the scopes of a
// query (shared network, subnet, pools), each class once, classes without a test simply assigned.
import type { EvalContext } from '@kea-ts/eval';
import { defineMessages, type Logger } from '@kea-ts/log';
import { type ClassDictionary, type ClientClassDef, PacketClasses } from './classes.js';

export const CLASSIFY_MESSAGES = defineMessages({
  EVAL_RESULT: 'Expression %1 evaluated to %2',
});

/** The server's own message ids and levels for the lines classification writes. */
export interface ClassifyLog {
  readonly log: Logger;
  /** Where EVAL_RESULT goes: kea-dhcp4.options in Kea 2.2's DHCPv4 server, kea-dhcp6.dhcp6 in its DHCPv6 one. */
  readonly evalLog: Logger;
  /** DBG_DHCPx_BASIC and DBG_DHCPx_DETAIL. */
  readonly basic: number;
  readonly detail: number;
  /** DHCPx_CLASS_UNDEFINED and DHCPx_CLASS_UNTESTABLE. */
  readonly undefinedId: string;
  readonly untestableId: string;
  /** DHCPx_CLASS_ASSIGNED. */
  readonly assignedId: string;
}

/** One class test; the class is added when it matches. */
export function runClassTest(
  def: ClientClassDef,
  ctx: EvalContext,
  classes: PacketClasses,
  out: ClassifyLog,
): void {
  def.failure.error = undefined;
  const matched = def.test!.evaluate(ctx);
  const failed = def.failure.error;
  if (failed !== undefined) {
    out.evalLog.error(CLASSIFY_MESSAGES.EVAL_RESULT, def.name, (failed as Error).message ?? String(failed));
  } else if (matched) {
    // Kea 2.2 writes a match at INFO (later versions moved it to debug).
    out.evalLog.info(CLASSIFY_MESSAGES.EVAL_RESULT, def.name, 1);
    classes.add(def.name);
  } else {
    out.evalLog.debug(out.detail, CLASSIFY_MESSAGES.EVAL_RESULT, def.name, 0);
  }
}

/** Every test of a pass (dict.early or dict.afterHost), in definition order. */
export function runClassPass(
  pass: readonly ClientClassDef[],
  ctx: () => EvalContext,
  classes: PacketClasses,
  out: ClassifyLog,
): void {
  if (pass.length === 0) return;
  const c = ctx();
  for (const def of pass) runClassTest(def, c, classes, out);
}

/**
 * The pass Kea runs once the host lookup is done. `reserved`: the reservation's classes when Kea uses
 * them at this point (a global reservation, or one in a subnet outside any shared network): the
 * classes a test gave are taken back, the reserved ones added and the early tests run again, so a
 * test such as "not member('x')" sees a reserved x. Then KNOWN or UNKNOWN, the tests reading them,
 * and the class list logged; true when the packet is now in DROP.
 */
export function runAfterHostPass(
  dict: ClassDictionary,
  classes: PacketClasses,
  known: boolean,
  reserved: readonly string[] | null,
  ctx: () => EvalContext,
  out: ClassifyLog,
  label: { toString(): string },
): boolean {
  if (reserved !== null && reserved.length > 0) {
    classes.removeWhere((n) => dict.get(n)?.test !== undefined);
    for (const name of reserved) classes.add(name);
    runClassPass(dict.early, ctx, classes, out);
  }
  const builtIn = known ? 'KNOWN' : 'UNKNOWN';
  classes.add(builtIn);
  out.log.debug(out.basic, out.assignedId, label, builtIn);
  runClassPass(dict.afterHost, ctx, classes, out);
  if (out.log.isDebugEnabled(out.basic))
    out.log.debug(out.basic, out.assignedId, String(label), classes.toText());
  return classes.has('DROP');
}

interface ReservationClasses {
  readonly subnetId: number;
  readonly clientClasses: readonly string[];
}

/**
 * Which reservation classes Kea applies right after the host lookup: a global reservation's, or a
 * subnet reservation's when the subnet is in no shared network (it cannot change any more).
 */
export function reservedClassesNow(
  host: ReservationClasses | null,
  inSharedNetwork: boolean,
): readonly string[] | null {
  return host !== null && (host.subnetId === 0 || !inSharedNetwork) ? host.clientClasses : null;
}

/** Kea's conditionallySetReservedClientClasses: a subnet reservation's classes in a shared network, once the subnet is final. */
export function addReservedClassesLate(
  host: ReservationClasses | null,
  inSharedNetwork: boolean,
  classes: PacketClasses,
): void {
  if (host === null || host.subnetId === 0 || !inSharedNetwork) return;
  for (const name of host.clientClasses) classes.add(name);
}

/** Kea's requiredClassify over the given require-client-classes lists, most general first. */
export function runRequiredClasses(
  dict: ClassDictionary,
  lists: readonly (readonly string[])[],
  ctx: () => EvalContext,
  classes: PacketClasses,
  out: ClassifyLog,
): void {
  let total = 0;
  for (const l of lists) total += l.length;
  if (total === 0) return;
  const wanted = new PacketClasses();
  for (const l of lists) for (const n of l) wanted.add(n);
  let c: EvalContext | null = null;
  for (const name of wanted.names) {
    const def = dict.get(name);
    if (def === undefined) {
      out.log.debug(out.basic, out.undefinedId, name);
    } else if (def.test === undefined) {
      out.log.debug(out.basic, out.untestableId, name);
      classes.add(name);
    } else {
      c ??= ctx();
      runClassTest(def, c, classes, out);
    }
  }
}
