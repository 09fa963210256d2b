// One client's packets are processed one at a time (a retransmitted REQUEST must not race the first),
// while different clients run concurrently. Keyed by client id when present, else by hardware address;
// a queue of waiting tasks per key, removed when the last holder leaves so the map stays small.

export class ClientLock {
  /** A key is held while it is in the map; its array holds the wake-ups of the tasks waiting, in order. */
  private readonly waiting = new Map<string, (() => void)[]>();

  get size(): number {
    return this.waiting.size;
  }

  /** Runs `fn` after every earlier task of the same key settled. */
  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const queue = this.waiting.get(key);
    // The usual case, a key nobody holds, costs one map entry and no extra promise.
    if (queue === undefined) this.waiting.set(key, []);
    else await new Promise<void>((wake) => queue.push(wake));
    try {
      return await fn();
    } finally {
      const q = this.waiting.get(key);
      const next = q?.shift();
      // The next task inherits the key; the last one out removes it.
      if (next === undefined) this.waiting.delete(key);
      else next();
    }
  }
}

/** The lock key of a query: both identities, so a client changing neither races nobody. */
export function clientKey(hwaddr: Uint8Array, clientId: Uint8Array | undefined): string {
  const hw = Buffer.from(hwaddr.buffer, hwaddr.byteOffset, hwaddr.length).toString('latin1');
  if (clientId === undefined || clientId.length === 0) return `h${hw}`;
  return `c${Buffer.from(clientId.buffer, clientId.byteOffset, clientId.length).toString('latin1')}`;
}
