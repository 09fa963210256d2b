// The statistic-* commands: Kea's answer shapes, texts and argument errors.
import t from 'tap';
import { formatTimestamp, StatsMgr, statisticCommands } from '../src/index.js';

const NOW = new Date(2026, 10, 21, 4, 33, 51, 679).getTime() * 1000 + 123;
const TS = '2026-11-21 04:33:51.679123';

function setup() {
  let now = NOW;
  const mgr = new StatsMgr({ clock: () => now });
  const cmds = statisticCommands(mgr);
  mgr.setValue('pkt4-received', 0);
  mgr.addValue('pkt4-received', 2);
  mgr.setValue('subnet[1].total-addresses', 256);
  return { mgr, cmds, tick: (us: number) => (now += us) };
}

t.test('the ten commands exist', async (t) => {
  const { cmds } = setup();
  t.same(Object.keys(cmds).sort(), [
    'statistic-get',
    'statistic-get-all',
    'statistic-remove',
    'statistic-remove-all',
    'statistic-reset',
    'statistic-reset-all',
    'statistic-sample-age-set',
    'statistic-sample-age-set-all',
    'statistic-sample-count-set',
    'statistic-sample-count-set-all',
  ]);
  t.equal(formatTimestamp(NOW), TS);
});

t.test('statistic-get and statistic-get-all', async (t) => {
  const { cmds } = setup();
  t.same(cmds['statistic-get']!({ name: 'pkt4-received' }), {
    result: 0,
    arguments: {
      'pkt4-received': [
        [2, TS],
        [0, TS],
      ],
    },
  });
  t.same(
    cmds['statistic-get']!({ name: 'nope' }),
    { result: 0, arguments: {} },
    'unknown name is an empty map',
  );
  const all = cmds['statistic-get-all']!();
  t.equal(all.result, 0);
  t.same(Object.keys(all.arguments as object), ['pkt4-received', 'subnet[1].total-addresses']);
  t.same((all.arguments as Record<string, unknown>)['subnet[1].total-addresses'], [[256, TS]]);
});

t.test('argument errors', async (t) => {
  const { cmds } = setup();
  const missing = { result: 1, text: "Missing mandatory 'name' parameter." };
  t.same(cmds['statistic-get']!(undefined), missing);
  t.same(cmds['statistic-get']!({}), missing);
  t.same(cmds['statistic-reset']!([1]), missing);
  t.same(cmds['statistic-remove']!({ name: 5 }), {
    result: 1,
    text: "'name' parameter expected to be a string.",
  });
  t.same(cmds['statistic-sample-age-set']!({ name: 'pkt4-received' }), {
    result: 1,
    text: "Missing mandatory 'duration' parameter.",
  });
  t.same(cmds['statistic-sample-age-set-all']!({ duration: '1' }), {
    result: 1,
    text: "'duration' parameter expected to be an integer.",
  });
  t.same(cmds['statistic-sample-count-set']!({ name: 'pkt4-received' }), {
    result: 1,
    text: "Missing mandatory 'max-samples' parameter.",
  });
  t.same(cmds['statistic-sample-count-set']!({ name: 'pkt4-received', 'max-samples': 1.5 }), {
    result: 1,
    text: "'max-samples' parameter expected to be an integer.",
  });
  t.same(cmds['statistic-sample-count-set-all']!({ 'max-samples': 0 }), {
    result: 1,
    text: "'max-samples' parameter must not be zero",
  });
  for (const cmd of ['statistic-reset', 'statistic-remove']) {
    t.same(cmds[cmd]!({ name: 'nope' }), { result: 1, text: "No 'nope' statistic found" }, cmd);
  }
  t.same(cmds['statistic-sample-age-set']!({ name: 'nope', duration: 1 }), {
    result: 1,
    text: "No 'nope' statistic found",
  });
  t.same(cmds['statistic-sample-count-set']!({ name: 'nope', 'max-samples': 1 }), {
    result: 1,
    text: "No 'nope' statistic found",
  });
});

t.test('reset, remove and their -all forms', async (t) => {
  const { mgr, cmds } = setup();
  t.same(cmds['statistic-reset']!({ name: 'pkt4-received' }), {
    result: 0,
    text: "Statistic 'pkt4-received' reset.",
  });
  t.same(mgr.get('pkt4-received'), { 'pkt4-received': [[0, TS]] });
  mgr.addValue('pkt4-received', 9);
  t.same(cmds['statistic-reset-all']!(), { result: 0, text: 'All statistics reset to neutral values.' });
  t.equal(mgr.getValue('pkt4-received'), 0);
  t.equal(mgr.getValue('subnet[1].total-addresses'), 0);
  t.same(cmds['statistic-remove']!({ name: 'pkt4-received' }), {
    result: 0,
    text: "Statistic 'pkt4-received' removed.",
  });
  t.same(cmds['statistic-get']!({ name: 'pkt4-received' }), { result: 0, arguments: {} });
  t.same(cmds['statistic-remove-all']!(), { result: 0, text: 'All statistics removed.' });
  t.same(cmds['statistic-get-all']!(), { result: 0, arguments: {} });
});

t.test('sample limits by command', async (t) => {
  const { mgr, cmds, tick } = setup();
  t.same(cmds['statistic-sample-count-set']!({ name: 'pkt4-received', 'max-samples': 1 }), {
    result: 0,
    text: "Statistic 'pkt4-received' count limit is set.",
  });
  t.equal(mgr.getObservation('pkt4-received')!.sampleCount, 1);
  t.same(cmds['statistic-sample-count-set-all']!({ 'max-samples': 2 }), {
    result: 0,
    text: 'All statistics count limit are set.',
  });
  for (let i = 0; i < 5; i++) mgr.addValue('subnet[1].total-addresses', 1);
  t.equal(mgr.getObservation('subnet[1].total-addresses')!.sampleCount, 2);
  mgr.setValue('new-one', 1);
  for (let i = 0; i < 5; i++) mgr.addValue('new-one', 1);
  t.equal(mgr.getObservation('new-one')!.sampleCount, 2, 'the -all form also sets the default');
  t.same(cmds['statistic-sample-age-set']!({ name: 'pkt4-received', duration: 2 }), {
    result: 0,
    text: "Statistic 'pkt4-received' duration limit is set.",
  });
  for (let i = 0; i < 5; i++) {
    tick(1_000_000);
    mgr.addValue('pkt4-received', 1);
  }
  t.equal(mgr.getObservation('pkt4-received')!.sampleCount, 3);
  t.same(cmds['statistic-sample-age-set-all']!({ duration: 0 }), {
    result: 0,
    text: 'All statistics duration limit are set.',
  });
  t.equal(mgr.getObservation('pkt4-received')!.sampleCount, 1);
  t.equal(mgr.defaultLimits().byCount, false);
});
