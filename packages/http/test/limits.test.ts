// Slow and oversized clients: header timeout, oversized headers, a stalled body, listen failures.

import t from 'tap';
import { HttpServer, postJson } from '../src/index.js';
import { rawExchange, startServer } from './helpers.js';

t.test('a client that never finishes its headers gets 408 and is closed', async (t) => {
  const s = await startServer({ headersTimeoutMs: 300 });
  t.teardown(() => s.server.stop());
  const started = Date.now();
  const reply = await rawExchange(s.port, 'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: appl', 5000);
  const elapsed = Date.now() - started;
  t.match(reply, /^HTTP\/1\.1 408 Request Timeout\r\n/);
  t.match(reply, /\{"result":408,"text":"Request Timeout"\}$/);
  t.ok(elapsed < 2500, `closed after ${elapsed} ms`);
  t.match(s.events.at(-1), { type: 'bad-request', status: 408 });
  t.equal((await postJson(s.url, {})).status, 200, 'others are still served');
});

t.test('a body that stalls past the request timeout is cut off', async (t) => {
  let reached = false;
  const s = await startServer({
    headersTimeoutMs: 200,
    requestTimeoutMs: 400,
    onRequest: () => {
      reached = true;
      return null;
    },
  });
  t.teardown(() => s.server.stop());
  const started = Date.now();
  const reply = await rawExchange(
    s.port,
    'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":',
    5000,
  );
  t.ok(Date.now() - started < 3000, 'closed in time');
  t.notOk(reached, 'handler not called');
  t.match(reply, /^HTTP\/1\.1 408 Request Timeout\r\n/);
  t.match(s.events.at(-1), { type: 'bad-request', status: 408, reason: 'ERR_HTTP_REQUEST_TIMEOUT' });
});

t.test('oversized headers get 431', async (t) => {
  const s = await startServer();
  t.teardown(() => s.server.stop());
  const reply = await rawExchange(
    s.port,
    `POST / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`,
  );
  t.match(reply, /^HTTP\/1\.1 431 /);
  t.match(s.events.at(-1), { type: 'bad-request', status: 431, reason: 'HPE_HEADER_OVERFLOW' });
});

t.test('listening on a busy port fails with a clear error', async (t) => {
  const s = await startServer();
  t.teardown(() => s.server.stop());
  const other = new HttpServer({ host: '127.0.0.1', port: s.port, onRequest: () => null });
  await t.rejects(other.start(), {
    code: 'KEA_ERR_HTTP_LISTEN',
    message: new RegExp(`^cannot listen on 127\\.0\\.0\\.1:${s.port}: .*EADDRINUSE`),
  });
  t.throws(() => other.address, { code: 'KEA_ERR_HTTP_NOT_STARTED' });
});

t.test('IPv6 loopback works', async (t) => {
  const s = await startServer({ host: '::1' }).catch(() => null);
  if (s === null) {
    t.comment('no IPv6 loopback on this machine; skipped');
    return;
  }
  t.teardown(() => s.server.stop());
  t.equal(s.server.address.host, '::1');
  const res = await postJson(`http://[::1]:${s.port}/`, { v: 6 });
  t.same(res.body, { echo: { v: 6 }, user: null });
  t.match(s.events.at(-1), { type: 'request', remote: '::1' });
});

t.test('the client reports a timeout as such', async (t) => {
  const s = await startServer({ onRequest: () => new Promise((r) => setTimeout(() => r(null), 2000)) });
  t.teardown(() => s.server.stop());
  await t.rejects(postJson(s.url, {}, { timeoutMs: 200 }), {
    code: 'KEA_ERR_HTTP_CLIENT_TIMEOUT',
    message: /timed out after 200 ms/,
  });
});

t.test('clients that reset mid-body, mid-handler or mid-drain do not hurt the server', async (t) => {
  const { connect } = await import('node:net');
  const s = await startServer({ onRequest: () => new Promise((r) => setTimeout(() => r({ late: 1 }), 200)) });
  t.teardown(() => s.server.stop());
  const head = 'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n';
  for (const request of [
    `${head}Content-Length: 100\r\n\r\n{"a":`,
    `${head}Content-Length: 2\r\n\r\n{}`,
    `${head}Content-Length: 100000000\r\n\r\n${'x'.repeat(100_000)}`,
  ]) {
    const socket = connect({ host: '127.0.0.1', port: s.port });
    socket.on('error', () => {});
    socket.write(request);
    await new Promise((r) => setTimeout(r, 50));
    socket.resetAndDestroy();
  }
  await new Promise((r) => setTimeout(r, 300));
  t.same((await postJson(s.url, {})).body, { late: 1 });
});
