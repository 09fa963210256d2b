// What the v4 and v6 memfile managers share: the lease table keyed by address, the subnet,
// hostname and expiration indexes, per-subnet counters, loading at open (Kea's file order) and
// the group-committed lease file. Stored leases are frozen copies, so a lookup hands out the
// stored object itself without copying and nobody can change it behind the indexes' back.
import { existsSync } from 'node:fs';
import { getComponentLogger } from '@kea-ts/log';
import { KeaError } from '@kea-ts/util';
import { KEA_ERR_DHCPSRV_LFC_RUNNING, KEA_ERR_DHCPSRV_NO_SUCH_LEASE } from '../errors.js';
import { LEASE_STATE_EXPIRED_RECLAIMED } from '../lease/lease.js';
import type { LeaseStatsRow } from '../lease/lease-mgr.js';
import { DHCPSRV_MESSAGES as M } from '../messages.js';
import { type LeaseCodec, loadLeaseFile } from './lease-file-loader.js';
import { LeaseFileWriter } from './lease-file-writer.js';
import { lfcFileNames, pidFileIsLive } from './lfc-files.js';
import { LfcRunner } from './lfc-runner.js';
import type { ResolvedMemfileOptions } from './memfile-options.js';
import { ExpiryHeap, MultiMap } from './multi-map.js';

const log = getComponentLogger('dhcpsrv');
const RESOLVED = Promise.resolve();

export interface MemfileLease {
  cltt: number;
  validLifetime: number;
  subnetId: number;
  hostname: string;
  state: number;
}

export abstract class MemfileBase<L extends MemfileLease, K extends number | string> {
  readonly type = 'memfile';
  protected readonly leases = new Map<K, L>();
  private readonly byHostname = new MultiMap<string, L>();
  private readonly active = new ExpiryHeap<L>();
  private readonly reclaimed = new ExpiryHeap<L>();
  /** subnet -> counts at [type * 3 + state] for states 0..2. */
  private readonly counts = new Map<number, Int32Array>();
  private sorted: L[] | null = null;
  protected writer: LeaseFileWriter | null = null;
  /** Present when leases persist and cleanup is configured (or a conversion is due). */
  lfc: LfcRunner | null = null;
  protected readonly now: () => number;

  protected constructor(
    protected readonly codec: LeaseCodec<L>,
    protected readonly options: ResolvedMemfileOptions,
  ) {
    this.now = options.clock;
  }

  protected abstract keyOf(lease: Readonly<L>): K;
  /**
   * The copy the table keeps. Identifiers that came from a packet are views of the whole received
   * datagram: the copy owns its bytes, so a stored lease does not keep its packet alive for its life.
   */
  protected abstract storedCopy(lease: Readonly<L>): L;
  protected abstract typeOf(lease: Readonly<L>): number;
  protected abstract indexAdd(lease: L): void;
  protected abstract indexRemove(lease: L): void;
  protected abstract compare(a: L, b: L): number;
  protected abstract describe(lease: Readonly<L>): string;

  /** Kea's loadLeasesFromFiles + lfcSetup; called once by the family's open(). */
  protected load(): void {
    const file = this.options.file;
    log.info(M.DHCPSRV_MEMFILE_DB, file === null ? 'persist=false' : `name=${file}`);
    if (file === null) {
      log.warn(M.DHCPSRV_MEMFILE_NO_STORAGE);
      return;
    }
    const f = lfcFileNames(file);
    if (pidFileIsLive(f.pid)) {
      throw new KeaError(
        KEA_ERR_DHCPSRV_LFC_RUNNING,
        'unable to load leases from files while the lease file cleanup is in progress',
      );
    }
    const target = { put: (l: L) => this.put(l), erase: (l: L) => this.erase(l) };
    const max = this.options.maxRowErrors;
    let conversion = false;
    const loadOne = (path: string) => {
      const r = loadLeaseFile(path, this.codec, target, max);
      if (r.layout !== undefined && r.layout.state !== 'current') conversion = true;
    };
    if (existsSync(f.finish)) loadOne(f.finish);
    else {
      if (existsSync(f.previous)) loadOne(f.previous);
      if (existsSync(f.input)) loadOne(f.input);
    }
    if (existsSync(file)) loadOne(file);
    this.writer = new LeaseFileWriter(file, this.codec.schema.header, this.options.sync);
    if (conversion) {
      log.warn(M.DHCPSRV_MEMFILE_CONVERTING_LEASE_FILES, this.codec.version[0], this.codec.version[1]);
    }
    if (this.options.lfcInterval > 0 || conversion) {
      this.lfc = new LfcRunner({
        family: this.codec.family,
        name: file,
        executable: this.options.lfcExecutable,
        interval: this.options.lfcInterval,
        writer: () => this.writer,
        onWriterLost: () => {
          this.writer = null;
        },
      });
      this.lfc.start(conversion);
    }
  }

  // Load-time table operations: replace or forget whatever the address held.
  private put(lease: L): void {
    const old = this.leases.get(this.keyOf(lease));
    if (old !== undefined) this.remove(old);
    this.insert(Object.freeze(lease));
  }

  private erase(lease: L): void {
    const old = this.leases.get(this.keyOf(lease));
    if (old !== undefined) this.remove(old);
  }

  private insert(lease: L): void {
    const key = this.keyOf(lease);
    if (!this.leases.has(key)) this.sorted = null;
    this.leases.set(key, lease);
    if (lease.hostname !== '') this.byHostname.add(lease.hostname, lease);
    if (lease.state === LEASE_STATE_EXPIRED_RECLAIMED) this.reclaimed.push(lease);
    else this.active.push(lease);
    this.tally(lease, 1);
    this.indexAdd(lease);
    if (this.active.size + this.reclaimed.size > 2 * this.leases.size + 4096) this.rebuildHeaps();
  }

  private remove(lease: L): void {
    this.leases.delete(this.keyOf(lease));
    this.sorted = null;
    if (lease.hostname !== '') this.byHostname.remove(lease.hostname, lease);
    this.tally(lease, -1);
    this.indexRemove(lease);
    // The heaps drop it lazily: an entry counts only while it is the stored object.
  }

  private tally(lease: L, delta: number): void {
    if (lease.state > 2) return;
    let c = this.counts.get(lease.subnetId);
    if (c === undefined) {
      c = new Int32Array(9);
      this.counts.set(lease.subnetId, c);
    }
    c[this.typeOf(lease) * 3 + lease.state]! += delta;
  }

  private rebuildHeaps(): void {
    const live = [...this.leases.values()];
    this.active.rebuild(live.filter((l) => l.state !== LEASE_STATE_EXPIRED_RECLAIMED));
    this.reclaimed.rebuild(live.filter((l) => l.state === LEASE_STATE_EXPIRED_RECLAIMED));
  }

  private isStored(lease: L): boolean {
    return this.leases.get(this.keyOf(lease)) === lease;
  }

  private persist(lease: Readonly<L>, valid?: number): Promise<void> {
    const w = this.writer;
    return w === null ? RESOLVED : w.append(this.codec.format(lease, valid));
  }

  async add(lease: Readonly<L>): Promise<boolean> {
    if (this.leases.has(this.keyOf(lease))) return false;
    if (this.writer !== null) this.codec.check(lease);
    const copy = Object.freeze(this.storedCopy(lease));
    const written = this.persist(copy);
    this.insert(copy);
    await written;
    return true;
  }

  async update(lease: Readonly<L>): Promise<void> {
    const old = this.leases.get(this.keyOf(lease));
    if (old === undefined) {
      throw new KeaError(
        KEA_ERR_DHCPSRV_NO_SUCH_LEASE,
        `failed to update the lease with address ${this.describe(lease)} - no such lease`,
      );
    }
    if (this.writer !== null) this.codec.check(lease);
    const copy = Object.freeze(this.storedCopy(lease));
    const written = this.persist(copy);
    this.remove(old);
    this.insert(copy);
    return written;
  }

  async delete(lease: Readonly<L>): Promise<boolean> {
    const old = this.leases.get(this.keyOf(lease));
    if (old === undefined) return false;
    // Kea records a delete as the stored lease with valid_lifetime 0.
    const written = this.persist(old, 0);
    this.remove(old);
    await written;
    return true;
  }

  async getExpired(limit: number, now = this.now()): Promise<readonly L[]> {
    const out: L[] = [];
    const heap = this.active;
    while ((limit === 0 || out.length < limit) && heap.size > 0) {
      const top = heap.peek()!;
      if (top.cltt + top.validLifetime > now) break;
      heap.pop();
      if (this.isStored(top) && top.state !== LEASE_STATE_EXPIRED_RECLAIMED) out.push(top);
    }
    // They stay expired until the caller reclaims them (which stores new objects).
    for (const l of out) heap.push(l);
    return out;
  }

  async deleteExpiredReclaimed(secs: number, now = this.now()): Promise<number> {
    const limit = now - secs;
    const heap = this.reclaimed;
    const doomed: L[] = [];
    while (heap.size > 0) {
      const top = heap.peek()!;
      if (top.cltt + top.validLifetime > limit) break;
      heap.pop();
      if (this.isStored(top) && top.state === LEASE_STATE_EXPIRED_RECLAIMED) doomed.push(top);
    }
    if (doomed.length > 0) log.debug(50, M.DHCPSRV_MEMFILE_DELETE_EXPIRED_RECLAIMED_START, doomed.length);
    let last: Promise<void> = RESOLVED;
    for (const l of doomed) {
      last = this.persist(l, 0);
      this.remove(l);
    }
    await last;
    return doomed.length;
  }

  // Subnet queries are commands, not the packet path: a scan costs a few milliseconds at 200k leases,
  // where an index cost every lease a set entry for the daemon's whole life.
  private inSubnet(subnetId: number): L[] {
    const out: L[] = [];
    for (const l of this.leases.values()) if (l.subnetId === subnetId) out.push(l);
    return out;
  }

  async getBySubnet(subnetId: number): Promise<readonly L[]> {
    return this.inSubnet(subnetId).sort((a, b) => this.compare(a, b));
  }

  async getByHostname(hostname: string): Promise<readonly L[]> {
    return this.byHostname.get(hostname);
  }

  /** Every lease in address order; the sorted view is cached until an address comes or goes. */
  protected sortedLeases(): L[] {
    if (this.sorted === null) this.sorted = [...this.leases.values()].sort((a, b) => this.compare(a, b));
    else if (this.sorted.some((l) => !this.isStored(l))) {
      // Updates keep the address set but store new objects: refresh them in place.
      this.sorted = this.sorted.map((l) => this.leases.get(this.keyOf(l))!);
    }
    return this.sorted;
  }

  async getAll(): Promise<readonly L[]> {
    return this.sortedLeases().slice();
  }

  count(): number {
    return this.leases.size;
  }

  async getStats(subnetId?: number): Promise<LeaseStatsRow[]> {
    const ids = subnetId === undefined ? [...this.counts.keys()].sort((a, b) => a - b) : [subnetId];
    const rows: LeaseStatsRow[] = [];
    for (const id of ids) {
      const c = this.counts.get(id);
      if (c === undefined) continue;
      for (let i = 0; i < 9; i++) {
        if (c[i]! > 0) rows.push({ subnetId: id, type: Math.floor(i / 3), state: i % 3, count: c[i]! });
      }
    }
    return rows;
  }

  async wipe(subnetId: number): Promise<number> {
    const doomed = this.inSubnet(subnetId);
    let last: Promise<void> = RESOLVED;
    for (const l of doomed) {
      last = this.persist(l, 0);
      this.remove(l);
    }
    await last;
    return doomed.length;
  }

  commit(): Promise<void> {
    return this.writer === null ? RESOLVED : this.writer.drain();
  }

  /** The lease file in use, or null with persist false. */
  get fileName(): string | null {
    return this.options.file;
  }

  /** Number of write(2) calls made on the lease file so far. */
  get fileWrites(): number {
    return this.writer?.writes ?? 0;
  }

  async close(): Promise<void> {
    this.lfc?.stop();
    await this.writer?.close();
  }
}
