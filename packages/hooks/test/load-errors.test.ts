// What goes wrong when loading: bad paths, versions, load() failures with rollback, config shape.
import { join } from 'node:path';
import t from 'tap';
import {
  BuiltinLibraries,
  HOOKS_API_VERSION,
  HookPointRegistry,
  HooksManager,
  parseHooksLibraries,
} from '../src/index.js';
import {
  LIB_A,
  LIB_BAD_HOOK,
  LIB_LOAD_NONZERO,
  LIB_LOAD_THROWS,
  LIB_NO_VERSION,
  LIB_SYNTAX_ERROR,
  LIB_WRONG_VERSION,
  resetTrace,
} from './fixtures.js';

function setup() {
  const registry = new HookPointRegistry();
  const receive = registry.define<{ id: number }>('pkt4_receive');
  registry.define('pkt4_send');
  const builtins = new BuiltinLibraries();
  const mgr = new HooksManager({ loggerName: 'test-hooks', registry, builtins });
  return { registry, receive, builtins, mgr };
}

t.test('paths that are not loadable', async (t) => {
  const { mgr } = setup();
  const so = '/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so';
  await t.rejects(mgr.load([{ library: so }]), {
    code: 'KEA_ERR_HOOKS_UNSUPPORTED',
    message: `hook library ${so} is not supported yet: no built-in equivalent of libdhcp_lease_cmds.so`,
    path: 'hooks-libraries/0/library',
  });
  await t.rejects(mgr.validate([{ library: '/opt/hooks/libmine.so' }]), {
    code: 'KEA_ERR_HOOKS_NOT_MODULE',
    message: 'hook library /opt/hooks/libmine.so: not a JavaScript module or a known Kea hook library',
  });
  await t.rejects(mgr.load([{ library: '/tmp/hook.py' }]), { code: 'KEA_ERR_HOOKS_NOT_MODULE' });
  const missing = '/nonexistent/dir/my-hook.mjs';
  await t.rejects(mgr.load([{ library: missing }]), {
    code: 'KEA_ERR_HOOKS_OPEN',
    message: `hook library ${missing}: file ${missing} not found`,
  });
  const dir = t.testdir({ 'broken.mjs': LIB_SYNTAX_ERROR });
  await t.rejects(mgr.load([{ library: join(dir, 'broken.mjs') }]), {
    code: 'KEA_ERR_HOOKS_OPEN',
    message: /^cannot open hook library .*broken\.mjs: /,
  });
  t.equal(mgr.libraryCount, 0);
});

t.test('a registered built-in stands in for the Kea library name', async (t) => {
  const { mgr, builtins, receive } = setup();
  const seen: number[] = [];
  builtins.register('libdhcp_lease_cmds.so', async () => ({
    version: () => HOOKS_API_VERSION,
    pkt4_receive: (h: { args: { id: number } }) => {
      seen.push(h.args.id);
    },
  }));
  await mgr.load([{ library: '/usr/lib/kea/hooks/libdhcp_lease_cmds.so' }]);
  await mgr.validate([{ library: 'libdhcp_lease_cmds.so' }]);
  receive.callouts![0]!({ args: { id: 3 } } as never);
  t.same(seen, [3]);
  await mgr.unload();
});

t.test('version checks', async (t) => {
  const dir = t.testdir({ 'v2.mjs': LIB_WRONG_VERSION, 'nov.mjs': LIB_NO_VERSION });
  const { mgr } = setup();
  await t.rejects(mgr.load([{ library: join(dir, 'v2.mjs') }]), {
    code: 'KEA_ERR_HOOKS_VERSION',
    message: `hook library ${join(dir, 'v2.mjs')} is at version 2, require version 1`,
  });
  await t.rejects(mgr.validate([{ library: join(dir, 'nov.mjs') }]), {
    code: 'KEA_ERR_HOOKS_NO_VERSION',
    message: `hook library ${join(dir, 'nov.mjs')} has no 'version' function`,
  });
});

t.test('validate opens libraries without calling load()', async (t) => {
  const dir = t.testdir({ 'a.mjs': LIB_A });
  const trace = resetTrace();
  const { mgr, receive } = setup();
  const libs = await mgr.validate([{ library: join(dir, 'a.mjs'), parameters: { answer: 1 } }]);
  t.equal(libs.length, 1);
  t.same(trace, []);
  t.equal(receive.callouts, null);
});

t.test('a failing load() rolls back the new set and keeps the old one', async (t) => {
  const dir = t.testdir({
    'a.mjs': LIB_A,
    'throws.mjs': LIB_LOAD_THROWS,
    'nonzero.mjs': LIB_LOAD_NONZERO,
    'badhook.mjs': LIB_BAD_HOOK,
  });
  const trace = resetTrace();
  const { mgr, receive } = setup();
  const a = join(dir, 'a.mjs');
  await mgr.load([{ library: a, parameters: { set: 'old' } }]);
  const oldCallouts = receive.callouts;
  t.equal(oldCallouts?.length, 2);
  trace.length = 0;

  await t.rejects(mgr.load([{ library: a }, { library: join(dir, 'throws.mjs') }]), {
    code: 'KEA_ERR_HOOKS_LOAD',
    message: `'load' of hook library ${join(dir, 'throws.mjs')} failed: cannot reach the database`,
    path: 'hooks-libraries/1/library',
  });
  t.same(trace, ['A-load:1:{}:undefined:undefined', 'A-unload'], 'the new A was loaded, then unloaded');
  t.equal(receive.callouts, oldCallouts, 'old callouts still active');
  t.same(mgr.libraries(), [{ library: a, parameters: { set: 'old' } }]);
  t.ok(mgr.commandHandlers().has('a-get'));

  await t.rejects(mgr.load([{ library: join(dir, 'nonzero.mjs') }]), {
    code: 'KEA_ERR_HOOKS_LOAD',
    message: `'load' of hook library ${join(dir, 'nonzero.mjs')} returned error 7`,
  });
  await t.rejects(mgr.load([{ library: join(dir, 'badhook.mjs') }]), {
    code: 'KEA_ERR_HOOKS_UNKNOWN_POINT',
    message: /registers a callout on unknown hook point 'no_such_hook'/,
  });
  await t.rejects(mgr.load([{ library: a }, { library: a }]), {
    code: 'KEA_ERR_HOOKS_DUPLICATE_COMMAND',
    message: /registers command 'a-get' already provided by/,
  });
  t.equal(mgr.libraryCount, 1);

  trace.length = 0;
  await mgr.load([]);
  t.same(trace, ['A-unload'], 'loading an empty set unloads the old one');
  t.equal(receive.callouts, null);
});

t.test('multi-threading: a library must declare itself compatible', async (t) => {
  const dir = t.testdir({ 'nonzero.mjs': LIB_LOAD_NONZERO, 'a.mjs': LIB_A });
  resetTrace();
  const { mgr } = setup();
  await t.rejects(mgr.load([{ library: join(dir, 'nonzero.mjs') }], { multiThreading: true }), {
    code: 'KEA_ERR_HOOKS_MULTI_THREADING',
  });
  await mgr.load([{ library: join(dir, 'a.mjs') }], { multiThreading: true });
  t.equal(mgr.libraryCount, 1);
  await mgr.unload();
});

t.test('hooks-libraries shape', async (t) => {
  t.same(parseHooksLibraries(undefined), []);
  t.same(parseHooksLibraries([{ library: ' /x/a.mjs ' }]), [{ library: '/x/a.mjs' }]);
  t.throws(() => parseHooksLibraries({}), { code: 'KEA_ERR_HOOKS_CONFIG', path: 'hooks-libraries' });
  t.throws(() => parseHooksLibraries(['x']), { code: 'KEA_ERR_HOOKS_CONFIG', path: 'hooks-libraries/0' });
  t.throws(() => parseHooksLibraries([{}]), { message: "hooks-libraries entry 0 has no 'library' name" });
  t.throws(() => parseHooksLibraries([{ library: '  ' }]), { message: "'library' must not be blank" });
  t.throws(() => parseHooksLibraries([{ library: 1 }]), { message: "'library' must be a string" });
  t.throws(() => parseHooksLibraries([{ library: '/a.mjs', parameters: [] }]), {
    message: "'parameters' of hook library /a.mjs must be a map",
    path: 'hooks-libraries/0/parameters',
  });
  t.throws(() => parseHooksLibraries([{ library: '/a.mjs', param: {} }]), {
    message: 'unknown hooks library parameter: param',
    path: 'hooks-libraries/0/param',
  });
});
