// Hook point declaration and the callout runner without any library.
import t from 'tap';
import { CalloutHandle, callHook, HookPointRegistry, NextStep, runCallouts } from '../src/index.js';

t.test('a hook point without callouts is null and costs nothing', async (t) => {
  const reg = new HookPointRegistry();
  const p = reg.define<{ id: number }>('pkt4_receive');
  t.equal(p.callouts, null);
  t.same(reg.names(), ['pkt4_receive']);
  const h = runCallouts(p, { id: 1 });
  t.type(h, CalloutHandle, 'no Promise when nothing runs');
  t.equal((h as CalloutHandle<{ id: number }>).next, NextStep.CONTINUE);
  t.throws(() => reg.define('pkt4_receive'), { code: 'KEA_ERR_HOOKS_DUPLICATE_POINT' });
  t.throws(() => reg.require('pkt4_nope'), { code: 'KEA_ERR_HOOKS_UNKNOWN_POINT' });
});

t.test('runner: order, all callouts run, sync stays sync, a handle is reused across points', async (t) => {
  const reg = new HookPointRegistry();
  const p = reg.define<{ log: string[] }>('p');
  const q = reg.define<{ log: string[] }>('q');
  p.callouts = [
    (h) => {
      h.args.log.push('1');
      h.next = NextStep.DROP;
    },
    (h) => {
      h.args.log.push(`2 saw ${h.next}`);
    },
  ];
  const args = { log: [] as string[] };
  const h = runCallouts(p, args);
  t.notOk(h instanceof Promise, 'all-sync callouts return the handle directly');
  t.same(args.log, ['1', '2 saw 2'], 'DROP does not stop later callouts (Kea)');
  t.equal((h as CalloutHandle<unknown>).next, NextStep.DROP);
  q.callouts = [
    async (h) => {
      await null;
      h.args.log.push('q-async');
      h.next = NextStep.SKIP;
    },
    (h) => {
      h.args.log.push('q-sync');
    },
  ];
  const h2 = await callHook(q, args, h as CalloutHandle<unknown>);
  t.equal(h2, h, 'same handle');
  t.equal(h2.hookName, 'q');
  t.equal(h2.next, NextStep.SKIP, 'next step starts from CONTINUE at each point');
  t.same(args.log.slice(2), ['q-async', 'q-sync'], 'async callouts are awaited in order');
});
