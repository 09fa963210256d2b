// Manager behaviour: defaults from config, remove/reset, handles surviving removal.
import t from 'tap';
import { StatsMgr } from '../src/index.js';

t.test('config defaults apply to existing and new statistics', async (t) => {
  let now = 1_000_000_000_000;
  const mgr = new StatsMgr({ clock: () => now });
  mgr.setValue('a', 1);
  mgr.applyConfigDefaults({ 'statistic-default-sample-count': 3 });
  for (let i = 0; i < 5; i++) mgr.addValue('a', 1);
  mgr.setValue('b', 1);
  for (let i = 0; i < 5; i++) mgr.addValue('b', 1);
  t.equal(mgr.getObservation('a')!.sampleCount, 3);
  t.equal(mgr.getObservation('b')!.sampleCount, 3);
  // Count 0 switches to the age limit.
  mgr.applyConfigDefaults({ 'statistic-default-sample-count': 0, 'statistic-default-sample-age': 5 });
  mgr.setValue('c', 0);
  for (let i = 0; i < 10; i++) {
    now += 1_000_000;
    mgr.addValue('c', 1);
  }
  t.equal(mgr.getObservation('c')!.sampleCount, 6);
  t.same(mgr.defaultLimits(), { byCount: false, maxCount: 3, maxAgeMicros: 5_000_000 });
  t.throws(() => mgr.applyConfigDefaults({ 'statistic-default-sample-count': -1 }), {
    code: 'KEA_ERR_STATS_LIMIT',
  });
  t.throws(() => mgr.setMaxSampleCountAll(0), { code: 'KEA_ERR_STATS_LIMIT' });
  t.throws(() => mgr.setMaxSampleAge('a', -1), { code: 'KEA_ERR_STATS_LIMIT' });
});

t.test('remove and reset', async (t) => {
  const mgr = new StatsMgr();
  mgr.setValue('a', 7);
  mgr.setValue('b', 'x');
  t.equal(mgr.size, 2);
  t.equal(mgr.reset('a'), true);
  t.equal(mgr.getValue('a'), 0);
  t.equal(mgr.reset('zzz'), false);
  t.equal(mgr.remove('a'), true);
  t.equal(mgr.remove('a'), false);
  t.same(mgr.get('a'), {});
  t.same(mgr.names(), ['b']);
  mgr.removeAll();
  t.equal(mgr.size, 0);
  t.same(mgr.getAll(), {});
});

t.test('handles: cheap add, created lazily, survive remove', async (t) => {
  const mgr = new StatsMgr();
  const h = mgr.handle('pkt4-received');
  t.equal(h.value(), undefined);
  h.add(1);
  h.add(1);
  t.equal(mgr.getValue('pkt4-received'), 2);
  mgr.addValue('pkt4-received', 3);
  t.equal(h.value(), 5, 'handle and name lookups see the same statistic');
  mgr.remove('pkt4-received');
  t.equal(h.value(), undefined);
  h.add(1);
  t.equal(mgr.getValue('pkt4-received'), 1, 'recreated holding the added value, as Kea does');
  mgr.removeAll();
  mgr.setValue('pkt4-received', 10);
  h.add(1);
  t.equal(mgr.getValue('pkt4-received'), 11, 'picks up a statistic recreated by someone else');
  h.set(4);
  t.equal(mgr.getValue('pkt4-received'), 4);
  mgr.setValue('s', 'text');
  t.throws(() => mgr.handle('s'), { code: 'KEA_ERR_STATS_TYPE' });
  const f = mgr.handle('ratio', 'float');
  f.add(0.25);
  t.equal(mgr.getObservation('ratio')!.type, 'float');
});
