// scripts/gen-certs as a user runs it: the files it writes, their permissions, what openssl makes of
// them, and its refusal to overwrite. Needs the openssl command line tool.

import { execFileSync, spawnSync } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';

// test/dist/gen-certs.test.js -> repository root.
const root = fileURLToPath(new URL('../../', import.meta.url));
const script = join(root, 'scripts', 'gen-certs');
const files = ['ca.pem', 'ca-key.pem', 'server.pem', 'server-key.pem', 'client.pem', 'client-key.pem'];

const work = mkdtempSync(join(tmpdir(), 'kea-gen-certs-'));
t.teardown(() => rmSync(work, { recursive: true, force: true }));

// tap wraps child processes with its process-info hooks (through NODE_OPTIONS), and those hooks
// load an extensionless ES module script as CommonJS and fail. A user's shell has no such hooks, so
// the script is started through env(1) with NODE_OPTIONS removed.
function run(...args: string[]) {
  return spawnSync('env', ['-u', 'NODE_OPTIONS', script, ...args], { encoding: 'utf8', cwd: work });
}

function openssl(...args: string[]): string {
  return execFileSync('openssl', args, { encoding: 'utf8' });
}

t.test('writes a CA, a server and a client certificate that openssl verifies', async (t) => {
  const out = join(work, 'set1');
  const result = run('--out', out, '--days', '30', '--host', 'kea.example.org', '--host', '192.0.2.7');
  t.equal(result.status, 0, result.stderr);
  for (const name of files) t.match(result.stdout, `wrote ${join(out, name)}\n`);

  for (const name of files) {
    const mode = statSync(join(out, name)).mode & 0o777;
    t.equal(mode, name.endsWith('-key.pem') ? 0o600 : 0o644, `${name} mode ${mode.toString(8)}`);
  }

  const verify = openssl(
    'verify',
    '-CAfile',
    join(out, 'ca.pem'),
    join(out, 'server.pem'),
    join(out, 'client.pem'),
  );
  t.equal(verify, `${join(out, 'server.pem')}: OK\n${join(out, 'client.pem')}: OK\n`);

  const server = openssl('x509', '-in', join(out, 'server.pem'), '-noout', '-text');
  t.match(server, /Signature Algorithm: sha256WithRSAEncryption/);
  t.match(server, /Public-Key: \(2048 bit\)/);
  t.match(server, /TLS Web Server Authentication/);
  t.match(
    server,
    /DNS:localhost, IP Address:127\.0\.0\.1, IP Address:0:0:0:0:0:0:0:1, DNS:kea\.example\.org, IP Address:192\.0\.2\.7/,
  );
  const client = openssl('x509', '-in', join(out, 'client.pem'), '-noout', '-text');
  t.match(client, /Subject: CN\s*=\s*kea-client/);
  t.match(client, /TLS Web Client Authentication/);
  const ca = openssl('x509', '-in', join(out, 'ca.pem'), '-noout', '-text');
  t.match(ca, /CA:TRUE/);

  const days = openssl('x509', '-in', join(out, 'server.pem'), '-noout', '-checkend', String(29 * 86400));
  t.match(days, /will not expire/);
  const expiry = new X509Certificate(readFileSync(join(out, 'server.pem'))).validTo;
  t.ok(new Date(expiry).getTime() < Date.now() + 31 * 86400 * 1000, `expires ${expiry}`);

  // Each key belongs to its certificate.
  for (const who of ['ca', 'server', 'client']) {
    const cert = new X509Certificate(readFileSync(join(out, `${who}.pem`)));
    t.ok(
      cert.checkPrivateKey(createPrivateKey(readFileSync(join(out, `${who}-key.pem`)))),
      `${who} key matches`,
    );
  }
});

t.test('refuses to overwrite without --force and overwrites with it', async (t) => {
  const out = join(work, 'set2');
  t.equal(run('--out', out).status, 0);
  const before = readFileSync(join(out, 'ca.pem'), 'utf8');
  const again = run('--out', out);
  t.equal(again.status, 1);
  t.match(again.stderr, /refusing to overwrite .*ca\.pem.*--force/);
  t.equal(readFileSync(join(out, 'ca.pem'), 'utf8'), before, 'existing CA untouched');
  const forced = run('--out', out, '--force');
  t.equal(forced.status, 0, forced.stderr);
  t.not(readFileSync(join(out, 'ca.pem'), 'utf8'), before, 'new CA written');
  t.equal(statSync(join(out, 'server-key.pem')).mode & 0o777, 0o600);
});

t.test('defaults to ./certs and rejects bad arguments', async (t) => {
  t.equal(run().status, 0);
  t.ok(statSync(join(work, 'certs', 'server.pem')).isFile());
  const badDays = run('--out', join(work, 'x'), '--days', 'soon');
  t.equal(badDays.status, 1);
  t.match(badDays.stderr, /--days must be a positive whole number/);
  const unknown = run('--bogus');
  t.equal(unknown.status, 1);
  t.match(unknown.stderr, /usage: gen-certs/);
});

t.test('the library generates in memory for tests', async (t) => {
  const lib = (await import(new URL('../../scripts/lib/certs.mjs', import.meta.url).href)) as {
    generateCertificates(o?: { clientCn?: string }): Record<string, string>;
  };
  const set = lib.generateCertificates({ clientCn: 'ha-peer' });
  const ca = new X509Certificate(set.caCert!);
  const client = new X509Certificate(set.clientCert!);
  t.ok(client.verify(ca.publicKey), 'client certificate signed by the CA');
  t.match(client.subject, /CN=ha-peer/);
  t.ok(client.checkIssued(ca));
});
