// Hook points: declared next to the code that calls them, in a closed list per daemon. The callout array
// is built once when libraries are loaded and is null when no library uses the point, so an unused
// point costs one null check per packet.
import type { CalloutHandle } from './callout-handle.js';
import { ERR_HOOKS_DUPLICATE_POINT, ERR_HOOKS_UNKNOWN_POINT, hooksError } from './errors.js';
import { ParkingLot } from './parking-lot.js';

/** Kea's next-step status a callout leaves in the handle (a real enum so JavaScript libraries can use it). */
export enum NextStep {
  CONTINUE = 0,
  SKIP = 1,
  DROP = 2,
  PARK = 3,
}

/** A callout may return a non-zero number to report an error (logged, otherwise ignored, as in Kea). */
// biome-ignore lint/suspicious/noConfusingVoidType: callouts are plain functions that may return nothing
export type CalloutResult = void | number | undefined;
export type Callout<A> = (handle: CalloutHandle<A>) => CalloutResult | Promise<CalloutResult>;

export interface HookPoint<A> {
  readonly name: string;
  /** Set by the hooks manager at load time; null when no library registered a callout. */
  callouts: Callout<A>[] | null;
  /** Objects (packets) parked by callouts of this point. */
  readonly parkingLot: ParkingLot<object>;
}

/** The closed list of hook points of one daemon. */
export class HookPointRegistry {
  private readonly points = new Map<string, HookPoint<unknown>>();

  /** Declares a hook point; a second declaration of the same name is a programming error. */
  define<A>(name: string): HookPoint<A> {
    if (this.points.has(name)) {
      throw hooksError(ERR_HOOKS_DUPLICATE_POINT, `hook point '${name}' is already defined`);
    }
    const point: HookPoint<A> = { name, callouts: null, parkingLot: new ParkingLot<object>() };
    this.points.set(name, point as HookPoint<unknown>);
    return point;
  }

  get(name: string): HookPoint<unknown> | undefined {
    return this.points.get(name);
  }

  /** Like get, but an unknown name is an error (Kea: NoSuchHook). */
  require(name: string): HookPoint<unknown> {
    const point = this.points.get(name);
    if (point === undefined) throw hooksError(ERR_HOOKS_UNKNOWN_POINT, `no hook point named '${name}'`);
    return point;
  }

  has(name: string): boolean {
    return this.points.has(name);
  }

  names(): string[] {
    return [...this.points.keys()];
  }

  all(): IterableIterator<HookPoint<unknown>> {
    return this.points.values();
  }
}

/** The registry of this process; a daemon is one process, as in Kea. */
export const defaultRegistry = new HookPointRegistry();

/** Declares a hook point in the process registry. */
export function defineHookPoint<A>(name: string): HookPoint<A> {
  return defaultRegistry.define<A>(name);
}
