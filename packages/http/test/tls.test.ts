// HTTPS: server and client certificates, cert-required on and off, protocol floor, and trust anchors
// given as a file or a directory, with certificates made fresh by scripts/lib/certs.mjs.

import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import t from 'tap';
import { HttpServer, KeaError, loadTlsFiles, postJson } from '../src/index.js';
import { type CertSet, certsModule } from './certs.js';
import { startServer } from './helpers.js';

const certs = await certsModule();
const pki: CertSet = certs.generateCertificates();
const otherPki: CertSet = certs.generateCertificates({ caCn: 'someone else CA', clientCn: 'intruder' });
const dir = mkdtempSync(join(tmpdir(), 'kea-http-tls-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
certs.writeCertificates(dir, pki);

const mutual = { key: pki.serverKey, cert: pki.serverCert, ca: pki.caCert, requireClientCert: true };

t.test('cert-required: a client without a certificate fails in the TLS handshake', async (t) => {
  const s = await startServer({ tls: mutual, onRequest: () => ({ reached: true }) });
  t.teardown(() => s.server.stop());
  const error = await postJson(s.url, { command: 'status-get' }, { ca: pki.caCert }).then(
    (res) => t.fail(`got an HTTP answer ${res.status}`),
    (e: unknown) => e,
  );
  t.ok(error instanceof KeaError);
  t.equal((error as KeaError).code, 'KEA_ERR_HTTP_CLIENT_REQUEST');
  // No HTTP status: the cause is the socket or TLS layer (alert "certificate required" under TLS 1.3).
  const cause = (error as Error).cause as NodeJS.ErrnoException;
  t.match(cause.code, /^(ERR_SSL_|ECONNRESET|EPIPE|UND_ERR_SOCKET)/, `cause code ${cause.code}`);
  t.notOk(
    s.events.some((e) => e.type === 'request'),
    'nothing reached the HTTP layer',
  );
  await waitFor(() => s.events.some((e) => e.type === 'tls-client-error'));
  t.match(
    s.events.find((e) => e.type === 'tls-client-error'),
    { reason: 'peer did not return a certificate' },
  );
});

t.test('cert-required: a certificate from another CA is refused', async (t) => {
  const s = await startServer({ tls: mutual });
  t.teardown(() => s.server.stop());
  await t.rejects(
    postJson(s.url, {}, { ca: pki.caCert, cert: otherPki.clientCert, key: otherPki.clientKey }),
    { code: 'KEA_ERR_HTTP_CLIENT_REQUEST' },
  );
});

t.test('cert-required: a client with a good certificate is served and its CN is known', async (t) => {
  const s = await startServer({
    tls: mutual,
    onRequest: (_body, info) => ({ tls: info.tls, cn: info.clientCertCommonName ?? null }),
  });
  t.teardown(() => s.server.stop());
  const res = await postJson(s.url, {}, { ca: pki.caCert, cert: pki.clientCert, key: pki.clientKey });
  t.equal(res.status, 200);
  t.same(res.body, { tls: true, cn: 'kea-client' });
  t.match(s.events[0], { type: 'listening', tls: true });
});

t.test('cert-required false: a client without a certificate is served', async (t) => {
  const s = await startServer({ tls: { ...mutual, requireClientCert: false } });
  t.teardown(() => s.server.stop());
  const res = await postJson(s.url, { a: 1 }, { ca: pki.caCert });
  t.equal(res.status, 200);
});

t.test('the client refuses a server certificate it cannot verify', async (t) => {
  const s = await startServer({ tls: { ...mutual, requireClientCert: false } });
  t.teardown(() => s.server.stop());
  const error = await postJson(s.url, {}, { ca: otherPki.caCert }).catch((e: Error) => e);
  t.match(error, { code: 'KEA_ERR_HTTP_CLIENT_REQUEST' });
  t.match(((error as Error).cause as NodeJS.ErrnoException).code, /CERT|SELF_SIGNED|UNABLE/);
});

t.test('TLS 1.1 is refused by the server', async (t) => {
  const s = await startServer({ tls: { ...mutual, requireClientCert: false } });
  t.teardown(() => s.server.stop());
  const error = await new Promise<Error | null>((resolve) => {
    const socket = connect({
      host: '127.0.0.1',
      port: s.port,
      ca: pki.caCert,
      servername: 'localhost',
      minVersion: 'TLSv1.1',
      maxVersion: 'TLSv1.1',
      // OpenSSL 3 refuses TLS 1.1 client-side at the default security level; lower it so the
      // refusal we observe comes from the server.
      ciphers: 'DEFAULT@SECLEVEL=0',
    });
    socket.once('secureConnect', () => {
      socket.destroy();
      resolve(null);
    });
    socket.once('error', resolve);
  });
  t.ok(error, 'handshake failed');
  await waitFor(() => s.events.some((e) => e.type === 'tls-client-error'));
  const event = s.events.find((e) => e.type === 'tls-client-error');
  t.match(
    event,
    { remote: '127.0.0.1', reason: 'unsupported protocol', code: /^ERR_SSL_/ },
    'the server refused it',
  );
});

t.test('loadTlsFiles: trust anchor as a file', async (t) => {
  const files = loadTlsFiles({
    trustAnchor: join(dir, 'ca.pem'),
    certFile: join(dir, 'server.pem'),
    keyFile: join(dir, 'server-key.pem'),
  });
  t.equal(files.ca?.toString(), pki.caCert);
  t.equal(files.cert.toString(), pki.serverCert);
  t.equal(files.key.toString(), pki.serverKey);
});

t.test('loadTlsFiles: trust anchor as a directory serves clients of every CA in it', async (t) => {
  const anchors = join(dir, 'anchors');
  certs.writeCertificates(join(anchors, 'unused'), otherPki);
  writeFileSync(join(anchors, 'ours.pem'), pki.caCert);
  writeFileSync(join(anchors, 'theirs.crt'), otherPki.caCert);
  writeFileSync(join(anchors, 'README.txt'), 'not a certificate, and not read');
  // An OpenSSL hashed-name link to a file already read must not be read twice.
  symlinkSync('ours.pem', join(anchors, '0a1b2c3d.0'));
  const files = loadTlsFiles({
    trustAnchor: anchors,
    certFile: join(dir, 'server.pem'),
    keyFile: join(dir, 'server-key.pem'),
  });
  t.equal(files.ca?.toString().match(/BEGIN CERTIFICATE/g)?.length, 2);
  const s = await startServer({
    tls: { key: files.key, cert: files.cert, ca: files.ca!, requireClientCert: true },
  });
  t.teardown(() => s.server.stop());
  for (const who of [pki, otherPki]) {
    const res = await postJson(s.url, {}, { ca: pki.caCert, cert: who.clientCert, key: who.clientKey });
    t.equal(res.status, 200);
  }
});

t.test('loadTlsFiles: errors name the file', async (t) => {
  const good = { certFile: join(dir, 'server.pem'), keyFile: join(dir, 'server-key.pem') };
  t.throws(() => loadTlsFiles({ ...good, trustAnchor: join(dir, 'missing.pem') }), {
    code: 'KEA_ERR_HTTP_TLS_FILE',
    message: `cannot read trust-anchor ${join(dir, 'missing.pem')}: ENOENT`,
  });
  t.throws(() => loadTlsFiles({ ...good, keyFile: join(dir, 'server.pem') }), {
    code: 'KEA_ERR_HTTP_TLS_FILE',
    message: `key-file ${join(dir, 'server.pem')} does not contain a PEM private key`,
  });
  const empty = mkdtempSync(join(dir, 'empty-'));
  t.throws(() => loadTlsFiles({ ...good, trustAnchor: empty }), {
    message: new RegExp(`directory ${empty} holds no`),
  });
});

t.test('cert-required without a trust anchor is a configuration error', async (t) => {
  const server = new HttpServer({
    host: '127.0.0.1',
    port: 0,
    tls: { key: pki.serverKey, cert: pki.serverCert, requireClientCert: true },
    onRequest: () => null,
  });
  await t.rejects(server.start(), { code: 'KEA_ERR_HTTP_TLS_CONFIG' });
});

t.test('a key that does not match the certificate is a configuration error', async (t) => {
  const server = new HttpServer({
    host: '127.0.0.1',
    port: 0,
    tls: { key: otherPki.serverKey, cert: pki.serverCert, requireClientCert: false },
    onRequest: () => null,
  });
  await t.rejects(server.start(), { code: 'KEA_ERR_HTTP_TLS_CONFIG' });
});

async function waitFor(check: () => boolean, ms = 2000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
