// The lease managers' per-packet reads on MySQL/MariaDB: a few connections held for good, each
// read queued on the one with the fewest answers pending. MySQL answers one command at a time per
// connection, but mysql2 sends a connection's next queued command as soon as it has read the answer
// to the one before, in the same callback: a busy connection goes from one read to the next without
// waiting for a turn of the event loop (taking a connection from a pool per read waits one each
// time). A connection that fails is destroyed; the next read takes a new one from the pool.
import type { Pool as CorePool, PoolConnection } from 'mysql2';
import { broken, mysqlConnectionLoss, READ_LANES } from './connection.js';
import type { Statement } from './group-writer.js';

type Done = (err: unknown, res: unknown) => void;

interface Lane {
  conn: PoolConnection | null;
  /** Reads issued while the connection is being taken from the pool. */
  waiting: { statement: Statement; done: Done }[];
  pending: number;
}

export class ReadLanes {
  private readonly lanes: (Lane | null)[];

  /** `pool` lends the connections (openHotPool: READ_LANES and one more). */
  constructor(private readonly pool: CorePool) {
    this.lanes = new Array<Lane | null>(READ_LANES).fill(null);
  }

  read(statement: Statement): Promise<unknown> {
    let best = 0;
    let least = Number.POSITIVE_INFINITY;
    for (let i = 0; i < this.lanes.length; i++) {
      const n = this.lanes[i]?.pending ?? 0;
      if (n < least) {
        least = n;
        best = i;
      }
    }
    return new Promise((resolve, reject) => {
      this.run(best, statement, (err, res) => (err ? reject(err) : resolve(res)));
    });
  }

  private run(i: number, statement: Statement, done: Done): void {
    const lane = this.lane(i);
    lane.pending++;
    const settle: Done = (err, res) => {
      lane.pending--;
      if (err && (mysqlConnectionLoss(err) !== null || (lane.conn !== null && broken(lane.conn)))) {
        this.drop(i, lane);
      }
      done(err, res);
    };
    if (lane.conn === null) lane.waiting.push({ statement, done: settle });
    else lane.conn.execute(statement[0], statement[1] as never, settle);
  }

  private drop(i: number, lane: Lane): void {
    if (this.lanes[i] !== lane) return;
    this.lanes[i] = null;
    lane.conn?.destroy();
  }

  private lane(i: number): Lane {
    const have = this.lanes[i];
    if (have != null) return have;
    const lane: Lane = { conn: null, waiting: [], pending: 0 };
    this.lanes[i] = lane;
    this.pool.getConnection((err, conn) => {
      const waiting = lane.waiting;
      lane.waiting = [];
      if (err) {
        if (this.lanes[i] === lane) this.lanes[i] = null;
        for (const w of waiting) w.done(err, undefined);
        return;
      }
      lane.conn = conn;
      // One that dies between reads: the next read takes a new one.
      conn.on('error', () => this.drop(i, lane));
      conn.on('end', () => this.drop(i, lane));
      for (const w of waiting) conn.execute(w.statement[0], w.statement[1] as never, w.done);
    });
    return lane;
  }
}
