// Loading user hook libraries: parameters, callout registration and order, next steps, async callouts,
// per-library context, parking, library commands, unload.
import { join } from 'node:path';
import t from 'tap';
import {
  type CalloutHandle,
  type HookLibraryConfig,
  HookPointRegistry,
  HooksManager,
  NextStep,
  runCallouts,
} from '../src/index.js';
import { LIB_A, LIB_ASYNC, LIB_B, LIB_PARK, LIB_THROWS_IN_CALLOUT, resetTrace } from './fixtures.js';

function points() {
  const registry = new HookPointRegistry();
  return {
    registry,
    receive: registry.define<{ id: number }>('pkt4_receive'),
    send: registry.define<{ id: number }>('pkt4_send'),
    committed: registry.define<{ query: object }>('leases4_committed'),
    unused: registry.define<{ id: number }>('buffer4_receive'),
  };
}

t.test('parameters, standard and explicit callouts, library order, context, commands', async (t) => {
  const dir = t.testdir({ 'a.mjs': LIB_A, 'b.mjs': LIB_B });
  const trace = resetTrace();
  const { registry, receive, send, unused } = points();
  const mgr = new HooksManager({ loggerName: 'test-hooks', registry });
  const libs: HookLibraryConfig[] = [
    { library: join(dir, 'a.mjs'), parameters: { answer: 42, list: [1, 2] } },
    { library: join(dir, 'b.mjs'), parameters: { mode: 'drop' } },
  ];
  t.same(await mgr.load(libs), libs);
  t.equal(mgr.libraryCount, 2);
  t.same(trace, ['A-load:1:{"answer":42,"list":[1,2]}:42:undefined']);
  t.equal(unused.callouts, null, 'a point no library uses stays null');
  t.equal(receive.callouts?.length, 3);

  trace.length = 0;
  const h = runCallouts(receive, { id: 7 }) as CalloutHandle<{ id: number }>;
  t.same(trace, ['A-std:7', 'A-explicit', 'B-sees:0'], 'library order, standard callout first');
  t.equal(h.next, NextStep.DROP);

  trace.length = 0;
  runCallouts(send, { id: 7 }, h);
  runCallouts(send, { id: 7 }, h);
  t.same(
    trace,
    ['A-send:1', 'B-send-ctx:undefined', 'A-send:2', 'B-send-ctx:undefined'],
    'context per library',
  );

  const handler = mgr.commandHandlers().get('a-get');
  t.ok(handler);
  t.same(await handler!('a-get', { x: 1 }), {
    result: 0,
    text: 'A answers a-get',
    arguments: { echo: { x: 1 } },
  });
  t.same(
    mgr.libraryInfo().map((l) => [l.multiThreadingCompatible, l.commands]),
    [
      [true, ['a-get']],
      [false, []],
    ],
  );
  t.ok(mgr.isLoaded(libs));

  trace.length = 0;
  await mgr.unload();
  t.same(trace, ['B-unload', 'A-unload'], 'unloaded last first');
  t.equal(receive.callouts, null);
  t.equal(mgr.commandHandlers().size, 0);
  t.equal(mgr.libraryCount, 0);

  trace.length = 0;
  await mgr.load([libs[0]!]);
  t.same(
    trace,
    ['A-load:1:{"answer":42,"list":[1,2]}:42:undefined'],
    'a reload gets a fresh module instance',
  );
  await mgr.unload();
});

t.test('SKIP, then a later library sets CONTINUE: the last word wins', async (t) => {
  const dir = t.testdir({ 'b.mjs': LIB_B });
  const trace = resetTrace();
  const { registry, receive } = points();
  const mgr = new HooksManager({ loggerName: 'test-hooks', registry });
  const b = join(dir, 'b.mjs');
  await mgr.load([
    { library: b, parameters: { mode: 'skip' } },
    { library: b, parameters: { mode: 'continue' } },
  ]);
  const h = runCallouts(receive, { id: 1 }) as CalloutHandle<unknown>;
  t.same(trace, ['B-sees:0', 'B-sees:1']);
  t.equal(h.next, NextStep.CONTINUE);
  await mgr.unload();
});

t.test('async callouts run in order and the result is a Promise', async (t) => {
  const dir = t.testdir({ 'async.mjs': LIB_ASYNC });
  const trace = resetTrace();
  const { registry, receive } = points();
  const mgr = new HooksManager({ loggerName: 'test-hooks', registry });
  await mgr.load([{ library: join(dir, 'async.mjs') }]);
  const r = runCallouts(receive, { id: 1 });
  t.ok(r instanceof Promise);
  const h = await r;
  t.same(trace, ['async-1', 'sync-2', 'async-3']);
  t.equal(h.next, NextStep.PARK);
  await mgr.unload();
});

t.test('a callout that throws is logged and the others still run', async (t) => {
  const dir = t.testdir({ 'bad.mjs': LIB_THROWS_IN_CALLOUT, 'b.mjs': LIB_B });
  const trace = resetTrace();
  const { registry, receive, send } = points();
  const mgr = new HooksManager({ loggerName: 'test-hooks', registry });
  await mgr.load([{ library: join(dir, 'bad.mjs') }, { library: join(dir, 'b.mjs') }]);
  const h = runCallouts(receive, { id: 1 });
  t.notOk(h instanceof Promise);
  await runCallouts(send, { id: 1 });
  t.same(trace, ['B-sees:0', 'B-send-ctx:undefined']);
  await mgr.unload();
});

t.test('PARK: the server parks, the callout references and unparks later', async (t) => {
  const dir = t.testdir({ 'park.mjs': LIB_PARK });
  const trace = resetTrace();
  const { registry, committed } = points();
  const mgr = new HooksManager({ loggerName: 'test-hooks', registry });
  await mgr.load([{ library: join(dir, 'park.mjs') }]);
  const query = { xid: 0x1234 };
  const resumed = new Promise<void>((resolve) => {
    committed.parkingLot.park(query, () => {
      trace.push('resumed');
      resolve();
    });
  });
  const h = (await runCallouts(committed, { query })) as CalloutHandle<unknown>;
  t.equal(h.next, NextStep.PARK);
  t.ok(committed.parkingLot.has(query));
  await resumed;
  t.same(trace, ['unparking', 'resumed']);
  t.equal(committed.parkingLot.size, 0);
  await mgr.unload();
});
