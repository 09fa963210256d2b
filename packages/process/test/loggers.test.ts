// The `loggers` entry through the base: the daemon's own lines land in a configured file in Kea's format,
// and a logger output that cannot be opened is a rejected config, not a half-applied one.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { BINARY, CONFIG_KEY } from './fixtures/app.js';
import { send, socketSection, startChild, tempDir, waitFor, writeConfig } from './helpers.js';

const STAMP = '\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}';

function fileLogger(file: string) {
  return [{ name: BINARY, severity: 'INFO', output_options: [{ output: file }] }];
}

t.test('a file output receives the daemon lines in Kea format', async (t) => {
  const dir = tempDir(t);
  const socket = join(dir, 'ctrl.sock');
  const logFile = join(dir, 'kea-test.log');
  const configFile = writeConfig(join(dir, 'kea-test.conf'), {
    'control-socket': socketSection(socket),
    loggers: fileLogger(logFile),
  });
  const child = await startChild(t, configFile, socket, { KEA_PIDFILE_DIR: dir });
  const line = (logger: string, sev: string, rest: string) =>
    new RegExp(
      `^${STAMP} ${sev.padEnd(5)} \\[${logger.replaceAll('.', '\\.')}/${child.pid}\\.1\\] ${rest}$`,
      'm',
    );
  await waitFor(
    'DCTL_CONFIG_COMPLETE in the file',
    () => existsSync(logFile) && /DCTL_CONFIG_COMPLETE/.test(readFileSync(logFile, 'utf8')),
  );
  t.match(
    readFileSync(logFile, 'utf8'),
    line(
      `${BINARY}.testd`,
      'INFO',
      'DCTL_CONFIG_COMPLETE server has completed configuration: valid-lifetime 7200',
    ),
  );
  t.match(child.stdout(), /DCTL_STARTING kea-test-daemon starting/, 'before the config: stdout');
  t.notMatch(child.stdout(), /DCTL_CONFIG_COMPLETE/, 'after the config: the file only');

  await send(socket, 'version-get');
  await waitFor('the command in the file', () => /COMMAND_RECEIVED/.test(readFileSync(logFile, 'utf8')));
  t.match(
    readFileSync(logFile, 'utf8'),
    line(`${BINARY}.commands`, 'INFO', "COMMAND_RECEIVED .*'version-get'.*"),
  );

  // config-get shows the entry with Kea's defaults filled in.
  const got = await send(socket, 'config-get');
  t.same((got.arguments as Record<string, Record<string, unknown>>)[CONFIG_KEY]!.loggers, [
    {
      name: BINARY,
      severity: 'INFO',
      debuglevel: 0,
      output_options: [{ output: logFile, pattern: '', flush: true, maxsize: 10240000, maxver: 1 }],
    },
  ]);

  await send(socket, 'shutdown');
  await child.exited;
  t.match(readFileSync(logFile, 'utf8'), line(`${BINARY}.testd`, 'INFO', 'DCTL_SHUTDOWN .*'));
});

t.test('a logger output that cannot be opened rejects the config and keeps the old one', async (t) => {
  const dir = tempDir(t);
  const socket = join(dir, 'ctrl.sock');
  const logFile = join(dir, 'kea-test.log');
  const configFile = writeConfig(join(dir, 'kea-test.conf'), {
    'valid-lifetime': 1000,
    'control-socket': socketSection(socket),
    loggers: fileLogger(logFile),
  });
  const child = await startChild(t, configFile, socket, { KEA_PIDFILE_DIR: dir });
  const unopenable = join(dir, 'no-such-dir', 'x.log');
  const a = await send(socket, 'config-set', {
    [CONFIG_KEY]: {
      'valid-lifetime': 2000,
      'control-socket': socketSection(socket),
      loggers: fileLogger(unopenable),
    },
  });
  t.equal(a.result, 1, 'rejected');
  t.match(a.text, /no-such-dir/);
  const got = await send(socket, 'config-get');
  const section = (got.arguments as Record<string, Record<string, unknown>>)[CONFIG_KEY]!;
  t.equal(section['valid-lifetime'], 1000, 'old config still in force');
  t.same(section.loggers, [
    {
      name: BINARY,
      severity: 'INFO',
      debuglevel: 0,
      output_options: [{ output: logFile, pattern: '', flush: true, maxsize: 10240000, maxver: 1 }],
    },
  ]);
  await send(socket, 'status-get');
  await waitFor('logging still goes to the old file', () =>
    /COMMAND_RECEIVED .*'status-get'/.test(readFileSync(logFile, 'utf8')),
  );
  t.ok(child.running());
});
