// kea-lfc's command line: Kea's options, its usage errors and exit codes.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { parseLfcArgs } from '../src/index.js';

const BIN = fileURLToPath(new URL('../../bin/kea-lfc', import.meta.url));
const FULL = ['-4', '-p', 'p', '-x', 'x', '-i', 'i', '-o', 'o', '-f', 'f', '-c', 'c'];

t.test('the options Kea takes', async (t) => {
  t.same(parseLfcArgs(FULL), {
    kind: 'run',
    args: {
      family: 4,
      pidFile: 'p',
      previous: 'x',
      copy: 'i',
      output: 'o',
      finish: 'f',
      config: 'c',
      verbose: false,
    },
  });
  const r = parseLfcArgs(['-6d', '-pP', '-xX', '-iI', '-oO', '-fF', '-cC']);
  t.match(r, { kind: 'run', args: { family: 6, verbose: true, pidFile: 'P', config: 'C' } });
  t.same(parseLfcArgs(['-v']), { kind: 'version' });
  t.same(parseLfcArgs(['-V']), { kind: 'extended' });
  t.same(parseLfcArgs(['-h']), { kind: 'help' });
});

t.test('usage errors name what is wrong', async (t) => {
  const cases: [string[], string][] = [
    [FULL.slice(1), 'DHCP version required'],
    [['-4', '-x', 'x', '-i', 'i', '-o', 'o', '-f', 'f', '-c', 'c'], 'PID file not specified'],
    [[...FULL.slice(0, -2)], 'Config file not specified'],
    [[...FULL, 'extra'], 'Extraneous parameters.'],
    [['-4', '-q'], 'Unknown argument'],
    [['-4', '-p'], 'Missing option argument'],
  ];
  for (const [argv, message] of cases)
    t.throws(() => parseLfcArgs(argv), { code: 'KEA_ERR_LFC_USAGE', message });
});

t.test('the program: exit 1 and usage on stderr for a bad command line, version with -v', async (t) => {
  const bad = spawnSync(BIN, ['-4'], { encoding: 'utf8' });
  t.equal(bad.status, 1);
  t.match(bad.stderr, /Usage error: PID file not specified/);
  t.match(bad.stderr, /-x <file>: previous or ex lease file/);
  const v = spawnSync(BIN, ['-v'], { encoding: 'utf8' });
  t.equal(v.status, 0);
  t.match(v.stdout, /^\d+\.\d+\.\d+\n$/);
});
