// The loggers model in-process: inheritance, most-specific entry, debuglevel gating, verbose, NONE,
// reconfiguration reaching Logger objects obtained earlier, and a bad output leaving the old config.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import {
  configureLoggers,
  defineMessages,
  getComponentLogger,
  getLogger,
  initLogging,
  KEA_ERR_LOG_OPEN_OUTPUT,
  type LoggerConfig,
  shutdownLogging,
} from '../src/index.js';

const M = defineMessages({ LOGGERS_TEST_MSG: 'message %1' });

// Obtained "at module load", before any configuration.
const packets = getLogger('kea-test.packets');
const deep = getLogger('kea-test.packets.deep');
const leases = getLogger('kea-test.leases');
const leasesSub = getLogger('kea-test.leases.sub');
const root = getLogger('kea-test');

const dir = t.testdir();
const f1 = join(dir, 'root.log');
const f2 = join(dir, 'leases.log');
const read = (f: string): string[] => {
  try {
    return readFileSync(f, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
};
const PATTERN = '%p %c %m\n';

const base = (extra: LoggerConfig[] = []): LoggerConfig[] => [
  { name: 'kea-test', severity: 'WARN', output_options: [{ output: f1, pattern: PATTERN }] },
  ...extra,
];

t.test('before configuration: INFO, no debug', async (t) => {
  t.equal(packets.isDebugEnabled(), false);
  t.equal(packets.name, 'kea-test.packets');
});

t.test('children inherit severity and outputs of the root entry', async (t) => {
  initLogging('kea-test');
  configureLoggers(base());
  packets.info(M.LOGGERS_TEST_MSG, 'dropped');
  packets.warn(M.LOGGERS_TEST_MSG, 'p-warn');
  deep.error(M.LOGGERS_TEST_MSG, 'd-error');
  root.info(M.LOGGERS_TEST_MSG, 'dropped');
  getLogger('unrelated').warn(M.LOGGERS_TEST_MSG, 'u-warn');
  t.same(read(f1), [
    'WARN kea-test.packets LOGGERS_TEST_MSG message p-warn',
    'ERROR kea-test.packets.deep LOGGERS_TEST_MSG message d-error',
    'WARN unrelated LOGGERS_TEST_MSG message u-warn',
  ]);
});

t.test('a more specific entry overrides severity, debuglevel and outputs', async (t) => {
  configureLoggers(
    base([
      {
        name: 'kea-test.leases',
        severity: 'DEBUG',
        debuglevel: 20,
        output_options: [{ output: f2, pattern: PATTERN }],
      },
    ]),
  );
  const before = read(f1).length;
  leases.info(M.LOGGERS_TEST_MSG, 'l-info');
  leasesSub.debug(20, M.LOGGERS_TEST_MSG, 'ls-debug20');
  leasesSub.debug(21, M.LOGGERS_TEST_MSG, 'dropped');
  t.equal(leasesSub.isDebugEnabled(20), true);
  t.equal(leasesSub.isDebugEnabled(21), false);
  t.equal(leasesSub.isDebugEnabled(), true);
  t.equal(packets.isDebugEnabled(0), false);
  packets.debug(0, M.LOGGERS_TEST_MSG, 'dropped');
  t.same(read(f2), [
    'INFO kea-test.leases LOGGERS_TEST_MSG message l-info',
    'DEBUG kea-test.leases.sub LOGGERS_TEST_MSG message ls-debug20',
  ]);
  t.equal(read(f1).length, before, 'nothing from the leases tree reaches the root output');
});

t.test('NONE silences a logger tree, even FATAL', async (t) => {
  configureLoggers(base([{ name: 'kea-test.packets', severity: 'NONE', output_options: [{ output: f2 }] }]));
  const n1 = read(f1).length;
  const n2 = read(f2).length;
  packets.fatal(M.LOGGERS_TEST_MSG, 'dropped');
  deep.fatal(M.LOGGERS_TEST_MSG, 'dropped');
  t.equal(read(f1).length, n1);
  t.equal(read(f2).length, n2);
});

t.test('verbose forces DEBUG 99 everywhere, outputs unchanged', async (t) => {
  configureLoggers(base([{ name: 'kea-test.packets', severity: 'NONE', output_options: [{ output: f2 }] }]), {
    verbose: true,
  });
  t.equal(deep.isDebugEnabled(99), true);
  t.equal(root.isDebugEnabled(99), true);
  t.equal(root.isDebugEnabled(100), false);
  root.debug(99, M.LOGGERS_TEST_MSG, 'r-debug99');
  t.equal(read(f1).at(-1), 'DEBUG kea-test LOGGERS_TEST_MSG message r-debug99');
  configureLoggers(base(), { verbose: false });
  t.equal(root.isDebugEnabled(0), false);
});

t.test('component loggers follow the root name', async (t) => {
  const alloc = getComponentLogger('alloc-engine');
  t.equal(alloc.name, 'kea-test.alloc-engine');
  alloc.warn(M.LOGGERS_TEST_MSG, 'a-warn');
  t.equal(read(f1).at(-1), 'WARN kea-test.alloc-engine LOGGERS_TEST_MSG message a-warn');
});

t.test('an output that cannot be opened throws and keeps the previous configuration', async (t) => {
  t.throws(
    () =>
      configureLoggers([
        { name: 'kea-test', severity: 'DEBUG', output_options: [{ output: join(dir, 'no/such/dir/x.log') }] },
      ]),
    {
      code: KEA_ERR_LOG_OPEN_OUTPUT,
      message: /^LOG_OPEN_OUTPUT_FAIL unable to open .*no\/such\/dir\/x\.log for output: /,
    },
  );
  t.equal(root.isDebugEnabled(0), false);
  root.warn(M.LOGGERS_TEST_MSG, 'still-root');
  t.equal(read(f1).at(-1), 'WARN kea-test LOGGERS_TEST_MSG message still-root');
});

t.test('flush=false buffers until the next turn of the event loop', async (t) => {
  const f3 = join(dir, 'buffered.log');
  configureLoggers([{ name: 'kea-test', output_options: [{ output: f3, pattern: PATTERN, flush: false }] }]);
  root.info(M.LOGGERS_TEST_MSG, 'b1');
  t.same(read(f3), [], 'not written yet');
  await new Promise((r) => setImmediate(r));
  t.same(read(f3), ['INFO kea-test LOGGERS_TEST_MSG message b1']);
});

t.test('a disabled debug call is cheap', async (t) => {
  configureLoggers(base());
  const start = process.hrtime.bigint();
  for (let i = 0; i < 1_000_000; i++) packets.debug(50, M.LOGGERS_TEST_MSG, i);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  t.ok(ms < 500, `1M disabled debug calls took ${ms.toFixed(1)} ms`);
});

t.test('shutdownLogging closes outputs', async (t) => {
  await shutdownLogging();
  t.pass();
});
