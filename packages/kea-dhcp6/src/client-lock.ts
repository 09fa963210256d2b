// One client's packets are processed one at a time (a retransmitted REQUEST must not race the first),
// while different clients run concurrently. Keyed by the client's DUID; a chain of promises per key,
// removed when the last holder leaves so the map stays small.

export class ClientLock {
  private readonly tails = new Map<string, Promise<void>>();

  get size(): number {
    return this.tails.size;
  }

  /** Runs `fn` after every earlier task of the same key settled. */
  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key);
    let release!: () => void;
    const mine = new Promise<void>((r) => {
      release = r;
    });
    const tail = previous ? previous.then(() => mine) : mine;
    this.tails.set(key, tail);
    try {
      if (previous) await previous;
      return await fn();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
