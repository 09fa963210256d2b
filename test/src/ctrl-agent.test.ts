// The control agent as a user meets it: curl over HTTPS with basic auth, bad requests of every kind,
// config-set atomicity, mutual TLS, -t checks with file:line:column, and a second instance refused.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import {
  bin,
  curl,
  freePort,
  makeCerts,
  runSync,
  startProgram,
  type Teardown,
  tempDir,
  waitForFile,
  writeJson,
} from './lib/harness.js';

const agentBin = bin('kea-ctrl-agent');

async function setupAgent(tt: Teardown, extra: Record<string, unknown> = {}) {
  const dir = tempDir(tt);
  const certs = makeCerts(join(dir, 'tls'));
  const port = await freePort();
  writeFileSync(join(dir, 'api-password'), 'secret\n');
  const log = join(dir, 'agent.log');
  const config = {
    'Control-agent': {
      'http-host': '127.0.0.1',
      'http-port': port,
      'trust-anchor': certs.ca,
      'cert-file': certs.server,
      'key-file': certs.serverKey,
      'cert-required': false,
      authentication: {
        type: 'basic',
        realm: 'kea-test',
        directory: dir,
        clients: [{ user: 'admin', 'password-file': 'api-password' }],
      },
      'control-sockets': { dhcp4: { 'socket-type': 'unix', 'socket-name': join(dir, 'kea4.sock') } },
      loggers: [
        { name: 'kea-ctrl-agent', severity: 'DEBUG', debuglevel: 99, output_options: [{ output: log }] },
      ],
      ...extra,
    },
  };
  const file = writeJson(join(dir, 'kea-ctrl-agent.conf'), config);
  const agent = startProgram(tt, agentBin, ['-c', file], { KEA_PIDFILE_DIR: dir });
  // Once the config is in force, the agent logs where its loggers say: the file.
  await waitForFile(log, /CTRL_AGENT_STARTED/);
  const url = `https://127.0.0.1:${port}/`;
  const call = (body: string, args: string[] = []) =>
    curl(['-u', 'admin:secret', '--cacert', certs.ca, url, '-d', body, ...args]);
  return { dir, certs, port, url, log, file, agent, call, config };
}

t.test('list-commands over HTTPS with basic auth, exactly as the README shows it', async (t) => {
  const { call } = await setupAgent(t);
  // No Content-Type header: curl's -d default, which a user types first.
  const res = call('{"command":"list-commands"}');
  t.equal(res.status, 200, res.stderr);
  t.ok(Array.isArray(res.json), 'the agent answers a list');
  const [answer] = res.json as { result: number; arguments: string[] }[];
  t.equal(answer?.result, 0);
  t.same(answer?.arguments, [
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
  ]);
});

t.test('a wrong password gets 401 with WWW-Authenticate, and is logged', async (t) => {
  const { url, certs, log, call } = await setupAgent(t);
  const res = curl(['-u', 'admin:wrong', '--cacert', certs.ca, url, '-d', '{"command":"list-commands"}']);
  t.equal(res.status, 401);
  t.match(res.headers, /WWW-Authenticate: Basic realm="kea-test"/i);
  t.same(res.json, { result: 401, text: 'Unauthorized' });
  const none = curl(['--cacert', certs.ca, url, '-d', '{"command":"list-commands"}']);
  t.equal(none.status, 401);
  t.equal(call('{"command":"status-get"}').status, 200, 'the right password still works');
  const text = readFileSync(log, 'utf8');
  t.match(text, /HTTP_CLIENT_REQUEST_NOT_AUTHORIZED .*admin/);
  t.match(text, /HTTP_CLIENT_REQUEST_NO_AUTH_HEADER/);
  t.notMatch(text, /wrong/, 'the tried password is never logged');
});

t.test('garbage, oversized and deeply nested bodies get clear errors; the agent keeps serving', async (t) => {
  const { call, url, certs } = await setupAgent(t);
  const garbage = call('{"command": "list-commands"');
  t.equal(garbage.status, 400);
  t.match((garbage.json as { text: string }).text, /Bad Request: .*<command>:1:\d+/);

  const notJson = call('hello');
  t.equal(notJson.status, 400);

  const big = curl(
    [
      '-u',
      'admin:secret',
      '--cacert',
      certs.ca,
      url,
      '-H',
      'Content-Type: application/json',
      '--data-binary',
      '@-',
    ],
    `{"command":"config-test","arguments":{"x":"${'a'.repeat(10 * 1024 * 1024)}"}}`,
  );
  t.equal(big.status, 413, 'a 10 MB body is refused');
  t.match((big.json as { text: string }).text, /exceeds/);

  const depth = 100_000;
  const nested = curl(
    [
      '-u',
      'admin:secret',
      '--cacert',
      certs.ca,
      url,
      '-H',
      'Content-Type: application/json',
      '--data-binary',
      '@-',
    ],
    `{"command":"config-test","arguments":${'['.repeat(depth)}${']'.repeat(depth)}}`,
  );
  t.equal(nested.status, 400, 'JSON nested 100,000 levels deep is refused');
  t.match((nested.json as { text: string }).text, /nest|deep/i);

  const missing = call('{"arguments": {}}');
  t.equal(missing.status, 200);
  t.match((missing.json as { result: number; text: string }[])[0], {
    result: 1,
    text: /mandatory 'command'/,
  });

  const notList = call('{"command": "config-get", "service": "dhcp4"}');
  t.match((notList.json as { text: string }[])[0], { result: 1, text: 'service value must be a list' });

  const unknown = call('{"command": "no-such-command"}');
  t.match((unknown.json as { result: number }[])[0], { result: 2 });

  const after = call('{"command":"status-get"}');
  t.equal(after.status, 200, 'the agent still answers after all that');
  t.match((after.json as { result: number; arguments: { pid: number } }[])[0], {
    result: 0,
    arguments: { pid: Number },
  });
});

t.test('config-set with an invalid config is refused and the running one stays', async (t) => {
  const { call, port } = await setupAgent(t);
  const before = call('{"command":"config-get"}').json as { result: number; arguments: unknown }[];
  t.equal(before[0]?.result, 0);
  const bad = call(
    JSON.stringify({
      command: 'config-set',
      arguments: { 'Control-agent': { 'http-host': '127.0.0.1', 'http-port': 'eighty', 'no-such-key': 1 } },
    }),
  );
  const answer = (bad.json as { result: number; text: string }[])[0]!;
  t.equal(answer.result, 1);
  t.match(answer.text, /Control-agent\.http-port: http-port must be an integer/);
  t.match(answer.text, /^<command>:1:\d+: /, 'the error points into the command');
  const unknownKey = call(
    JSON.stringify({ command: 'config-set', arguments: { 'Control-agent': { 'no-such-key': 1 } } }),
  );
  t.match(
    (unknownKey.json as { text: string }[])[0]?.text,
    /unknown keyword "no-such-key" in Control-agent map/,
  );
  const after = call('{"command":"config-get"}').json as {
    arguments: { 'Control-agent': { 'http-port': number } };
  }[];
  t.same(after, before, 'config-get shows the old config unchanged');
  t.equal(after[0]?.arguments['Control-agent']['http-port'], port);
});

t.test('cert-required refuses a client without a certificate in the TLS handshake', async (t) => {
  const { url, certs } = await setupAgent(t, { 'cert-required': true });
  const without = curl([
    '-u',
    'admin:secret',
    '--cacert',
    certs.ca,
    url,
    '-d',
    '{"command":"list-commands"}',
  ]);
  t.equal(without.status, 0, 'no HTTP status at all');
  t.not(without.exitCode, 0, 'curl fails');
  t.match(without.stderr, /SSL|TLS|alert|handshake|certificate/i);
  const withCert = curl([
    '-u',
    'admin:secret',
    '--cacert',
    certs.ca,
    '--cert',
    certs.client,
    '--key',
    certs.clientKey,
    url,
    '-d',
    '{"command":"list-commands"}',
  ]);
  t.equal(withCert.status, 200, withCert.stderr);
});

t.test('-t checks a config: exit 0 when valid, 1 with file:line:column when not', async (t) => {
  const { file, dir } = await setupAgent(t);
  const good = runSync(agentBin, ['-t', file]);
  t.equal(good.status, 0, good.stderr);
  const badFile = join(dir, 'bad.conf');
  writeFileSync(
    badFile,
    [
      '// a comment',
      '{',
      '  "Control-agent": {',
      '    # shell-style comment',
      '    "http-host": "127.0.0.1",',
      '    /* a block',
      '       comment */ "http-prot": 8000',
      '  }',
      '}',
    ].join('\n'),
  );
  const bad = runSync(agentBin, ['-t', badFile]);
  t.equal(bad.status, 1);
  t.match(
    bad.stderr,
    `${badFile}:7:19: Control-agent.http-prot: unknown keyword "http-prot" in Control-agent map`,
  );
});

t.test('a second instance with the same config refuses to start', async (t) => {
  const { file, dir, call } = await setupAgent(t);
  const second = runSync(agentBin, ['-c', file], { env: { KEA_PIDFILE_DIR: dir }, timeout: 15_000 });
  t.equal(second.status, 1);
  t.match(second.stdout + second.stderr, /DCTL_ALREADY_RUNNING|still running/);
  t.equal(call('{"command":"status-get"}').status, 200, 'the first keeps serving');
});

t.test('SIGHUP reloads the file; a broken file keeps the running config', async (t) => {
  const { file, agent, call, config, log } = await setupAgent(t);
  const section = config['Control-agent'] as Record<string, unknown>;
  writeJson(file, { 'Control-agent': { ...section, 'user-context': { marker: 'reloaded' } } });
  agent.child.kill('SIGHUP');
  await waitForFile(log, /DCTL_CFG_FILE_RELOAD_SIGNAL_RECVD[\s\S]*DCTL_CONFIG_COMPLETE/);
  const got = call('{"command":"config-get"}').json as {
    arguments: { 'Control-agent': Record<string, unknown> };
  }[];
  t.same(got[0]?.arguments['Control-agent']['user-context'], { marker: 'reloaded' });
  writeFileSync(file, '{ "Control-agent": { "http-port": } }');
  agent.child.kill('SIGHUP');
  await waitForFile(log, /DCTL_CFG_FILE_RELOAD_ERROR/);
  const still = call('{"command":"config-get"}').json as {
    arguments: { 'Control-agent': Record<string, unknown> };
  }[];
  t.same(still[0]?.arguments['Control-agent']['user-context'], { marker: 'reloaded' });
});

t.test('shutdown command stops the agent with the given exit value and removes its PID file', async (t) => {
  const { call, agent, dir } = await setupAgent(t);
  const res = call('{"command":"shutdown","arguments":{"exit-value":3}}');
  t.match((res.json as { result: number }[])[0], { result: 0 });
  t.equal(await agent.exited, 3);
  t.throws(() => readFileSync(join(dir, 'kea-ctrl-agent.kea-ctrl-agent.pid')), 'PID file removed');
});

t.test("a user's hook library loads with its parameters and answers its own command", async (t) => {
  const dir = tempDir(t);
  const library = join(dir, 'hello-hook.mjs');
  writeFileSync(
    library,
    [
      'export function version() { return 1; }',
      'export function load(handle) {',
      "  const name = handle.getParameter('name');",
      "  handle.registerCommandHandler('hello', () => ({ result: 0, text: 'hello ' + name }));",
      '  return 0;',
      '}',
    ].join('\n'),
  );
  const { call } = await setupAgent(t, { 'hooks-libraries': [{ library, parameters: { name: 'world' } }] });
  t.match(call('{"command":"hello"}').json, [{ result: 0, text: 'hello world' }]);
  const list = call('{"command":"list-commands"}').json as { arguments: string[] }[];
  t.ok(list[0]?.arguments.includes('hello'), 'list-commands shows the library command');
});

t.test('hook library paths that cannot load are config errors, never ignored', async (t) => {
  const dir = tempDir(t);
  const check = (library: string) => {
    const file = writeJson(join(dir, 'hooks.conf'), {
      'Control-agent': { 'hooks-libraries': [{ library }] },
    });
    return runSync(agentBin, ['-t', file]);
  };
  const kea = check('/usr/lib/x86_64-linux-gnu/kea/hooks/libca_rbac.so');
  t.equal(kea.status, 1);
  t.match(kea.stderr, /hooks\.conf:\d+:\d+: .*not supported yet/);
  const missing = check(join(dir, 'nowhere.mjs'));
  t.equal(missing.status, 1);
  t.match(missing.stderr, /nowhere\.mjs/);
  const other = check('/etc/passwd');
  t.equal(other.status, 1);
  t.match(other.stderr, /not a JavaScript module or a known Kea hook library/);
});
