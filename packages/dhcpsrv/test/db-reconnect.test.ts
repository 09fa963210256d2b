// The connection-loss sequence of an SQL lease manager without a database: a fake driver whose
// queries fail with a connection error (or an SQL error) while "down", the server side of
// watchLeaseDatabase with a NetworkState and a shutdown spy. Kea 2.2's counting (the immediate try
// is the first of max-reconnect-tries), the on-fail actions and the db-connection origin.
import t from 'tap';
import {
  type DbReconnectParams,
  isDbUnusable,
  NetworkState,
  SqlLeaseMgrBase,
  type SqlStatsRow,
  watchLeaseDatabase,
} from '../src/index.js';

interface FakeLease {
  address: number;
}

const CONN_LOST = Object.assign(new Error('server closed the connection'), { code: 'ECONNRESET' });
const SQL_ERROR = Object.assign(new Error('syntax error'), { code: '42601' });

class FakePool {
  down = false;
  sqlError = false;
  probes = 0;
  async query(): Promise<number> {
    if (this.down) throw CONN_LOST;
    if (this.sqlError) throw SQL_ERROR;
    return 1;
  }
  async end(): Promise<void> {}
}

class FakeMgr extends SqlLeaseMgrBase<FakeLease, FakeLease, FakePool> {
  readonly type = 'postgresql';
  readonly family = 4;
  constructor(pool: FakePool) {
    super(pool, () => 0, {
      sql: {} as never,
      fromRow: (r) => r,
      params: (l) => [l.address],
      key: (l) => l.address,
      describe: (l) => String(l.address),
    });
    this.setReopenCheck(async (p) => {
      p.probes++;
      await p.query();
    });
  }
  protected connectionLoss(err: unknown): unknown[] | null {
    return (err as { code?: string }).code === 'ECONNRESET' ? ['q', (err as Error).message, 'E'] : null;
  }
  protected async rows(): Promise<FakeLease[]> {
    await this.pool.query().catch(this.failed);
    return [];
  }
  protected async run(): Promise<number> {
    return this.pool.query().catch(this.failed);
  }
  protected insert(): Promise<number> {
    return this.run();
  }
  protected updateParams(p: unknown[]): unknown[] {
    return p;
  }
  protected limitParam(l: number): unknown {
    return l;
  }
  protected hostnameParams(h: string): unknown[] {
    return [h];
  }
  protected async queryCount(): Promise<number> {
    return 0;
  }
  protected async statsRows(): Promise<SqlStatsRow[]> {
    return [];
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function setup(params: DbReconnectParams) {
  const pool = new FakePool();
  const mgr = new FakeMgr(pool);
  const state = new NetworkState();
  const exits: number[] = [];
  watchLeaseDatabase(mgr, params, { family: 4, state, shutdown: (code) => exits.push(code) });
  return { pool, mgr, state, exits };
}

t.test('stop-retry-exit: disabled while down, enabled when the database answers again', async (t) => {
  const { pool, mgr, state, exits } = setup({ 'max-reconnect-tries': 50, 'reconnect-wait-time': 20 });
  t.equal(await mgr.add({ address: 1 }), true, 'serving');
  pool.down = true;
  const err = await mgr.add({ address: 2 }).catch((e: unknown) => e);
  t.ok(isDbUnusable(err), 'the failed write says the connection is unusable');
  t.equal(mgr.connectionLost, true);
  await sleep(5);
  t.equal(state.enabled, false, 'service disabled');
  t.same(state.origins, ['db-connection']);
  const again = await mgr.getAll().catch((e: unknown) => e);
  t.ok(isDbUnusable(again), 'queries fail at once while down');
  state.enable('user');
  t.equal(state.enabled, false, 'dhcp-enable (origin user) does not lift the db-connection origin');
  await sleep(100);
  t.ok(pool.probes >= 3, `tries every reconnect-wait-time (${pool.probes} so far)`);
  pool.down = false;
  await sleep(60);
  t.equal(state.enabled, true, 'service enabled after the recovery');
  t.equal(mgr.connectionLost, false);
  t.equal(await mgr.add({ address: 3 }), true, 'serving again');
  t.same(exits, [], 'no exit');
  await mgr.close();
});

t.test('an SQL error is not a connection loss', async (t) => {
  const { pool, mgr, state } = setup({ 'max-reconnect-tries': 5, 'reconnect-wait-time': 20 });
  pool.sqlError = true;
  const err = await mgr.add({ address: 1 }).catch((e: unknown) => e);
  t.equal(err, SQL_ERROR, 'the SQL error passes unchanged');
  t.equal(mgr.connectionLost, false);
  t.equal(state.enabled, true);
  await mgr.close();
});

t.test('stop-retry-exit: the tries run out (the immediate one counts), then exit 1', async (t) => {
  const { pool, mgr, state, exits } = setup({ 'max-reconnect-tries': 3, 'reconnect-wait-time': 10 });
  pool.down = true;
  await mgr.add({ address: 1 }).catch(() => {});
  await sleep(150);
  t.equal(pool.probes, 3, 'three tries for max-reconnect-tries 3');
  t.same(exits, [1], 'exit status 1');
  t.equal(state.enabled, false);
  await mgr.close();
});

t.test('max-reconnect-tries 0: no try, exit at once (stop-retry-exit and serve-retry-exit)', async (t) => {
  for (const onFail of ['stop-retry-exit', 'serve-retry-exit'] as const) {
    const { pool, mgr, exits } = setup({ 'on-fail': onFail });
    pool.down = true;
    await mgr.add({ address: 1 }).catch(() => {});
    await sleep(20);
    t.equal(pool.probes, 0, `${onFail}: no reconnect try`);
    t.same(exits, [1], `${onFail}: exit status 1`);
    await mgr.close();
  }
});

t.test('serve-retry-exit / serve-retry-continue keep the service enabled', async (t) => {
  for (const onFail of ['serve-retry-exit', 'serve-retry-continue'] as const) {
    const { pool, mgr, state, exits } = setup({
      'max-reconnect-tries': 2,
      'reconnect-wait-time': 10,
      'on-fail': onFail,
    });
    pool.down = true;
    await mgr.add({ address: 1 }).catch(() => {});
    await sleep(80);
    t.equal(state.enabled, true, `${onFail}: never disabled`);
    t.same(exits, onFail === 'serve-retry-exit' ? [1] : [], `${onFail}: exit only when asked to`);
    t.equal(pool.probes, 2);
    await mgr.close();
  }
});

t.test('the db-connection origin counts, and a max-period timer lifts only its own origin', async (t) => {
  const s = new NetworkState();
  s.disable('db-connection');
  s.disable('db-connection');
  s.enable('db-connection');
  t.equal(s.enabled, false, 'one backend still down');
  s.enable('db-connection');
  t.equal(s.enabled, true);
  s.disable('db-connection');
  s.disable('user', 1);
  await sleep(1100);
  t.same(s.origins, ['db-connection'], 'max-period re-enabled the user origin only');
  s.reset('db-connection');
  t.equal(s.enabled, true);
  s.close();
});
