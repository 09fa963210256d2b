// hooks-libraries through the daemon base: a user's .mjs library loaded on commit, its command answered
// over the control socket, parameters and reloads, positioned errors for libraries that cannot be used,
// and the previous set kept when a commit fails.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonValue } from '@kea-ts/cc';
import { sendUnixCommand } from '@kea-ts/config';
import { HOOKS_API_VERSION } from '@kea-ts/hooks';
import t from 'tap';
import { CONFIG_KEY } from './fixtures/app.js';
import { send, socketSection, startInProcess, tempDir } from './helpers.js';

const KEA_LEASE_CMDS = '/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so';

function writeLibrary(dir: string, name = 'hello.mjs', loadResult = 0): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    [
      `export function version() { return ${HOOKS_API_VERSION}; }`,
      'export function load(handle) {',
      "  handle.registerCommandHandler('hello', () => ({ result: 0, text: 'hi ' + handle.getParameter('name') }));",
      `  return ${loadResult};`,
      '}',
      '',
    ].join('\n'),
  );
  return path;
}

function hooks(library: string, name?: string, extra: Record<string, JsonValue> = {}): JsonValue {
  return [{ library, ...(name === undefined ? {} : { parameters: { name } }), ...extra }];
}

t.test('a user library registers a command that answers over the socket', async (t) => {
  const lib = writeLibrary(tempDir(t));
  const { socket, daemon } = await startInProcess(t, { 'hooks-libraries': hooks(lib, 'world') });
  const list = await send(socket, 'list-commands');
  t.ok((list.arguments as string[]).includes('hello'), 'list-commands includes hello');
  const names = list.arguments as string[];
  t.same(names, [...names].sort(), 'still sorted');
  t.same(await send(socket, 'hello'), { result: 0, text: 'hi world' });
  const got = await send(socket, 'config-get');
  t.same((got.arguments as Record<string, Record<string, JsonValue>>)[CONFIG_KEY]!['hooks-libraries'], [
    { library: lib, parameters: { name: 'world' } },
  ]);

  // New parameters reload the library.
  const set = await send(socket, 'config-set', {
    [CONFIG_KEY]: { 'control-socket': socketSection(socket), 'hooks-libraries': hooks(lib, 'there') },
  });
  t.equal(set.result, 0, set.text ?? '');
  t.same(await send(socket, 'hello'), { result: 0, text: 'hi there' });

  // A failing apply() with yet another set: the running set stays.
  const failing = await send(socket, 'config-set', {
    [CONFIG_KEY]: {
      'control-socket': socketSection(socket),
      'hooks-libraries': hooks(lib, 'nobody'),
      'fail-apply': true,
    },
  });
  t.equal(failing.result, 1);
  t.same(await send(socket, 'hello'), { result: 0, text: 'hi there' }, 'previous libraries back in force');

  // A library whose load() fails: rejected, the running set stays.
  const badLoad = writeLibrary(tempDir(t), 'bad-load.mjs', 1);
  const rejected = await send(socket, 'config-set', {
    [CONFIG_KEY]: { 'control-socket': socketSection(socket), 'hooks-libraries': hooks(badLoad, 'x') },
  });
  t.equal(rejected.result, 1);
  t.same(await send(socket, 'hello'), { result: 0, text: 'hi there' });

  // Without libraries the command is gone.
  const none = await send(socket, 'config-set', {
    [CONFIG_KEY]: { 'control-socket': socketSection(socket) },
  });
  t.equal(none.result, 0);
  t.same(await send(socket, 'hello'), { result: 2, text: "'hello' command not supported." });
  t.notOk(daemon.commands.commandNames().includes('hello'));
});

t.test('user-context and comment in a hooks-libraries entry are accepted', async (t) => {
  const lib = writeLibrary(tempDir(t));
  const { socket } = await startInProcess(t);
  const extra = { comment: 'greets', 'user-context': { owner: 'ops' } };
  const test = await send(socket, 'config-test', {
    [CONFIG_KEY]: { 'hooks-libraries': hooks(lib, 'ctx', extra) },
  });
  t.same(test, { result: 0, text: 'Configuration seems sane.' });
  const set = await send(socket, 'config-set', {
    [CONFIG_KEY]: { 'control-socket': socketSection(socket), 'hooks-libraries': hooks(lib, 'ctx', extra) },
  });
  t.same(set, { result: 0, text: 'Configuration successful.' });
  t.same(await send(socket, 'hello'), { result: 0, text: 'hi ctx' });
});

t.test('config-test names the library and its position', async (t) => {
  const dir = tempDir(t);
  const { socket } = await startInProcess(t);
  const missing = join(dir, 'missing.mjs');
  const text = [
    '{ "command": "config-test", "arguments": {',
    `  "${CONFIG_KEY}": {`,
    '    "hooks-libraries": [',
    `      { "library": ${JSON.stringify(missing)} }`,
    '    ]',
    '  }',
    '} }',
  ].join('\n');
  const a = (await sendUnixCommand(socket, text)) as { result: number; text: string };
  t.equal(a.result, 1);
  t.match(a.text, new RegExp(`^<command>:4:\\d+: ${CONFIG_KEY}\\.hooks-libraries\\[0\\]\\.library: `));
  t.match(a.text, missing, 'names the path');

  const kea = await send(socket, 'config-test', {
    [CONFIG_KEY]: { 'hooks-libraries': hooks(KEA_LEASE_CMDS) },
  });
  t.equal(kea.result, 1);
  t.match(kea.text, /^<command>:\d+:\d+: Testd\.hooks-libraries\[0\]\.library: /);
  t.match(kea.text, 'not supported yet');
  t.match(kea.text, KEA_LEASE_CMDS);

  const wrong = join(dir, 'old.mjs');
  writeFileSync(wrong, `export function version() { return ${HOOKS_API_VERSION + 1}; }\n`);
  const old = await send(socket, 'config-test', { [CONFIG_KEY]: { 'hooks-libraries': hooks(wrong) } });
  t.equal(old.result, 1);
  t.match(old.text, /Testd\.hooks-libraries\[0\]\.library: .*version/);
});
