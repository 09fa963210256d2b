// The lease managers' writes on MySQL/MariaDB, committed in groups on one connection.
// Kea's stat triggers make every insert of a subnet update the same lease*_stat row, whose lock
// InnoDB holds until the commit is on disk: writers on several connections only queue on it (and
// each commit is a flush of the redo log). So writes go one group at a time: while a group is being
// stored, the writes issued meanwhile wait, and go next as one transaction in one query (BEGIN, the
// statements in issue order with their values escaped into the text, COMMIT): one round trip and
// one flush for them all. Each write's promise settles once its group is committed, with its own
// answer. An insert finds a taken address without an error (which would stop the query there): it
// ends in ON DUPLICATE KEY UPDATE that changes nothing but sets @kea_ts_taken, which the group
// reads back right after it. If a statement fails, the server stops at it: the group is rolled
// back and its writes run again one by one, each autocommitted, for their own answers. A lost
// connection fails the group's writes with its error.
import mysql, { type Pool as CorePool, type PoolConnection, type ResultSetHeader } from 'mysql2';
import { broken } from './connection.js';

/** The session variable an insert's ON DUPLICATE KEY UPDATE sets (see TAKEN in lease-mgr-base). */
export const TAKEN_VARIABLE = '@kea_ts_taken';

/** What a write answers: the statement's result, and for an insert whether the address was taken. */
export interface WriteResult {
  affectedRows: number;
  taken: boolean;
}

/** The most writes one transaction takes. */
const GROUP_MAX = 64;

export type Statement = [sql: string, params: unknown[]];

interface Write {
  statement: Statement;
  done: (err: unknown, res: unknown) => void;
}

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
      conn.query(unit(w.statement), (err, res) => {
        w.done(err, err ? undefined : answer(res as unknown as unknown[], 0, w.statement)[0]);
        step();
      });
    };
    step();
  }

  private together(conn: PoolConnection, group: Write[], finish: () => void): void {
    const text = `BEGIN;${group.map((w) => unit(w.statement)).join(';')};COMMIT`;
    conn.query(text, (err, results) => {
      if (!err) {
        let at = 1;
        for (const w of group) {
          const [a, used] = answer(results as unknown as unknown[], at, w.statement);
          at += used;
          w.done(null, a);
        }
        finish();
      } else if (broken(conn)) {
        for (const w of group) w.done(err, undefined);
        finish();
      } else {
        conn.query('ROLLBACK', (e) => {
          if (e) {
            for (const w of group) w.done(e, undefined);
            finish();
          } else {
            this.alone(conn, group, finish);
          }
        });
      }
    });
  }
}

/** A write as text: an insert between the reset of TAKEN_VARIABLE and its read-back. */
function unit([sql, params]: Statement): string {
  const text = mysql.format(sql, params as never);
  return sql.includes(TAKEN_VARIABLE)
    ? `SET ${TAKEN_VARIABLE} = 0;${text};SELECT ${TAKEN_VARIABLE} AS taken`
    : text;
}

/**
 * The answer of the write whose unit starts at results[at] (a lone statement's query answers a
 * header, not a list), and how many results its unit took.
 */
function answer(
  results: unknown[] | ResultSetHeader,
  at: number,
  statement: Statement,
): [WriteResult, number] {
  const list = Array.isArray(results) ? results : [results];
  if (!statement[0].includes(TAKEN_VARIABLE)) {
    return [{ affectedRows: (list[at] as ResultSetHeader).affectedRows, taken: false }, 1];
  }
  const header = list[at + 1] as ResultSetHeader;
  const rows = list[at + 2] as { taken: unknown }[];
  return [{ affectedRows: header.affectedRows, taken: Number(rows[0]?.taken) === 1 }, 3];
}
