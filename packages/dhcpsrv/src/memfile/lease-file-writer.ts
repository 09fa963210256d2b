// Appends rows to the current lease file with group commit: every row appended during one
// event-loop turn goes out in a single write(2), in the order appended, and the one promise all
// of them share settles only after that write returned. A process that dies after the promise
// settled has the row in the file (it is in the kernel); `sync` adds fdatasync for power loss.
import { closeSync, existsSync, fdatasync, openSync, renameSync, statSync, write, writeSync } from 'node:fs';
import { getComponentLogger } from '@kea-ts/log';
import { KeaError } from '@kea-ts/util';
import { KEA_ERR_DHCPSRV_CLOSED, KEA_ERR_DHCPSRV_WRITE_FAILED } from '../errors.js';
import { DHCPSRV_MESSAGES as M } from '../messages.js';

const log = getComponentLogger('dhcpsrv');

interface Batch {
  promise: Promise<void>;
  resolve: () => void;
  reject: (e: Error) => void;
  rows: number;
}

function newBatch(): Batch {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject, rows: 0 };
}

/** Opens `path` for appending, writing `header` first when the file is missing or empty (as Kea). */
export function openLeaseFile(path: string, header: string): number {
  let size = 0;
  try {
    size = statSync(path).size;
  } catch {
    // missing: created below
  }
  const fd = openSync(path, 'a', 0o644);
  if (size === 0) writeSync(fd, `${header}\n`);
  return fd;
}

export class LeaseFileWriter {
  private fd: number | null;
  private text = '';
  private batch: Batch | null = null;
  private scheduled = false;
  private busy = false;
  private paused = false;
  private idleWaiters: (() => void)[] = [];
  /** Number of write(2) calls made (tests check the group commit with it). */
  writes = 0;

  constructor(
    readonly path: string,
    private readonly header: string,
    private readonly sync = false,
  ) {
    this.fd = openLeaseFile(path, header);
  }

  /** Queues one row (no newline); the promise settles when it is in the file. */
  append(row: string): Promise<void> {
    if (this.fd === null) return Promise.reject(new KeaError(KEA_ERR_DHCPSRV_CLOSED, 'lease file is closed'));
    this.text += `${row}\n`;
    let b = this.batch;
    if (b === null) {
      b = newBatch();
      this.batch = b;
    }
    b.rows++;
    if (!this.scheduled && !this.busy) {
      this.scheduled = true;
      setImmediate(this.flush);
    }
    return b.promise;
  }

  /** Settles when everything appended so far is written. */
  drain(): Promise<void> {
    if (this.batch !== null) return this.batch.promise;
    if (!this.busy) return Promise.resolve();
    return new Promise((res) => this.idleWaiters.push(res));
  }

  private readonly flush = (): void => {
    this.scheduled = false;
    if (this.busy || this.paused || this.batch === null || this.fd === null) return;
    const batch = this.batch;
    const data = Buffer.from(this.text, 'utf8');
    this.batch = null;
    this.text = '';
    this.writes++;
    if (!this.sync) {
      // An append to the page cache takes microseconds: written here, in the check phase right after
      // the poll phase that read the packets, without a thread-pool round trip (and its wake-up) between
      // the write and the answers. The promise still settles only after write(2) returned.
      let err: Error | null = null;
      try {
        for (let off = 0; off < data.length; ) off += writeSync(this.fd, data, off, data.length - off);
      } catch (e) {
        err = e as Error;
      }
      this.settle(batch, err);
      return;
    }
    this.busy = true;
    this.writeAll(this.fd, data, 0, (err) => {
      this.busy = false;
      this.settle(batch, err);
      if (this.batch !== null && !this.paused) this.flush();
      else this.wakeIdle();
    });
  };

  private settle(batch: Batch, err: Error | null): void {
    if (err) {
      log.error(M.DHCPSRV_MEMFILE_WRITE_FAIL, batch.rows, this.path, err.message);
      batch.reject(new KeaError(KEA_ERR_DHCPSRV_WRITE_FAILED, `writing to ${this.path}: ${err.message}`));
    } else batch.resolve();
  }

  private writeAll(fd: number, data: Buffer, offset: number, done: (err: Error | null) => void): void {
    write(fd, data, offset, data.length - offset, null, (err, n) => {
      if (err) return done(err);
      if (offset + n < data.length) return this.writeAll(fd, data, offset + n, done);
      if (this.sync) fdatasync(fd, (e) => done(e));
      else done(null);
    });
  }

  private wakeIdle(): void {
    if (this.busy) return;
    const w = this.idleWaiters;
    this.idleWaiters = [];
    for (const f of w) f();
  }

  private idle(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((res) => this.idleWaiters.push(res));
  }

  /**
   * Kea's LFC hand-over: once the write in flight is done, renames the current file to `target`
   * and starts a new one holding only the header. Rows appended meanwhile wait and go to the
   * new file. Returns the rename error, if any (the file is reopened either way).
   */
  async rotate(target: string): Promise<Error | null> {
    this.paused = true;
    await this.idle();
    let failure: Error | null = null;
    try {
      if (this.fd !== null) closeSync(this.fd);
      this.fd = null;
      try {
        renameSync(this.path, target);
      } catch (e) {
        failure = e as Error;
      }
      this.fd = openLeaseFile(this.path, this.header);
    } finally {
      this.paused = false;
      if (this.batch !== null && this.fd === null) {
        const b = this.batch;
        this.batch = null;
        this.text = '';
        b.reject(new KeaError(KEA_ERR_DHCPSRV_CLOSED, `lease file ${this.path} could not be reopened`));
      } else if (this.batch !== null) this.flush();
    }
    return failure;
  }

  /** Writes what is queued, then closes the file. */
  async close(): Promise<void> {
    if (this.fd === null) return;
    await this.drain().catch(() => undefined);
    await this.idle();
    const fd = this.fd;
    this.fd = null;
    if (fd !== null) closeSync(fd);
  }

  get isOpen(): boolean {
    return this.fd !== null;
  }
}

export function fileExists(path: string): boolean {
  return existsSync(path);
}
