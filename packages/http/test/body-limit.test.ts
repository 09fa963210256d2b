// Body size limit: refused with 413 as soon as the limit is crossed, and the server keeps serving.

import { Readable } from 'node:stream';
import t from 'tap';
import { request } from 'undici';
import { JsonClient, postJson } from '../src/index.js';
import { rawExchange, startServer } from './helpers.js';

const TEN_MB = 10 * 1024 * 1024;
const tooLargeBody = { result: 413, text: 'Request Entity Too Large: body exceeds 4194304 bytes' };

t.test('10 MB body with Content-Length: 413 quickly, then the next request succeeds', async (t) => {
  let calls = 0;
  const s = await startServer({
    onRequest: () => {
      calls++;
      return { ok: true };
    },
  });
  t.teardown(() => s.server.stop());
  const client = new JsonClient();
  t.teardown(() => client.destroy());
  const started = Date.now();
  const res = await client.post(s.url, `"${'x'.repeat(TEN_MB)}"`);
  const elapsed = Date.now() - started;
  t.equal(res.status, 413);
  t.same(res.body, tooLargeBody);
  t.ok(elapsed < 3000, `answered in ${elapsed} ms`);
  t.equal(calls, 0, 'handler never saw the body');
  t.match(s.events.at(-1), { type: 'bad-request', status: 413, reason: 'body exceeds 4194304 bytes' });
  const next = await client.post(s.url, { command: 'status-get' });
  t.equal(next.status, 200);
  t.same(next.body, { ok: true });
  t.equal((await postJson(s.url, {})).status, 200, 'a fresh connection works too');
});

t.test('chunked body without Content-Length is cut when it crosses the limit', async (t) => {
  const s = await startServer({ maxBodyBytes: 64 * 1024 });
  t.teardown(() => s.server.stop());
  let sent = 0;
  const chunk = Buffer.alloc(16 * 1024, 0x20);
  // An endless body: the server has to stop it; the generator stops once the response is in.
  let done = false;
  async function* body() {
    while (!done && sent < 512 * 1024 * 1024) {
      sent += chunk.length;
      yield chunk;
      await new Promise((r) => setImmediate(r));
    }
  }
  const res = await request(s.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: Readable.from(body()),
  })
    .then(async (r) => ({ status: r.statusCode, json: await r.body.json() }))
    .catch((e: Error) => ({ status: 0, json: e.message }))
    .finally(() => {
      done = true;
    });
  t.equal(res.status, 413);
  t.same(res.json, { result: 413, text: 'Request Entity Too Large: body exceeds 65536 bytes' });
  t.ok(sent < 64 * 1024 * 1024, `client had sent ${sent} bytes when refused`);
  t.equal((await postJson(s.url, { a: 1 })).status, 200);
});

t.test('Expect: 100-continue with a too-large Content-Length gets 413 and no 100', async (t) => {
  const s = await startServer();
  t.teardown(() => s.server.stop());
  const reply = await rawExchange(
    s.port,
    `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${TEN_MB}\r\n` +
      'Expect: 100-continue\r\nConnection: close\r\n\r\n',
    3000,
  );
  t.match(reply, /^HTTP\/1\.1 413 Payload Too Large\r\n/);
  t.notMatch(reply, /100 Continue/);
});

t.test('Expect: 100-continue with an acceptable body gets 100 then 200', async (t) => {
  const s = await startServer();
  t.teardown(() => s.server.stop());
  const body = '{"a":1}';
  const reply = await rawExchange(
    s.port,
    `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n` +
      `Expect: 100-continue\r\nConnection: close\r\n\r\n${body}`,
  );
  t.match(reply, /^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 OK\r\n/);
});

t.test('a body exactly at the limit is accepted', async (t) => {
  const s = await startServer({ maxBodyBytes: 1000, onRequest: (body) => ({ length: body.length }) });
  t.teardown(() => s.server.stop());
  const exact = `"${'y'.repeat(998)}"`;
  t.same((await postJson(s.url, exact)).body, { length: 1000 });
  t.equal((await postJson(s.url, `"${'y'.repeat(999)}"`)).status, 413);
});
