// Every command the base gives a daemon, sent over the real UNIX control socket of an in-process daemon
// built like the future DHCP daemons (fixtures/app.ts).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonValue } from '@kea-ts/cc';
import { sendUnixCommand } from '@kea-ts/config';
import t from 'tap';
import { buildReportText, extendedVersionText, VERSION } from '../src/index.js';
import { BINARY, CONFIG_KEY } from './fixtures/app.js';
import {
  answers,
  runDaemonOnce,
  section,
  send,
  socketSection,
  startInProcess,
  waitFor,
  writeConfig,
} from './helpers.js';

const ALL_COMMON = [
  'build-report',
  'config-get',
  'config-reload',
  'config-set',
  'config-test',
  'config-write',
  'list-commands',
  'shutdown',
  'status-get',
  'version-get',
];

/** 1-based line and column of the first occurrence of `needle` in `text`. */
function lineCol(text: string, needle: string): string {
  const at = text.indexOf(needle);
  const before = text.slice(0, at).split('\n');
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}

t.test('build-report answers the -W text', async (t) => {
  const { socket } = await startInProcess(t);
  const a = await send(socket, 'build-report');
  t.equal(a.result, 0);
  t.equal(a.text, buildReportText(BINARY));
  t.match(a.text, /Program: +kea-test-daemon/);
});

t.test('config-get shows the running config with defaults, under the daemon key', async (t) => {
  const { socket } = await startInProcess(t);
  const a = await send(socket, 'config-get');
  t.equal(a.result, 0);
  t.same(a.arguments, {
    [CONFIG_KEY]: {
      'valid-lifetime': 7200,
      'control-socket': socketSection(socket),
      'hooks-libraries': [],
      loggers: [],
    },
  });
});

t.test('config-set with a valid config puts it in force and resets status-get reload', async (t) => {
  const { socket, app } = await startInProcess(t);
  // reload counts whole seconds: wait until it is at least 1 so that a reset is visible.
  await waitFor('reload >= 1', async () => {
    const s = await send(socket, 'status-get');
    return ((s.arguments as { reload: number }).reload ?? 0) >= 1;
  });
  const a = await send(socket, 'config-set', {
    [CONFIG_KEY]: { 'valid-lifetime': 3600, 'control-socket': socketSection(socket) },
  });
  t.same(a, { result: 0, text: 'Configuration successful.' });
  const got = await send(socket, 'config-get');
  t.equal(section(got.arguments)['valid-lifetime'], 3600);
  t.equal(app.applied.at(-1)?.validLifetime, 3600);
  const status = await send(socket, 'status-get');
  const args = status.arguments as { reload: number; uptime: number };
  t.equal(args.reload, 0, 'reload counts from the config-set');
  t.ok(args.uptime >= 1, 'uptime still counts from the start');
});

t.test('config-set with an invalid config: error at <command>:line:col with the key path', async (t) => {
  const { socket, app } = await startInProcess(t, { 'valid-lifetime': 1000 });
  const applied = app.applied.length;

  const badType = [
    '{ "command": "config-set",',
    '  "arguments": {',
    `    "${CONFIG_KEY}": {`,
    '      "valid-lifetime": "long"',
    '    }',
    '  }',
    '}',
  ].join('\n');
  let a = (await sendUnixCommand(socket, badType)) as { result: number; text: string };
  t.equal(a.result, 1);
  t.equal(
    a.text,
    `<command>:${lineCol(badType, '"valid-lifetime"')}: ${CONFIG_KEY}.valid-lifetime: valid-lifetime must be an integer`,
  );

  const unknownKey = [
    '{ "command": "config-set",',
    '  "arguments": {',
    `    "${CONFIG_KEY}": {`,
    `      "control-socket": ${JSON.stringify(socketSection(socket))},`,
    '      "renew-timer": 100',
    '    }',
    '  }',
    '}',
  ].join('\n');
  a = (await sendUnixCommand(socket, unknownKey)) as { result: number; text: string };
  t.equal(a.result, 1);
  t.equal(
    a.text,
    `<command>:${lineCol(unknownKey, '"renew-timer"')}: ${CONFIG_KEY}.renew-timer: unknown keyword "renew-timer" in ${CONFIG_KEY} map`,
  );

  a = (await send(socket, 'config-set', { Dhcp4: {} })) as { result: number; text: string };
  t.equal(a.result, 1);
  t.match(a.text, /unexpected top-level object "Dhcp4"/);

  a = (await send(socket, 'config-set')) as { result: number; text: string };
  t.equal(a.result, 1, 'config-set without arguments is an error');
  t.match(a.text, /arguments/);

  const got = await send(socket, 'config-get');
  t.equal(section(got.arguments)['valid-lifetime'], 1000, 'config unchanged');
  t.equal(app.applied.length, applied, 'nothing was applied');
});

t.test('config-set whose apply() throws keeps the old config and the control socket', async (t) => {
  const { socket, dir, app } = await startInProcess(t, { 'valid-lifetime': 1000 });
  const applied = app.applied.length;
  const a = await send(socket, 'config-set', {
    [CONFIG_KEY]: { 'valid-lifetime': 2000, 'fail-apply': true, 'control-socket': socketSection(socket) },
  });
  t.equal(a.result, 1);
  t.match(a.text, /apply failed on purpose/);
  t.match(a.text, /running one is kept/);
  const got = await send(socket, 'config-get');
  t.equal(section(got.arguments)['valid-lifetime'], 1000, 'old config still in force');
  t.notOk('fail-apply' in section(got.arguments));
  t.equal(app.applied.length, applied);

  // A failing apply that also asked for another socket: the new one is closed again, the old one stays.
  const other = join(dir, 'other.sock');
  const b = await send(socket, 'config-set', {
    [CONFIG_KEY]: { 'fail-apply': true, 'control-socket': socketSection(other) },
  });
  t.equal(b.result, 1);
  t.notOk(existsSync(other), 'the socket opened for the rejected config is gone');
  t.ok(await answers(socket), 'the old socket still answers');
});

t.test('config-set that moves the control socket', async (t) => {
  const { socket, dir } = await startInProcess(t);
  const moved = join(dir, 'moved.sock');
  const a = await send(socket, 'config-set', {
    [CONFIG_KEY]: { 'valid-lifetime': 900, 'control-socket': socketSection(moved) },
  });
  t.same(a, { result: 0, text: 'Configuration successful.' }, 'answered on the old socket');
  await waitFor('the old socket file to go', () => !existsSync(socket));
  t.ok(await answers(moved), 'the new socket answers');
  const got = await send(moved, 'config-get');
  t.same(section(got.arguments)['control-socket'], socketSection(moved));
  await t.rejects(send(socket, 'version-get'), 'nothing answers on the old path');
});

t.test('config-test checks without changing anything', async (t) => {
  const { socket, dir, app } = await startInProcess(t, { 'valid-lifetime': 1000 });
  const applied = app.applied.length;
  const other = join(dir, 'test.sock');
  const good = await send(socket, 'config-test', {
    [CONFIG_KEY]: { 'valid-lifetime': 5, 'control-socket': socketSection(other) },
  });
  t.same(good, { result: 0, text: 'Configuration seems sane.' });
  t.notOk(existsSync(other), 'config-test opens no socket');
  const bad = await send(socket, 'config-test', { [CONFIG_KEY]: { 'valid-lifetime': -1 } });
  t.equal(bad.result, 1);
  t.match(bad.text, /^<command>:\d+:\d+: Testd\.valid-lifetime: valid-lifetime must not be negative$/);
  const got = await send(socket, 'config-get');
  t.equal(section(got.arguments)['valid-lifetime'], 1000);
  t.equal(app.applied.length, applied);
});

t.test('config-write', async (t) => {
  const { socket, dir, configFile } = await startInProcess(t, { 'valid-lifetime': 1234 });
  const current = (await send(socket, 'config-get')).arguments;

  const a = await send(socket, 'config-write');
  t.equal(a.result, 0);
  t.same(a.arguments, { filename: configFile, size: readFileSync(configFile).length });
  t.same(JSON.parse(readFileSync(configFile, 'utf8')), current, 'default file is the -c file');

  const b = await send(socket, 'config-write', { filename: 'copy.json' });
  t.equal(b.result, 0);
  const copy = join(dir, 'copy.json');
  t.equal((b.arguments as { filename: string }).filename, copy, 'a relative name lands in the config dir');
  t.same(JSON.parse(readFileSync(copy, 'utf8')), current);

  for (const outside of ['../escape.json', '/tmp/kea-proc-escape.json', join(dir, '..', 'x.json')]) {
    const c = await send(socket, 'config-write', { filename: outside });
    t.equal(c.result, 1, `${outside} refused`);
    t.match(c.text, /not allowed to write config/);
  }
  t.notOk(existsSync('/tmp/kea-proc-escape.json'));
  t.notOk(existsSync(join(dir, '..', 'escape.json')));

  const d = await send(socket, 'config-write', { filename: 7 });
  t.equal(d.result, 1, 'a non-string filename is refused');

  const check = await runDaemonOnce(t, ['-t', copy]);
  t.equal(check.code, 0, `the written file passes -t: ${check.stdout}${check.stderr}`);
});

t.test('config-reload: a good file is loaded, a broken one leaves the running config', async (t) => {
  const { socket, configFile } = await startInProcess(t, { 'valid-lifetime': 1000 });
  writeConfig(configFile, { 'valid-lifetime': 4000, 'control-socket': socketSection(socket) });
  const a = await send(socket, 'config-reload');
  t.same(a, { result: 0, text: 'Configuration successful.' });
  t.equal(section((await send(socket, 'config-get')).arguments)['valid-lifetime'], 4000);

  writeFileSync(configFile, `{ "${CONFIG_KEY}": {\n  "valid-lifetime": 5000,\n  "bogus": true\n} }\n`);
  const b = await send(socket, 'config-reload');
  t.equal(b.result, 1);
  t.match(b.text, `Config reload failed: ${configFile}:3:3: ${CONFIG_KEY}.bogus: unknown keyword "bogus"`);

  writeFileSync(configFile, `{ "${CONFIG_KEY}": {\n  "valid-lifetime": 5000,\n`);
  const c = await send(socket, 'config-reload');
  t.equal(c.result, 1);
  t.match(c.text, `Config reload failed: ${configFile}:`);
  t.equal(section((await send(socket, 'config-get')).arguments)['valid-lifetime'], 4000);
  t.ok(await answers(socket));
});

t.test('list-commands lists the ten common commands, sorted', async (t) => {
  const { socket } = await startInProcess(t);
  const a = await send(socket, 'list-commands');
  t.equal(a.result, 0);
  t.same(a.arguments, ALL_COMMON);
});

t.test('status-get and version-get', async (t) => {
  const { socket } = await startInProcess(t);
  const s = await send(socket, 'status-get');
  t.equal(s.result, 0);
  const args = s.arguments as Record<string, JsonValue>;
  t.equal(args.pid, process.pid);
  t.ok(Number.isInteger(args.uptime) && (args.uptime as number) >= 0);
  t.ok(Number.isInteger(args.reload) && (args.reload as number) >= 0);
  t.equal(args['test-daemon'], true, "the app's own status arguments are merged in");

  const v = await send(socket, 'version-get');
  t.same(v, { result: 0, text: VERSION, arguments: { extended: extendedVersionText() } });
});

t.test('unknown commands and garbage', async (t) => {
  const { socket } = await startInProcess(t);
  t.same(await send(socket, 'lease4-get-all'), {
    result: 2,
    text: "'lease4-get-all' command not supported.",
  });
  const junk = (await sendUnixCommand(socket, '{"command": }')) as { result: number };
  t.equal(junk.result, 1);
  t.ok(await answers(socket), 'still answering');
});

t.test('shutdown rejects a non-integer exit-value without stopping', async (t) => {
  const { socket } = await startInProcess(t);
  const a = await send(socket, 'shutdown', { 'exit-value': 'two' });
  t.equal(a.result, 1);
  t.match(a.text, /exit-value/);
  t.ok(await answers(socket));
});
