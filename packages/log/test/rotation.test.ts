// File rotation as Kea does it: x -> x.1 -> x.2 -> x.3 with maxver 3, each file within maxsize, no
// line lost or split between the kept files, and small maxsize values disabling rotation.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { configureLoggers, defineMessages, getLogger, initLogging, shutdownLogging } from '../src/index.js';

const M = defineMessages({ ROTATION_TEST_LINE: 'line %1 %2' });
const log = getLogger('kea-rot.file');
const PAD = 'x'.repeat(150);

t.before(() => initLogging('kea-rot'));
t.teardown(() => shutdownLogging());

t.test('maxsize 204800, maxver 3', async (t) => {
  const file = join(t.testdir(), 'kea.log');
  configureLoggers([
    { name: 'kea-rot', output_options: [{ output: file, maxsize: 204800, maxver: 3, pattern: '%m\n' }] },
  ]);
  const total = 6000; // ~1 MB: enough to rotate more than maxver times
  for (let i = 0; i < total; i++) {
    log.info(M.ROTATION_TEST_LINE, String(i).padStart(5, '0'), PAD);
    // flush is true by default: each line is on disk as soon as the call returns
    if (i === 0) t.match(readFileSync(file, 'utf8'), /^ROTATION_TEST_LINE line 00000 x+\n$/);
  }
  for (const f of [file, `${file}.1`, `${file}.2`, `${file}.3`]) {
    t.ok(existsSync(f), `${f} exists`);
    t.ok(statSync(f).size <= 204800, `${f} is within maxsize (${statSync(f).size})`);
  }
  t.notOk(existsSync(`${file}.4`), 'no fourth backup');
  t.ok(statSync(`${file}.3`).size > 200000, 'rotated files are nearly full');

  // Oldest first: x.3, x.2, x.1, x hold consecutive whole lines ending with the last message.
  const numbers = [`${file}.3`, `${file}.2`, `${file}.1`, file].flatMap((f) =>
    readFileSync(f, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => Number(/^ROTATION_TEST_LINE line (\d+) x{150}$/.exec(l)?.[1] ?? Number.NaN)),
  );
  t.equal(numbers.at(-1), total - 1);
  t.ok(
    numbers.every((n, i) => i === 0 || n === numbers[i - 1]! + 1),
    'lines are consecutive and complete',
  );
});

t.test('maxsize below 204800 disables rotation', async (t) => {
  const file = join(t.testdir(), 'small.log');
  configureLoggers([
    { name: 'kea-rot', output_options: [{ output: file, maxsize: 1000, maxver: 2, pattern: '%m\n' }] },
  ]);
  for (let i = 0; i < 100; i++) log.info(M.ROTATION_TEST_LINE, i, PAD);
  t.notOk(existsSync(`${file}.1`));
  t.ok(statSync(file).size > 10000);
});

t.test('two loggers writing to one file share it', async (t) => {
  const file = join(t.testdir(), 'shared.log');
  configureLoggers([
    { name: 'kea-rot', output_options: [{ output: file, pattern: 'A %m\n' }] },
    { name: 'kea-rot.other', output_options: [{ output: file, pattern: 'B %m\n' }] },
  ]);
  log.info(M.ROTATION_TEST_LINE, 1, 'a');
  getLogger('kea-rot.other').info(M.ROTATION_TEST_LINE, 2, 'b');
  log.info(M.ROTATION_TEST_LINE, 3, 'c');
  t.equal(
    readFileSync(file, 'utf8'),
    'A ROTATION_TEST_LINE line 1 a\nB ROTATION_TEST_LINE line 2 b\nA ROTATION_TEST_LINE line 3 c\n',
  );
});
