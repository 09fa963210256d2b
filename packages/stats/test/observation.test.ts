// Sample limits, value types and Kea's text forms of one statistic.
import t from 'tap';
import { formatDuration, formatTimestamp, StatsMgr } from '../src/index.js';

function fakeClock(start = Date.UTC(2026, 10, 21, 4, 33, 51) * 1000 + 679123) {
  const clock = { now: start, fn: () => clock.now };
  return clock;
}

t.test('timestamps and durations in Kea text form', async (t) => {
  const micros = new Date(2026, 10, 21, 4, 33, 51, 679).getTime() * 1000 + 123;
  t.equal(formatTimestamp(micros), '2026-11-21 04:33:51.679123');
  t.equal(formatTimestamp(new Date(2026, 0, 2, 3, 4, 5).getTime() * 1000 + 7), '2026-01-02 03:04:05.000007');
  t.equal(formatDuration(0), '00:00:00.000000');
  t.equal(formatDuration(((25 * 60 + 2) * 60 + 3) * 1_000_000 + 4), '25:02:03.000004');
  t.equal(formatDuration(-1_500_000), '-00:00:01.500000');
});

t.test('max-samples: default 20 keeps the newest samples, newest first', async (t) => {
  const clock = fakeClock();
  const mgr = new StatsMgr({ clock: clock.fn });
  for (let i = 1; i <= 25; i++) {
    mgr.addValue('pkt4-received', 1);
    clock.now += 1000;
  }
  const obs = mgr.getObservation('pkt4-received')!;
  t.equal(obs.sampleCount, 20);
  t.equal(obs.value, 25);
  const samples = obs.samples().map((s) => s[0]);
  t.same(samples.slice(0, 3), [25, 24, 23]);
  t.equal(samples[19], 6);
  mgr.setMaxSampleCount('pkt4-received', 3);
  t.same(
    obs.samples().map((s) => s[0]),
    [25, 24, 23],
  );
});

t.test('max-age: samples older than the newest minus the age are dropped', async (t) => {
  const clock = fakeClock();
  const mgr = new StatsMgr({ clock: clock.fn });
  mgr.setValue('x', 0);
  t.ok(mgr.setMaxSampleAge('x', 10));
  for (let i = 1; i <= 30; i++) {
    clock.now += 1_000_000;
    mgr.addValue('x', 1);
  }
  const obs = mgr.getObservation('x')!;
  // Newest at t=30s; kept: samples at 20s..30s (age exactly 10 s is kept).
  t.equal(obs.sampleCount, 11);
  t.equal(obs.samples().at(-1)![0], 20);
  t.equal(obs.limits().byCount, false);
  // Switching back to a count limit: the latest limit set wins.
  mgr.setMaxSampleCount('x', 2);
  t.equal(obs.sampleCount, 2);
  clock.now += 100_000_000;
  mgr.addValue('x', 1);
  t.equal(obs.sampleCount, 2, 'age no longer applies');
  // A large age with no new sample keeps everything; age is relative to the newest sample.
  mgr.setMaxSampleAge('x', 1000);
  t.equal(obs.sampleCount, 2);
  mgr.setMaxSampleAge('x', 0);
  t.equal(obs.sampleCount, 1, 'the newest sample always stays');
});

t.test('types: integer, float, duration, string; add and neutral reset values', async (t) => {
  const clock = fakeClock();
  const mgr = new StatsMgr({ clock: clock.fn });
  mgr.addValue('i', 2);
  mgr.addValue('i', 3);
  mgr.setValue('f', 0.5);
  mgr.addValue('f', 1);
  mgr.setValue('d', 1_500_000, 'duration');
  mgr.addValue('d', 500_000);
  mgr.setValue('s', 'abc');
  mgr.addValue('s', 'def');
  t.equal(mgr.getValue('i'), 5);
  t.equal(mgr.getValue('f'), 1.5);
  t.equal(mgr.getObservation('f')!.type, 'float');
  t.equal(mgr.getValue('d'), 2_000_000);
  t.equal(mgr.getValue('s'), 'abcdef');
  const ts = formatTimestamp(clock.now);
  t.same(mgr.get('d'), {
    d: [
      ['00:00:02.000000', ts],
      ['00:00:01.500000', ts],
    ],
  });
  t.same(mgr.get('s'), {
    s: [
      ['abcdef', ts],
      ['abc', ts],
    ],
  });
  t.throws(() => mgr.addValue('i', 'x'), { code: 'KEA_ERR_STATS_TYPE' });
  t.throws(() => mgr.setValue('i', 1.5), { code: 'KEA_ERR_STATS_TYPE' });
  t.throws(() => mgr.setValue('s', 1), { code: 'KEA_ERR_STATS_TYPE' });
  t.throws(() => mgr.setValue('n', Number.NaN), { code: 'KEA_ERR_STATS_TYPE' });
  mgr.resetAll();
  t.same(
    ['i', 'f', 'd', 's'].map((n) => mgr.getValue(n)),
    [0, 0, 0, ''],
  );
  t.equal(mgr.getObservation('i')!.sampleCount, 1, 'reset drops the history');
  t.same(mgr.get('d'), { d: [['00:00:00.000000', ts]] });
});
