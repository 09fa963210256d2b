// The UNIX control channel end to end on a real socket: partial reads, concurrent clients, large
// answers, owner-only permissions, stale and busy socket files, and the command manager behind it.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAnswer } from '@kea-ts/cc';
import t from 'tap';
import { CommandMgr, sendUnixCommand, UnixControlServer } from '../src/index.js';

function setup(t: { teardown(fn: () => unknown): void }) {
  const dir = mkdtempSync(join(tmpdir(), 'kea-cc-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const mgr = new CommandMgr({ loggerName: 'kea-test' });
  mgr.register('echo', (args) => createAnswer(0, 'echo', args ?? null));
  mgr.register('big', (args) => {
    const size = typeof args === 'object' && args && !Array.isArray(args) ? Number(args.size) : 0;
    return createAnswer(0, 'big', { data: 'x'.repeat(size) });
  });
  mgr.register(
    'slow',
    () => new Promise((resolve) => setTimeout(() => resolve(createAnswer(0, 'slow')), 200)),
  );
  mgr.register('boom', () => {
    throw new Error('kaboom');
  });
  const socketName = join(dir, 'ctrl.sock');
  const server = new UnixControlServer({
    socketName,
    loggerName: 'kea-test',
    onCommand: (text) => mgr.processText(text),
  });
  t.teardown(() => server.stop());
  return { dir, mgr, server, socketName };
}

/** Sends raw pieces with pauses and reads the whole answer until the server closes. */
function sendPieces(path: string, pieces: string[], pauseMs = 20, endAfter = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    let answer = '';
    socket.on('data', (d) => {
      answer += d.toString();
    });
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
    socket.on('connect', async () => {
      for (const p of pieces) {
        socket.write(p);
        await new Promise((r) => setTimeout(r, pauseMs));
      }
      if (endAfter) socket.end();
    });
  });
}

t.test('a command split into many pieces is answered once complete', async (t) => {
  const { server, socketName } = setup(t);
  await server.start();
  const text = '{ "command": "echo", // comment\n "arguments": { "a": "}{" } }';
  const pieces = text.split('');
  const answer = JSON.parse(await sendPieces(socketName, pieces, 1));
  t.same(answer, { result: 0, text: 'echo', arguments: { a: '}{' } });
});

t.test('the socket file is owner-only', async (t) => {
  const { server, socketName } = setup(t);
  await server.start();
  t.equal(statSync(socketName).mode & 0o777, 0o600);
});

t.test('concurrent clients each get their own answer', async (t) => {
  const { server, socketName } = setup(t);
  await server.start();
  const answers = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      sendUnixCommand(socketName, { command: i % 5 === 0 ? 'slow' : 'echo', arguments: { i } }),
    ),
  );
  answers.forEach((a, i) => {
    if (i % 5 === 0) t.same(a, { result: 0, text: 'slow' });
    else t.same(a, { result: 0, text: 'echo', arguments: { i } });
  });
});

t.test('a large answer arrives whole', async (t) => {
  const { server, socketName } = setup(t);
  await server.start();
  const size = 20 * 1024 * 1024;
  const answer = (await sendUnixCommand(socketName, { command: 'big', arguments: { size } })) as {
    arguments: { data: string };
  };
  t.equal(answer.arguments.data.length, size);
});

t.test('errors become answers, and the channel keeps serving', async (t) => {
  const { server, socketName } = setup(t);
  await server.start();
  t.match(await sendUnixCommand(socketName, '{"command": "nope"}'), {
    result: 2,
    text: "'nope' command not supported.",
  });
  t.match(await sendUnixCommand(socketName, '{"command": "boom"}'), { result: 1, text: /kaboom/ });
  t.match(await sendUnixCommand(socketName, '{"arguments": {}}'), { result: 1, text: /command/ });
  t.match(
    JSON.parse(await sendPieces(socketName, ['{"command": "echo"'], 5, true)),
    { result: 1 },
    'half a command, then EOF',
  );
  t.match(await sendUnixCommand(socketName, 'not json'), { result: 1 });
  const deep = `{"command":"echo","arguments":{"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`;
  t.match(await sendUnixCommand(socketName, deep), { result: 1, text: /deep|nest/i });
  t.same(await sendUnixCommand(socketName, '{"command": "echo"}'), {
    result: 0,
    text: 'echo',
    arguments: null,
  });
  const list = (await sendUnixCommand(socketName, '{"command": "list-commands"}')) as { arguments: string[] };
  t.same(list.arguments, ['big', 'boom', 'echo', 'list-commands', 'slow']);
});

t.test('a stale socket file is replaced; a live one is refused; a regular file is refused', async (t) => {
  const { dir, mgr } = setup(t);
  const stale = join(dir, 'stale.sock');
  const dead = createServer();
  await new Promise<void>((r) => dead.listen(stale, r));
  // Leave the file behind as a crashed daemon would.
  (dead as unknown as { _handle: { close(): void } | null })._handle?.close();
  const s1 = new UnixControlServer({
    socketName: stale,
    loggerName: 'kea-test',
    onCommand: (x) => mgr.processText(x),
  });
  await s1.start();
  t.teardown(() => s1.stop());
  t.match(await sendUnixCommand(stale, '{"command":"echo"}'), { result: 0 });

  const s2 = new UnixControlServer({
    socketName: stale,
    loggerName: 'kea-test',
    onCommand: (x) => mgr.processText(x),
  });
  await t.rejects(s2.start(), { code: 'KEA_ERR_CONFIG_SOCKET_IN_USE' });
  t.match(await sendUnixCommand(stale, '{"command":"echo"}'), { result: 0 }, 'the first keeps serving');

  const file = join(dir, 'file');
  writeFileSync(file, 'x');
  const s3 = new UnixControlServer({
    socketName: file,
    loggerName: 'kea-test',
    onCommand: (x) => mgr.processText(x),
  });
  await t.rejects(s3.start(), { message: /not a socket/ });
});

t.test('sendUnixCommand reports a missing socket clearly', async (t) => {
  const { dir } = setup(t);
  await t.rejects(sendUnixCommand(join(dir, 'none.sock'), { command: 'x' }), {
    message: 'No such file or directory',
  });
});
