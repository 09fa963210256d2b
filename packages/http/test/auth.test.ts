// Basic authentication: 401 with the challenge, the 'unauthorized' event, and accepted credentials.

import t from 'tap';
import { request } from 'undici';
import { postJson } from '../src/index.js';
import { startServer } from './helpers.js';

const auth = {
  realm: 'kea-control-agent',
  clients: [
    { user: 'admin', password: 's3cret:with colon' },
    { user: 'ops', password: 'pw' },
  ],
};

t.test('no credentials: 401, challenge header, event without user', async (t) => {
  const s = await startServer({ auth });
  t.teardown(() => s.server.stop());
  const res = await postJson(s.url, { command: 'status-get' });
  t.equal(res.status, 401);
  t.equal(res.headers['www-authenticate'], 'Basic realm="kea-control-agent"');
  t.same(res.body, { result: 401, text: 'Unauthorized' });
  t.same(
    s.events.filter((e) => e.type === 'unauthorized'),
    [{ type: 'unauthorized', remote: '127.0.0.1', reason: 'no-credentials' }],
  );
});

t.test('wrong password: 401 and the event names the user but never the password', async (t) => {
  const s = await startServer({ auth });
  t.teardown(() => s.server.stop());
  const res = await postJson(s.url, { command: 'status-get' }, { user: 'admin', password: 'guess-123' });
  t.equal(res.status, 401);
  t.equal(res.headers['www-authenticate'], 'Basic realm="kea-control-agent"');
  const ev = s.events.filter((e) => e.type === 'unauthorized');
  t.same(ev, [{ type: 'unauthorized', user: 'admin', remote: '127.0.0.1', reason: 'bad-credentials' }]);
  t.notMatch(JSON.stringify(s.events), /guess-123/);
});

t.test('garbage Authorization header is a bad-credentials refusal', async (t) => {
  const s = await startServer({ auth });
  t.teardown(() => s.server.stop());
  const res = await request(s.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer abc' },
    body: '{}',
  });
  t.equal(res.statusCode, 401);
  await res.body.dump();
  t.match(s.events.at(-1), { type: 'unauthorized', reason: 'bad-credentials' });
});

t.test('right credentials: 200 and the handler learns the user', async (t) => {
  const s = await startServer({ auth });
  t.teardown(() => s.server.stop());
  const one = await postJson(
    s.url,
    { command: 'status-get' },
    { user: 'admin', password: 's3cret:with colon' },
  );
  t.equal(one.status, 200);
  t.same(one.body, { echo: { command: 'status-get' }, user: 'admin' });
  const two = await postJson(s.url, { command: 'status-get' }, { user: 'ops', password: 'pw' });
  t.same(two.body, { echo: { command: 'status-get' }, user: 'ops' });
  t.match(s.events.at(-1), { type: 'request', user: 'ops' });
  // A user's name with another user's password must not pass.
  t.equal((await postJson(s.url, {}, { user: 'ops', password: 's3cret:with colon' })).status, 401);
});

t.test('an empty client list means no authentication', async (t) => {
  const s = await startServer({ auth: { realm: 'r', clients: [] } });
  t.teardown(() => s.server.stop());
  t.equal((await postJson(s.url, {})).status, 200);
});

t.test('method and content type are checked before credentials, as Kea does', async (t) => {
  const s = await startServer({ auth });
  t.teardown(() => s.server.stop());
  const res = await request(s.url, { method: 'GET' });
  t.equal(res.statusCode, 400);
  await res.body.dump();
});
