// The connection-loss sequence of an SQL host data source without a database: a fake driver whose
// queries fail with a connection error (or an SQL error) while "down", opened through HostMgr and
// watched by watchHostDatabases with its entry's recovery keys. The same recovery and server
// callbacks as the lease database (one db-connection count per backend down), Kea's host message ids.
import t from 'tap';
import {
  HostMgr,
  type HostRow,
  isDbUnusable,
  NetworkState,
  SqlHostDataSourceBase,
  type SqlHostTx,
  watchHostDatabases,
} from '../src/index.js';

const CONN_LOST = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
const SQL_ERROR = Object.assign(new Error('syntax error'), { code: '42601' });

class FakeHostSource extends SqlHostDataSourceBase {
  readonly type = 'postgresql';
  down = false;
  sqlError = false;
  probes = 0;
  constructor() {
    super(false);
  }
  private async query(): Promise<void> {
    if (this.down) throw CONN_LOST;
    if (this.sqlError) throw SQL_ERROR;
  }
  protected async select(): Promise<HostRow[]> {
    await this.query();
    return [];
  }
  protected async run(): Promise<number> {
    await this.query();
    return 1;
  }
  protected transaction<T>(fn: (tx: SqlHostTx) => Promise<T>): Promise<T> {
    return fn({ insertId: async () => 1, run: () => this.run() });
  }
  protected isDuplicate(): boolean {
    return false;
  }
  protected connectionLoss(err: unknown): unknown[] | null {
    return (err as { code?: string }).code === 'ECONNREFUSED'
      ? ['host query', (err as Error).message, 'E']
      : null;
  }
  protected async reopenCheck(): Promise<void> {
    this.probes++;
    await this.query();
  }
  protected async end(): Promise<void> {}
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const MAC = Buffer.from('020000000a01', 'hex');

async function setup(entry: Record<string, unknown>) {
  const source = new FakeHostSource();
  const mgr = (await HostMgr.open([{ type: 'postgresql', name: 'h', ...entry }], {
    postgresql: async () => source,
  }))!;
  const state = new NetworkState();
  const exits: number[] = [];
  watchHostDatabases(mgr, { family: 4, state, shutdown: (code) => exits.push(code) });
  return { source, mgr, state, exits };
}

t.test('stop-retry-exit: disabled while down, enabled when the hosts database answers again', async (t) => {
  const { source, mgr, state, exits } = await setup({ 'max-reconnect-tries': 50, 'reconnect-wait-time': 20 });
  t.same(await source.getAll4('hw-address', MAC), [], 'serving');
  source.down = true;
  const err = await source.getAll4('hw-address', MAC).catch((e: unknown) => e);
  t.ok(isDbUnusable(err), 'the failed lookup says the connection is unusable');
  t.equal(source.connectionLost, true);
  await sleep(5);
  t.same(state.origins, ['db-connection'], 'service disabled (origin db-connection)');
  const again = await source.getAll4ByAddress(1, 0x0a00004d).catch((e: unknown) => e);
  t.ok(isDbUnusable(again), 'lookups fail at once while down');
  state.disable('db-connection'); // the lease database is lost as well
  await sleep(100);
  t.ok(source.probes >= 3, `tries every reconnect-wait-time (${source.probes} so far)`);
  source.down = false;
  await sleep(60);
  t.equal(source.connectionLost, false, 'recovered');
  t.equal(state.enabled, false, 'still disabled: another backend (the lease database) is down too');
  state.enable('db-connection');
  t.equal(state.enabled, true, 'enabled once that one recovers as well');
  t.same(await source.getAll4('hw-address', MAC), [], 'serving again');
  t.same(exits, [], 'no exit');
  await mgr.close();
});

t.test('an SQL error is not a connection loss; a write goes through the same watch', async (t) => {
  const { source, mgr, state } = await setup({ 'max-reconnect-tries': 5, 'reconnect-wait-time': 20 });
  source.sqlError = true;
  t.equal(await source.getAll4('hw-address', MAC).catch((e: unknown) => e), SQL_ERROR, 'passes unchanged');
  t.equal(source.connectionLost, false);
  source.sqlError = false;
  source.down = true;
  const err = await source.del(4, 1, 'hw-address', MAC).catch((e: unknown) => e);
  t.ok(isDbUnusable(err), 'a failed delete marks the connection lost too');
  await sleep(5);
  t.equal(state.enabled, false);
  source.down = false;
  await sleep(60);
  t.equal(state.enabled, true);
  await mgr.close();
});

t.test(
  'the entry keys decide: tries run out then exit; 0 tries exit at once; serve-retry-continue',
  async (t) => {
    const a = await setup({ 'max-reconnect-tries': 2, 'reconnect-wait-time': 10 });
    a.source.down = true;
    await a.source.getAll4('hw-address', MAC).catch(() => {});
    await sleep(100);
    t.same(a.exits, [1], 'stop-retry-exit: exit 1 once the tries are used up');
    t.equal(a.source.probes, 2, 'after max-reconnect-tries tries');
    await a.mgr.close();

    const b = await setup({});
    b.source.down = true;
    await b.source.getAll4('hw-address', MAC).catch(() => {});
    await sleep(20);
    t.same(b.exits, [1], 'no reconnect configured (the default): exit at the loss');
    t.equal(b.source.probes, 0, 'without a try');
    await b.mgr.close();

    const c = await setup({
      'max-reconnect-tries': 2,
      'reconnect-wait-time': 10,
      'on-fail': 'serve-retry-continue',
    });
    c.source.down = true;
    await c.source.getAll4('hw-address', MAC).catch(() => {});
    await sleep(100);
    t.same(c.exits, [], 'serve-retry-continue: no exit');
    t.equal(c.state.enabled, true, 'and the service never disabled');
    await c.mgr.close();
  },
);

t.test(
  'a hosts database closed while down (a new configuration replaced it) gives back its count',
  async (t) => {
    const { source, mgr, state } = await setup({ 'max-reconnect-tries': 50, 'reconnect-wait-time': 20 });
    state.disable('db-connection'); // the lease database is lost as well
    source.down = true;
    await source.getAll4('hw-address', MAC).catch(() => {});
    await sleep(5);
    t.same(state.origins, ['db-connection']);
    await mgr.close();
    t.equal(state.enabled, false, "closed: the lease database's loss still holds the service");
    state.enable('db-connection');
    t.equal(state.enabled, true, 'and nothing else does');
    const probes = source.probes;
    await sleep(60);
    t.equal(source.probes, probes, 'no try after the close');
  },
);
