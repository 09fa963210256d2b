// Log lines with Kea's message IDs land on '<root>.hooks' and '<root>.callouts'.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configureLoggers, shutdownLogging } from '@kea-ts/log';
import t from 'tap';
import { HookPointRegistry, HooksManager, runCallouts } from '../src/index.js';
import { LIB_THROWS_IN_CALLOUT, LIB_WRONG_VERSION, resetTrace } from './fixtures.js';

t.test('message IDs on the hooks and callouts loggers', async (t) => {
  const dir = t.testdir({ 'v2.mjs': LIB_WRONG_VERSION, 'bad.mjs': LIB_THROWS_IN_CALLOUT });
  const logFile = join(dir, 'hooks.log');
  configureLoggers([
    { name: 'logtest', severity: 'DEBUG', debuglevel: 99, output_options: [{ output: logFile }] },
  ]);
  resetTrace();
  const registry = new HookPointRegistry();
  const receive = registry.define<{ id: number }>('pkt4_receive');
  const mgr = new HooksManager({ loggerName: 'logtest', registry });
  await t.rejects(mgr.load([{ library: join(dir, 'v2.mjs') }]));
  await mgr.load([{ library: join(dir, 'bad.mjs') }]);
  runCallouts(receive, { id: 1 });
  await mgr.unload();
  await shutdownLogging();
  const text = readFileSync(logFile, 'utf8');
  t.match(
    text,
    /ERROR \[logtest\.hooks\/\d+\.\d+\] HOOKS_INCORRECT_VERSION hook library .*v2\.mjs reports hooks API version 2/,
  );
  t.match(text, /DEBUG \[logtest\.hooks\/\d+\.\d+\] HOOKS_LIBRARY_LOADING loading hook library/);
  t.match(
    text,
    /DEBUG \[logtest\.hooks\/\d+\.\d+\] HOOKS_STD_CALLOUT_REGISTERED .*bad\.mjs exports a callout for hook pkt4_receive/,
  );
  t.match(text, /INFO {2}\[logtest\.hooks\/\d+\.\d+\] HOOKS_LIBRARY_LOADED hook library .*bad\.mjs loaded/);
  t.match(
    text,
    /ERROR \[logtest\.callouts\/\d+\.\d+\] HOOKS_CALLOUT_EXCEPTION callout on hook pkt4_receive .*: callout broke/,
  );
  t.match(text, /HOOKS_LIBRARY_UNLOADED hook library .*bad\.mjs unloaded/);
});
