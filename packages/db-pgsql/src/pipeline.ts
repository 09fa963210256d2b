// The lease managers' per-packet statements on a few long-lived connections in pg's pipeline mode:
// a query is written as soon as it is issued, without waiting for the answers of those before it,
// and everything issued in one turn of the event loop leaves in one write (the socket is corked
// until setImmediate). Reads spread over the reader connections, the one with the fewest answers
// pending first.
//
// One connection takes all writes, in issue order. Kea's stat triggers make every insert of a
// subnet update the same lease*_stat row, whose lock is held until the commit is on disk: writers
// on several connections only queue on it, one commit after another. The writer commits in groups
// instead: while one group's commit is on its way, the writes issued meanwhile wait, and go next as
// one transaction (BEGIN, WRITE_LOCK, the statements, COMMIT, in one socket write), so one flush of
// the log stores them all. Each write's promise settles once its group is committed, with its own
// result. A group that fails on an SQL error has been rolled back whole; its writes are then sent
// again, each in its own transaction, and get their own answers. A connection that fails is
// dropped and the next query opens a new one; the writes of a group that was lost with its
// connection fail with the connection's error (they may or may not be stored).
import pg from 'pg';
import { pgConnectionLoss } from './connection.js';

interface Corkable {
  cork(): void;
  uncork(): void;
}

interface Waiting {
  query: pg.QueryConfig;
  done: (err: Error | null, res: pg.QueryResult) => void;
}

/** The most writes one transaction takes. */
const GROUP_MAX = 64;
const BEGIN: pg.QueryConfig = { name: 'kea_ts_begin', text: 'BEGIN' };
const COMMIT: pg.QueryConfig = { name: 'kea_ts_commit', text: 'COMMIT' };
/**
 * Taken first in every write transaction, by every server of ours on the database: a transaction of
 * several writes holds the stat row and then may wait for an address another server's transaction
 * inserted, while that one waits for the stat row - a deadlock PostgreSQL breaks only after
 * deadlock_timeout (1 s by default, both servers stalled). With the lock, a transaction waits before
 * it holds anything. (An arbitrary key: "kea-ts" in ASCII.)
 */
const WRITE_LOCK: pg.QueryConfig = {
  name: 'kea_ts_write_lock',
  text: 'SELECT pg_advisory_xact_lock(107101097045116115)',
};

interface Lane {
  client: pg.Client;
  ready: boolean;
  /** Queries issued while the connection is being made. */
  waiting: Waiting[];
  pending: number;
  corked: boolean;
}

const ignore = (): void => {};

export class PgPipeline {
  private readonly lanes: (Lane | null)[];
  private closed = false;
  /** Writes waiting for the group in flight to commit. */
  private writes: Waiting[] = [];
  private writing = false;

  /**
   * `pool` gives the connection settings (its options) and hears of each new connection (its
   * 'connect' event, where the TLS report listens); `readers` connections serve reads, one more writes.
   */
  constructor(
    private readonly pool: pg.Pool,
    readers: number,
  ) {
    this.lanes = new Array<Lane | null>(1 + Math.max(1, readers)).fill(null);
  }

  /** A read on the reader with the fewest pending answers. */
  read(query: pg.QueryConfig): Promise<pg.QueryResult> {
    let best = 1;
    let least = Number.POSITIVE_INFINITY;
    for (let i = 1; i < this.lanes.length; i++) {
      const n = this.lanes[i]?.pending ?? 0;
      if (n < least) {
        least = n;
        best = i;
      }
    }
    return new Promise((resolve, reject) => {
      this.run(best, query, (err, res) => (err ? reject(err) : resolve(res)));
    });
  }

  /** A write, in issue order with every other write; settles once it is committed. */
  write(query: pg.QueryConfig): Promise<pg.QueryResult> {
    return new Promise((resolve, reject) => {
      this.writes.push({ query, done: (err, res) => (err ? reject(err) : resolve(res)) });
      if (!this.writing) this.nextGroup();
    });
  }

  async end(): Promise<void> {
    this.closed = true;
    const ends = this.lanes.map((l) => l?.client.end().catch(ignore));
    this.lanes.fill(null);
    await Promise.all(ends);
  }

  /** Sends the writes waiting (up to GROUP_MAX) as one transaction. */
  private nextGroup(): void {
    const group = this.writes.length <= GROUP_MAX ? this.writes : this.writes.slice(0, GROUP_MAX);
    this.writes = group === this.writes ? [] : this.writes.slice(GROUP_MAX);
    this.writing = group.length > 0;
    if (!this.writing) return;
    this.transaction(group, (results, committed) => {
      const failed = results.filter((r): r is Error => r instanceof Error);
      if (committed && failed.length === 0) {
        for (let i = 0; i < group.length; i++) group[i]!.done(null, results[i] as pg.QueryResult);
        this.nextGroup();
        return;
      }
      const lost = failed.find((e) => pgConnectionLoss(e) !== null);
      if (lost !== undefined || group.length === 1) {
        for (let i = 0; i < group.length; i++) {
          const r = results[i];
          group[i]!.done(
            lost ?? (r instanceof Error ? r : (failed[0] ?? new Error('not committed'))),
            undefined as never,
          );
        }
        this.nextGroup();
        return;
      }
      // Rolled back: each write again in a transaction of its own (pipelined: in order).
      let left = group.length;
      for (const w of group) {
        this.transaction([w], ([r], ok) => {
          if (ok && !(r instanceof Error)) w.done(null, r as pg.QueryResult);
          else w.done(r instanceof Error ? r : new Error('not committed'), undefined as never);
          if (--left === 0) this.nextGroup();
        });
      }
    });
  }

  /**
   * BEGIN, the write lock, the writes, COMMIT, on the writer; then each write's result (or error) and
   * whether the transaction was committed.
   */
  private transaction(
    group: Waiting[],
    done: (results: (pg.QueryResult | Error)[], committed: boolean) => void,
  ): void {
    const results: (pg.QueryResult | Error)[] = new Array(group.length);
    let failed = false;
    const keep = (err: Error | null): void => {
      if (err) failed = true;
    };
    this.run(0, BEGIN, keep);
    this.run(0, WRITE_LOCK, keep);
    for (let i = 0; i < group.length; i++) {
      this.run(0, group[i]!.query, (err, res) => {
        results[i] = err ?? res;
      });
    }
    this.run(0, COMMIT, (err, res) => {
      if (err) {
        for (let i = 0; i < results.length; i++) if (!(results[i] instanceof Error)) results[i] = err;
      }
      done(results, !failed && !err && res.command === 'COMMIT');
    });
  }

  private run(i: number, query: pg.QueryConfig, done: Waiting['done']): void {
    if (this.closed) {
      done(new Error('Client was closed and is not queryable'), undefined as never);
      return;
    }
    const lane = this.lane(i);
    lane.pending++;
    const settle: Waiting['done'] = (err, res) => {
      lane.pending--;
      // The server ended the session (57P01...) or the socket failed: what follows goes to a new one.
      if (err && this.lanes[i] === lane && pgConnectionLoss(err) !== null) {
        this.lanes[i] = null;
        lane.client.end().catch(ignore);
      }
      done(err, res);
    };
    if (lane.ready) this.send(lane, query, settle);
    else lane.waiting.push({ query, done: settle });
  }

  private send(lane: Lane, query: pg.QueryConfig, done: Waiting['done']): void {
    if (!lane.corked) {
      const stream = (lane.client as unknown as { connection: { stream: Corkable } }).connection.stream;
      lane.corked = true;
      stream.cork();
      setImmediate(() => {
        lane.corked = false;
        stream.uncork();
      });
    }
    lane.client.query(query, done);
  }

  /** Lane i, opening its connection when it has none or the one it had can no longer serve. */
  private lane(i: number): Lane {
    const have = this.lanes[i];
    if (have != null && (have.client as unknown as { _queryable?: boolean })._queryable !== false)
      return have;
    const client = new pg.Client({
      ...(this.pool as unknown as { options: pg.ClientConfig }).options,
      pipeline: true,
    } as pg.ClientConfig);
    const lane: Lane = { client, ready: false, waiting: [], pending: 0, corked: false };
    this.lanes[i] = lane;
    const drop = (): void => {
      if (this.lanes[i] === lane) this.lanes[i] = null;
    };
    // A connection that dies between queries must not throw from its emitter.
    client.on('error', drop);
    client.on('end', drop);
    client.connect((err: Error | undefined) => {
      const waiting = lane.waiting;
      lane.waiting = [];
      if (err) {
        drop();
        for (const w of waiting) w.done(err, undefined as never);
        return;
      }
      lane.ready = true;
      this.pool.emit('connect', client as unknown as pg.PoolClient);
      for (const w of waiting) this.send(lane, w.query, w.done);
    });
    return lane;
  }
}
