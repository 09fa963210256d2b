// SqlQueryQueue over a fake pool: no more queries at once than the pool's size, a connection
// handed from one waiting query to the next without going back to the pool, answers in order,
// a connection that can no longer serve given back as broken, and a failed acquire costing its
// query only.
import t from 'tap';
import { type SqlLender, SqlQueryQueue } from '../src/index.js';

interface Conn {
  id: number;
  dead: boolean;
}

function fakePool(opts: { failAcquire?: number } = {}) {
  const log: string[] = [];
  let made = 0;
  let acquires = 0;
  let running = 0;
  let peak = 0;
  const lender: SqlLender<Conn, string, string> = {
    acquire(done) {
      acquires++;
      if (opts.failAcquire === acquires) {
        setImmediate(() => done(new Error('connect refused'), undefined));
        return;
      }
      setImmediate(() => done(null, { id: ++made, dead: false }));
    },
    run(conn, q, done) {
      running++;
      peak = Math.max(peak, running);
      setImmediate(() => {
        running--;
        if (q === 'kill') {
          conn.dead = true;
          done(new Error('connection terminated'), '');
        } else done(null, `${q}@${conn.id}`);
      });
    },
    usable: (conn) => !conn.dead,
    release(conn, broken) {
      log.push(broken === undefined ? `release ${conn.id}` : `broken ${conn.id}`);
    },
  };
  return { lender, log, stats: () => ({ acquires, peak }) };
}

t.test('at most max at once, one acquire per connection while queries wait', async (t) => {
  const p = fakePool();
  const q = new SqlQueryQueue(p.lender, 3);
  const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => q.query(`q${i}`)));
  t.equal(answers.length, 30);
  t.same(
    answers.map((a) => a.split('@')[0]),
    Array.from({ length: 30 }, (_, i) => `q${i}`),
    'each query gets its own answer',
  );
  t.equal(p.stats().peak, 3, 'three queries ran at once, never more');
  t.equal(p.stats().acquires, 3, 'three acquires for thirty queries');
  t.same(p.log.sort(), ['release 1', 'release 2', 'release 3'], 'each connection released once, at the end');
  // Idle again: the next query acquires afresh.
  await q.query('later');
  t.equal(p.stats().acquires, 4);
});

t.test('a connection that dies is given back as broken; the waiting queries go on', async (t) => {
  const p = fakePool();
  const q = new SqlQueryQueue(p.lender, 1);
  const results = await Promise.allSettled([q.query('a'), q.query('kill'), q.query('b'), q.query('c')]);
  t.same(
    results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message)),
    ['a@1', 'connection terminated', 'b@2', 'c@2'],
  );
  t.same(p.log, ['broken 1', 'release 2'], 'the dead connection was not reused');
});

t.test('a failed acquire rejects its query only', async (t) => {
  const p = fakePool({ failAcquire: 1 });
  const q = new SqlQueryQueue(p.lender, 1);
  const results = await Promise.allSettled([q.query('a'), q.query('b')]);
  t.equal(results[0]!.status, 'rejected');
  t.match((results[0] as PromiseRejectedResult).reason, { message: 'connect refused' });
  t.same(results[1], { status: 'fulfilled', value: 'b@1' });
});
