// The lease managers' writes on MySQL/MariaDB, committed in groups on one connection.
// Kea's stat triggers make every insert of a subnet update the same lease*_stat row, whose lock
// InnoDB holds until the commit is on disk: writers on several connections only queue on it (and
// each commit is a flush of the redo log). So writes go one group at a time: while a group is being
// stored, the writes issued meanwhile wait, and go next as one transaction in one query (BEGIN, the
// statements in issue order with their values escaped into the text, COMMIT): one round trip and
// one flush for them all. Each write's promise settles once its group is committed, with its own
// answer. The server stops a query at its first failing statement; the results before it say
// which one. A duplicate key (the address is taken) undoes that statement only: it answers its
// write, and the rest of the group follows in the same transaction. Any other error: the group is
// rolled back and its writes run again one by one, each autocommitted, for their own answers. A
// lost connection fails the group's writes with its error. A lone write is run as it is (a
// prepared statement, autocommit).
import mysql, { type Pool as CorePool, type PoolConnection, type Query } from 'mysql2';
import { broken } from './read-lanes.js';

const ER_DUP_ENTRY = 1062;

/** The most writes one transaction takes. */
const GROUP_MAX = 64;

export type Statement = [sql: string, params: unknown[]];

interface Write {
  statement: Statement;
  done: (err: unknown, res: unknown) => void;
}

type Callback = (err: unknown, res: unknown) => void;

export class GroupWriter {
  private waiting: Write[] = [];
  private writing = false;

  /** `pool`: the hot pool (openHotPool), which keeps a connection free for the writer. */
  constructor(private readonly pool: CorePool) {}

  /** Runs a write after every write issued before it; settles once it is committed. */
  write(statement: Statement): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ statement, done: (err, res) => (err ? reject(err) : resolve(res)) });
      if (!this.writing) this.next();
    });
  }

  private next(): void {
    const group = this.waiting.length <= GROUP_MAX ? this.waiting : this.waiting.slice(0, GROUP_MAX);
    this.waiting = group === this.waiting ? [] : this.waiting.slice(GROUP_MAX);
    this.writing = group.length > 0;
    if (!this.writing) return;
    this.pool.getConnection((err, conn) => {
      if (err) {
        for (const w of group) w.done(err, undefined);
        this.next();
        return;
      }
      const finish = (): void => {
        if (broken(conn)) conn.destroy();
        else conn.release();
        this.next();
      };
      if (group.length === 1) this.alone(conn, group, finish);
      else this.together(conn, group, finish);
    });
  }

  /** Each write autocommitted, in order, with its own answer. */
  private alone(conn: PoolConnection, group: Write[], finish: () => void): void {
    let i = 0;
    const step = (): void => {
      const w = group[i++];
      if (w === undefined) {
        finish();
        return;
      }
      exec(conn, w.statement, (err, res) => {
        w.done(err, res);
        step();
      });
    };
    step();
  }

  private together(conn: PoolConnection, group: Write[], finish: () => void): void {
    const fail = (err: unknown): void => {
      for (const w of group) w.done(err, undefined);
      finish();
    };
    // Sends group[from..] and COMMIT (BEGIN first when the transaction is not open yet).
    const send = (from: number, begin: boolean, answers: [unknown, unknown][]): void => {
      const parts = group.slice(from).map((w) => mysql.format(w.statement[0], w.statement[1] as never));
      if (begin) parts.unshift('BEGIN');
      parts.push('COMMIT');
      const head = begin ? 1 : 0;
      const q: Query = conn.query(parts.join(';'), (err, results) => {
        const done = (q as unknown as { _rows: unknown[] })._rows;
        if (!err) {
          const all = results as unknown as unknown[];
          for (let k = from; k < group.length; k++) answers.push([null, all[head + k - from]]);
          for (let k = 0; k < group.length; k++) group[k]!.done(answers[k]![0], answers[k]![1]);
          finish();
          return;
        }
        if (broken(conn)) {
          fail(err);
          return;
        }
        // The statement that failed: the one after those answered (BEGIN's answer first).
        const failed = from + done.length - head;
        if (
          (err as { errno?: number }).errno === ER_DUP_ENTRY &&
          failed < group.length &&
          done.length >= head
        ) {
          for (let k = from; k < failed; k++) answers.push([null, done[head + k - from]]);
          answers.push([err, undefined]);
          send(failed + 1, false, answers);
          return;
        }
        conn.query('ROLLBACK', (e) => (e ? fail(e) : this.alone(conn, group, finish)));
      });
    };
    send(0, true, []);
  }
}

function exec(conn: PoolConnection, [sql, params]: Statement, done: Callback): void {
  conn.execute(sql, params as never, done);
}
