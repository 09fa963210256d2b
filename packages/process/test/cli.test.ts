// The command line: parseCli's decisions, then the fixture program run for real (exit codes, stdout,
// stderr), as keactrl and systemd see it.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { buildReportText, extendedVersionText, parseCli, usageText, VERSION } from '../src/index.js';
import { BINARY, CONFIG_KEY } from './fixtures/app.js';
import { runDaemonOnce, socketSection, tempDir, writeConfig } from './helpers.js';

t.test('parseCli: actions', async (t) => {
  t.same(parseCli(['-v'], true), { kind: 'version' });
  t.same(parseCli(['-V'], true), { kind: 'extended-version' });
  t.same(parseCli(['-W'], false), { kind: 'build-report' });
  t.same(parseCli(['-c', 'a.conf'], false), { kind: 'run', configFile: 'a.conf', verbose: false });
  t.same(parseCli(['-d', '-c', 'a.conf'], false), { kind: 'run', configFile: 'a.conf', verbose: true });
  t.same(
    parseCli(['-dc', 'a.conf'], false),
    { kind: 'run', configFile: 'a.conf', verbose: true },
    'getopt groups',
  );
  t.same(parseCli(['-t', 'a.conf'], false), { kind: 'test', configFile: 'a.conf', verbose: false });
});

t.test('parseCli: -p and -P for the DHCP daemons', async (t) => {
  t.same(parseCli(['-c', 'a.conf', '-p', '1067', '-P', '1068'], true), {
    kind: 'run',
    configFile: 'a.conf',
    verbose: false,
    serverPort: 1067,
    clientPort: 1068,
  });
  t.same(parseCli(['-p', '1', '-P', '65535', '-t', 'a.conf'], true), {
    kind: 'test',
    configFile: 'a.conf',
    verbose: false,
    serverPort: 1,
    clientPort: 65535,
  });
  for (const [flag, value] of [
    ['-p', '0'],
    ['-p', '65536'],
    ['-P', '70000'],
    ['-p', 'abc'],
    ['-P', '67.5'],
    ['-p', '1e2'],
    ['-p', '0x43'],
    ['-p', ' 67'],
    ['-P', ''],
  ] as const) {
    const r = parseCli(['-c', 'a.conf', flag, value], true);
    t.equal(r.kind, 'usage', `${flag} '${value}' is refused`);
    if (r.kind === 'usage' && value !== '')
      t.match(r.error, `port specified with ${flag} must be a number in range 1-65535, got '${value}'`);
  }
  const missing = parseCli(['-c', 'a.conf', '-p'], true);
  t.equal(missing.kind, 'usage', '-p without a value');
});

t.test('parseCli: -p is unknown to daemons without DHCP ports', async (t) => {
  for (const flag of ['-p', '-P']) {
    const r = parseCli(['-c', 'a.conf', flag, '1067'], false);
    t.equal(r.kind, 'usage', `${flag} refused`);
  }
});

t.test('parseCli: usage errors', async (t) => {
  const cases: [string[], RegExp][] = [
    [['-x'], /x/],
    [['--config', 'a.conf'], /config/],
    [['-c', 'a.conf', '-t', 'b.conf'], /only one of -c and -t/],
    [[], /configuration file not specified/],
    [['-c'], /c/],
    [['-c', 'a.conf', 'extra'], /extra/],
  ];
  for (const [argv, error] of cases) {
    const r = parseCli(argv, true);
    t.equal(r.kind, 'usage', argv.join(' ') || '(nothing)');
    if (r.kind === 'usage') t.match(r.error, error);
  }
});

t.test('usage text', async (t) => {
  t.match(usageText(BINARY, true), `Usage: ${BINARY} -[v|V|W] [-d] [-{c|t} cfgfile] [-p number] [-P number]`);
  t.notMatch(usageText(BINARY, false), /-p/);
});

t.test('the program: -v, -V, -W', async (t) => {
  const [v, V, W] = await Promise.all([
    runDaemonOnce(t, ['-v']),
    runDaemonOnce(t, ['-V']),
    runDaemonOnce(t, ['-W']),
  ]);
  t.same(v, { code: 0, stdout: `${VERSION}\n`, stderr: '' });
  t.same(V, { code: 0, stdout: `${extendedVersionText()}\n`, stderr: '' });
  t.same(W, { code: 0, stdout: `${buildReportText(BINARY)}\n`, stderr: '' });
});

t.test('the program: -t', async (t) => {
  const dir = tempDir(t);
  const socket = join(dir, 'ctrl.sock');
  const good = writeConfig(join(dir, 'good.conf'), {
    'valid-lifetime': 600,
    'control-socket': socketSection(socket),
  });
  const bad = join(dir, 'bad.conf');
  writeFileSync(bad, `{\n  "${CONFIG_KEY}": {\n    "valid-lifetime": 600,\n    "bogus": 1\n  }\n}\n`);
  const broken = join(dir, 'broken.conf');
  writeFileSync(broken, `{\n  "${CONFIG_KEY}": {\n    "valid-lifetime": 600,,\n  }\n}\n`);
  const env = { KEA_PIDFILE_DIR: dir };
  const [ok, ko, syntax, debug] = await Promise.all([
    runDaemonOnce(t, ['-t', good], env),
    runDaemonOnce(t, ['-t', bad], env),
    runDaemonOnce(t, ['-t', broken], env),
    runDaemonOnce(t, ['-d', '-t', good], env),
  ]);
  t.equal(ok.code, 0, ok.stderr);
  t.match(ok.stdout, /DCTL_CONFIG_CHECK_COMPLETE/);
  t.notMatch(ok.stdout, / DEBUG /, 'no debug output without -d');
  t.equal(ok.stderr, '');
  t.notOk(existsSync(socket), '-t opens no control socket');
  t.same(
    readdirSync(dir).filter((f) => f.endsWith('.pid')),
    [],
    '-t writes no PID file',
  );

  t.equal(ko.code, 1);
  t.match(ko.stderr, `Syntax check failed with: ${bad}:4:5: ${CONFIG_KEY}.bogus: unknown keyword "bogus"`);
  t.match(ko.stdout, /ERROR \[kea-test-daemon\.testd\/\d+\.1\] DCTL_CONFIG_FILE_LOAD_FAIL/);

  t.equal(syntax.code, 1);
  t.match(syntax.stderr, new RegExp(`Syntax check failed with: .*${broken}:3:\\d+`));

  t.equal(debug.code, 0);
  t.match(debug.stdout, / DEBUG /, '-d turns debug output on');
});

t.test('the program: -c with a missing file, usage errors', async (t) => {
  const dir = tempDir(t);
  const missing = join(dir, 'missing.conf');
  const env = { KEA_PIDFILE_DIR: dir };
  const [nofile, unknown, both, noPorts, none] = await Promise.all([
    runDaemonOnce(t, ['-c', missing], env),
    runDaemonOnce(t, ['-x']),
    runDaemonOnce(t, ['-c', missing, '-t', missing]),
    runDaemonOnce(t, ['-c', missing, '-p', '1067'], { TEST_DAEMON_NO_PORTS: '1' }),
    runDaemonOnce(t, []),
  ]);
  t.equal(nofile.code, 1);
  t.match(nofile.stderr, `${BINARY}: cannot read file '${missing}'`);
  t.match(nofile.stderr, /ENOENT|no such file/i);
  t.match(nofile.stdout, /FATAL \[kea-test-daemon\.testd\/\d+\.1\] DCTL_CONFIG_FILE_LOAD_FAIL/);
  t.same(readdirSync(dir), [], 'the PID file is removed again');

  for (const [name, r] of [
    ['unknown flag', unknown],
    ['both -c and -t', both],
    ['no -c', none],
  ] as const) {
    t.equal(r.code, 1, `${name}: exit 1`);
    t.equal(r.stdout, '', `${name}: nothing on stdout`);
    t.match(r.stderr, usageText(BINARY, true), `${name}: usage on stderr`);
  }
  t.match(both.stderr, /only one of -c and -t/);

  t.equal(noPorts.code, 1);
  t.match(noPorts.stderr, usageText(BINARY, false));
  t.notMatch(noPorts.stderr, /\[-p number\]/);
});
