// The callout handle passed to every callout, and the runner that calls all callouts of a hook point.
import { type HookPoint, NextStep } from './hook-point.js';
import type { ParkingLotHandle } from './parking-lot.js';

/**
 * What a callout sees: the arguments of the hook point, the next step it may change, a context private to
 * its library that lives as long as the handle (one handle follows one packet across hook points), and the
 * parking lot of the point being called.
 */
export class CalloutHandle<A> {
  next: NextStep = NextStep.CONTINUE;
  /** Name of the hook point being called. */
  hookName = '';
  parkingLot: ParkingLotHandle<object> | null = null;
  /** Set by the bound callout wrapper before each callout runs; identifies the library. */
  currentLibrary: object | null = null;
  private contexts: Map<object, Map<string, unknown>> | null = null;

  constructor(public args: A) {}

  /** The calling library's own context map (created on first use). */
  get context(): Map<string, unknown> {
    const lib = this.currentLibrary ?? this;
    this.contexts ??= new Map();
    let ctx = this.contexts.get(lib);
    if (ctx === undefined) {
      ctx = new Map();
      this.contexts.set(lib, ctx);
    }
    return ctx;
  }

  /** Kea's setContext/getContext, for libraries written against that style. */
  setContext(name: string, value: unknown): void {
    this.context.set(name, value);
  }

  getContext<T = unknown>(name: string): T | undefined {
    return this.context.get(name) as T | undefined;
  }

  deleteAllContext(): void {
    if (this.currentLibrary !== null) this.contexts?.delete(this.currentLibrary);
  }
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return v !== null && typeof v === 'object' && typeof (v as PromiseLike<unknown>).then === 'function';
}

function prepare<A>(point: HookPoint<A>, args: A, handle?: CalloutHandle<unknown>): CalloutHandle<A> {
  let h: CalloutHandle<A>;
  if (handle === undefined) {
    h = new CalloutHandle(args);
  } else {
    h = handle as CalloutHandle<A>;
    h.args = args;
  }
  // As in Kea, every call starts from CONTINUE so no state leaks from the previous hook point.
  h.next = NextStep.CONTINUE;
  h.hookName = point.name;
  h.parkingLot = point.parkingLot;
  return h;
}

async function finish<A>(
  callouts: ReadonlyArray<(h: CalloutHandle<A>) => unknown>,
  from: number,
  pending: PromiseLike<unknown>,
  h: CalloutHandle<A>,
): Promise<CalloutHandle<A>> {
  await pending;
  for (let i = from; i < callouts.length; i++) await callouts[i]!(h);
  return h;
}

/**
 * Calls every callout of the point in order, as Kea does: a callout setting SKIP or DROP does not stop the
 * later ones, and the final next step is whatever the last callout left. Runs synchronously while the
 * callouts are synchronous and returns the handle itself; switches to a Promise at the first callout that
 * returns one. Exceptions are caught and logged by the callout wrappers the hooks manager installs.
 */
export function runCallouts<A>(
  point: HookPoint<A>,
  args: A,
  handle?: CalloutHandle<unknown>,
): CalloutHandle<A> | Promise<CalloutHandle<A>> {
  const h = prepare(point, args, handle);
  const callouts = point.callouts;
  if (callouts === null) return h;
  for (let i = 0; i < callouts.length; i++) {
    const r = callouts[i]!(h);
    if (r !== undefined && isThenable(r)) return finish(callouts, i + 1, r, h);
  }
  return h;
}

/** Async form of runCallouts. Hot paths test `point.callouts !== null` first and use runCallouts. */
export async function callHook<A>(
  point: HookPoint<A>,
  args: A,
  handle?: CalloutHandle<unknown>,
): Promise<CalloutHandle<A>> {
  return runCallouts(point, args, handle);
}
