// A log file with Kea's rotation (maxsize/maxver: file -> file.1 -> ... -> file.N, oldest dropped) and
// Kea's flush flag (true: written with a synchronous write before the log call returns; false: buffered
// and written on the next event-loop turn, when 64 KiB are pending, or at flushSync()/exit).

import { closeSync, existsSync, fstatSync, openSync, renameSync, writeSync } from 'node:fs';

/** Kea ignores maxsize values below this (rotation disabled). */
export const MIN_ROTATE_SIZE = 204800;
export const DEFAULT_MAXSIZE = 10240000;
export const DEFAULT_MAXVER = 1;
const MAX_PENDING = 65536;

export interface FileSinkOptions {
  maxsize: number;
  maxver: number;
  flush: boolean;
}

export class FileSink {
  private fd: number;
  private size: number;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private scheduled = false;
  private failed = false;

  /** Opens (creating, appending) the file now, so a bad path fails the configuration that names it. */
  constructor(
    readonly path: string,
    readonly options: FileSinkOptions,
    private readonly onError: (what: string, err: unknown) => void,
  ) {
    this.fd = openSync(path, 'a', 0o644);
    this.size = fstatSync(this.fd).size;
  }

  write(line: string): void {
    const buf = Buffer.from(line, 'utf8');
    if (this.options.flush) {
      this.writeNow(buf);
      return;
    }
    this.pending.push(buf);
    this.pendingBytes += buf.length;
    if (this.pendingBytes >= MAX_PENDING) this.flushSync();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flushSync()).unref();
    }
  }

  flushSync(): void {
    this.scheduled = false;
    if (this.pending.length === 0) return;
    const chunks = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    // Written line by line so that rotation still happens at message boundaries.
    for (const c of chunks) this.writeNow(c);
  }

  close(): void {
    this.flushSync();
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }

  private writeNow(buf: Buffer): void {
    if (this.fd < 0) return;
    const { maxsize } = this.options;
    if (maxsize >= MIN_ROTATE_SIZE && this.size > 0 && this.size + buf.length > maxsize) this.rotate();
    try {
      let off = 0;
      while (off < buf.length) off += writeSync(this.fd, buf, off);
      this.size += buf.length;
      this.failed = false;
    } catch (err) {
      // Report once per failure streak (a full disk would otherwise produce one report per message).
      if (!this.failed) this.onError(this.path, err);
      this.failed = true;
    }
  }

  private rotate(): void {
    const { maxver } = this.options;
    try {
      closeSync(this.fd);
      for (let v = maxver - 1; v >= 1; v--) {
        const from = `${this.path}.${v}`;
        if (existsSync(from)) renameSync(from, `${this.path}.${v + 1}`);
      }
      renameSync(this.path, `${this.path}.1`);
    } catch (err) {
      this.onError(this.path, err);
    }
    try {
      this.fd = openSync(this.path, 'a', 0o644);
      this.size = fstatSync(this.fd).size;
    } catch (err) {
      this.fd = -1;
      this.onError(this.path, err);
    }
  }
}
