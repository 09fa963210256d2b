// Plain-HTTP behaviour of HttpServer as a client sees it: status codes, JSON bodies, headers, events.

import t from 'tap';
import { request } from 'undici';
import { HttpStatusError, postJson } from '../src/index.js';
import { rawExchange, startServer } from './helpers.js';

t.test("GET is refused with 400 and Kea's JSON body", async (t) => {
  const s = await startServer();
  t.teardown(() => s.server.stop());
  const res = await request(s.url, { method: 'GET' });
  t.equal(res.statusCode, 400);
  t.match(res.headers['content-type'], /^application\/json/);
  t.same(await res.body.json(), { result: 400, text: 'Bad Request' });
  t.match(s.events, [{ type: 'listening' }, { type: 'bad-request', status: 400, remote: '127.0.0.1' }]);
});

t.test("curl's default form content type is served without an Origin header, refused with one", async (t) => {
  const s = await startServer();
  t.teardown(() => s.server.stop());
  const form = 'application/x-www-form-urlencoded';
  const plain = await postJson(s.url, '{"command":"x"}', { contentType: form });
  t.equal(plain.status, 200);
  const crossSite = await postJson(s.url, '{"command":"x"}', {
    contentType: form,
    headers: { origin: 'https://evil.example' },
  });
  t.equal(crossSite.status, 400, 'a browser form post (with Origin) is refused');
});

t.test('POST with text/plain is refused with 400', async (t) => {
  const s = await startServer();
  t.teardown(() => s.server.stop());
  const res = await postJson(s.url, '{"command":"x"}', { contentType: 'text/plain' });
  t.equal(res.status, 400);
  t.same(res.body, { result: 400, text: 'Bad Request' });
  const bad = s.events.find((e) => e.type === 'bad-request');
  t.match(bad, { status: 400, reason: /text\/plain/ });
});

t.test('a JSON POST reaches the handler and its answer comes back with 200', async (t) => {
  let seen: { body: string; path: string } | undefined;
  const s = await startServer({
    onRequest: (body, info) => {
      seen = { body, path: info.path };
      return { echo: JSON.parse(body) };
    },
  });
  t.teardown(() => s.server.stop());
  const command = { command: 'version-get', service: ['dhcp4'], arguments: { name: 'é✓' } };
  const res = await postJson(`${s.url}any/path`, command, { contentType: 'application/json; charset=utf-8' });
  t.equal(res.status, 200);
  t.equal(res.headers['content-type'], 'application/json');
  t.same(res.body, { echo: command });
  t.equal(seen?.body, JSON.stringify(command), 'body handed over as UTF-8 text');
  t.equal(seen?.path, '/any/path');
  t.match(s.events.at(-1), { type: 'request', remote: '127.0.0.1', bytes: Buffer.byteLength(seen!.body) });
});

t.test('a throwing handler gives 500 with result 1 and the message', async (t) => {
  const s = await startServer({
    onRequest: () => {
      throw new Error('socket to dhcp4 is gone');
    },
  });
  t.teardown(() => s.server.stop());
  const res = await postJson(s.url, { command: 'x' });
  t.equal(res.status, 500);
  t.same(res.body, { result: 1, text: 'socket to dhcp4 is gone' });
});

t.test('HttpStatusError picks the status, e.g. 400 for a body that is not JSON', async (t) => {
  const s = await startServer({
    onRequest: (body) => {
      try {
        return JSON.parse(body);
      } catch {
        throw new HttpStatusError(400, 'Bad Request');
      }
    },
  });
  t.teardown(() => s.server.stop());
  const res = await postJson(s.url, 'not json');
  t.equal(res.status, 400);
  t.same(res.body, { result: 400, text: 'Bad Request' });
});

t.test('custom serializer is used for the 200 answer', async (t) => {
  const s = await startServer({ onRequest: () => ({ b: 1, a: 2 }), serialize: () => '{"a":2,"b":1}' });
  t.teardown(() => s.server.stop());
  const res = await postJson(s.url, {});
  t.equal(res.text, '{"a":2,"b":1}');
});

t.test('HTTP/1.0 request is answered with an HTTP/1.0 status line', async (t) => {
  const s = await startServer();
  t.teardown(() => s.server.stop());
  const body = '{"command":"list-commands"}';
  const reply = await rawExchange(
    s.port,
    `POST / HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
  );
  t.match(reply, /^HTTP\/1\.0 200 OK\r\n/);
  t.match(reply, /\r\nContent-Type: application\/json\r\n/i);
  t.ok(reply.endsWith('\r\n\r\n{"echo":{"command":"list-commands"},"user":null}'), reply);
  const refused = await rawExchange(s.port, 'GET / HTTP/1.0\r\n\r\n');
  t.match(refused, /^HTTP\/1\.0 400 Bad Request\r\n/);
});

t.test('keep-alive: two requests on one connection', async (t) => {
  const s = await startServer();
  t.teardown(() => s.server.stop());
  const body = '{"n":1}';
  const one = `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
  const last = one.replace('Host: x\r\n', 'Host: x\r\nConnection: close\r\n');
  const reply = await rawExchange(s.port, one + last);
  t.equal(reply.match(/HTTP\/1\.1 200 OK/g)?.length, 2, reply);
});

t.test('malformed HTTP gets a JSON 400 and the server keeps serving', async (t) => {
  const s = await startServer();
  t.teardown(() => s.server.stop());
  const reply = await rawExchange(s.port, 'this is not http\r\n\r\n');
  t.match(reply, /^HTTP\/1\.1 400 Bad Request\r\n/);
  t.match(reply, /\{"result":400,"text":"Bad Request"\}$/);
  t.equal((await postJson(s.url, { ok: 1 })).status, 200);
});

t.test('stop() closes idle keep-alive connections promptly', async (t) => {
  const s = await startServer({ keepAliveTimeoutMs: 60_000 });
  const { JsonClient } = await import('../src/index.js');
  const client = new JsonClient();
  t.equal((await client.post(s.url, { a: 1 })).status, 200);
  const started = Date.now();
  await s.server.stop();
  t.ok(Date.now() - started < 1000, `stopped in ${Date.now() - started} ms`);
  await t.rejects(client.post(s.url, { a: 1 }), { code: 'KEA_ERR_HTTP_CLIENT_REQUEST' });
  await client.destroy();
});
