// Parking lots (Kea's ParkingLot): a packet whose processing waits for a callout's asynchronous work
// is parked with the function that resumes it; callouts reference it and unpark it when done.
import { ERR_HOOKS_PARKING, hooksError } from './errors.js';

interface Parked {
  refcount: number;
  resume: () => void;
}

/** What a callout may do with a parking lot: everything but park. */
export interface ParkingLotHandle<T extends object = object> {
  reference(obj: T): number;
  dereference(obj: T): number;
  unpark(obj: T): boolean;
  drop(obj: T): boolean;
}

export class ParkingLot<T extends object = object> implements ParkingLotHandle<T> {
  // Keyed by identity: the parked object is the packet itself.
  private readonly parked = new Map<T, Parked>();

  /** Number of parked objects. */
  get size(): number {
    return this.parked.size;
  }

  has(obj: T): boolean {
    return this.parked.has(obj);
  }

  /** Parks an object with reference count 0; `resume` runs when it is unparked. */
  park(obj: T, resume: () => void): void {
    if (this.parked.has(obj)) throw hooksError(ERR_HOOKS_PARKING, 'object is already parked');
    this.parked.set(obj, { refcount: 0, resume });
  }

  /** A callout announces pending work on a parked object; returns the new count. */
  reference(obj: T): number {
    const p = this.parked.get(obj);
    if (p === undefined) throw hooksError(ERR_HOOKS_PARKING, 'cannot reference an object that is not parked');
    return ++p.refcount;
  }

  /** Withdraws a reference without unparking; returns the new count. */
  dereference(obj: T): number {
    const p = this.parked.get(obj);
    if (p === undefined) {
      throw hooksError(ERR_HOOKS_PARKING, 'cannot dereference an object that is not parked');
    }
    return --p.refcount;
  }

  /**
   * Drops one reference (all of them with `force`); when none is left the object leaves the lot and its
   * resume function runs. False when the object is not parked here.
   */
  unpark(obj: T, force = false): boolean {
    const p = this.parked.get(obj);
    if (p === undefined) return false;
    p.refcount = force ? 0 : p.refcount - 1;
    if (p.refcount <= 0) {
      this.parked.delete(obj);
      p.resume();
    }
    return true;
  }

  /** Removes a parked object without resuming it (the packet is dropped). */
  drop(obj: T): boolean {
    return this.parked.delete(obj);
  }

  /** Forgets every parked object without resuming any (library reload, shutdown). */
  clear(): void {
    this.parked.clear();
  }
}
