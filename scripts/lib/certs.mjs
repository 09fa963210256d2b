// Test and lab PKI for the control agent and HA: a CA, a server certificate and a client certificate.
//
// Used by scripts/gen-certs and imported by tests. Key material comes from node:crypto because
// node-forge's pure-JS RSA key generation takes seconds per key; node-forge builds and signs the
// X.509 certificates, which node:crypto cannot do.

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import forge from 'node-forge';

const { pki, md } = forge;

/** File names written by writeCertificates, in writing order. */
export const CERT_FILES = /** @type {const} */ ({
  caCert: 'ca.pem',
  caKey: 'ca-key.pem',
  serverCert: 'server.pem',
  serverKey: 'server-key.pem',
  clientCert: 'client.pem',
  clientKey: 'client-key.pem',
});

const KEY_FIELDS = new Set(['caKey', 'serverKey', 'clientKey']);

function newKey() {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const forgeKey = pki.privateKeyFromPem(privateKey);
  return { pem: privateKey, privateKey: forgeKey, publicKey: pki.setRsaPublicKey(forgeKey.n, forgeKey.e) };
}

// X.509 serials must be positive; a clear top bit keeps the DER INTEGER from reading as negative.
function serial() {
  const bytes = randomBytes(16);
  bytes[0] &= 0x7f;
  bytes[0] |= 0x01;
  return bytes.toString('hex');
}

function validity(cert, days) {
  const now = Date.now();
  // Backdated an hour so a peer with a slightly slow clock does not see a not-yet-valid certificate.
  cert.validity.notBefore = new Date(now - 3600 * 1000);
  cert.validity.notAfter = new Date(now + days * 86400 * 1000);
}

function build({ subjectCn, publicKey, issuer, issuerKey, days, extensions }) {
  const cert = pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serial();
  validity(cert, days);
  cert.setSubject([
    { name: 'commonName', value: subjectCn },
    { name: 'organizationName', value: 'kea-ts' },
  ]);
  cert.setIssuer(issuer ? issuer.subject.attributes : cert.subject.attributes);
  cert.setExtensions([
    ...extensions,
    { name: 'subjectKeyIdentifier' },
    // For the self-signed CA this refers to its own key, as OpenSSL does.
    {
      name: 'authorityKeyIdentifier',
      keyIdentifier: (issuer ?? cert).generateSubjectKeyIdentifier().getBytes(),
    },
  ]);
  cert.sign(issuerKey, md.sha256.create());
  return cert;
}

/** SAN entries for a host: IPs as iPAddress (type 7), names as dNSName (type 2). */
export function altNames(hosts) {
  const seen = new Set();
  const names = [];
  for (const host of ['localhost', '127.0.0.1', '::1', ...hosts]) {
    const key = host.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    names.push(isIP(host) ? { type: 7, ip: host } : { type: 2, value: host });
  }
  return names;
}

/**
 * Builds the whole set in memory and returns PEM strings:
 * { caCert, caKey, serverCert, serverKey, clientCert, clientKey }.
 * Options: days (default 365), hosts (extra server SAN entries), clientCn (default 'kea-client').
 */
export function generateCertificates(options = {}) {
  const days = options.days ?? 365;
  const hosts = options.hosts ?? [];
  const clientCn = options.clientCn ?? 'kea-client';

  const caKey = newKey();
  const ca = build({
    subjectCn: options.caCn ?? 'kea-ts test CA',
    publicKey: caKey.publicKey,
    issuerKey: caKey.privateKey,
    days,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });

  const serverKey = newKey();
  const server = build({
    subjectCn: hosts.find((h) => !isIP(h)) ?? 'localhost',
    publicKey: serverKey.publicKey,
    issuer: ca,
    issuerKey: caKey.privateKey,
    days,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: altNames(hosts) },
    ],
  });

  const clientKey = newKey();
  const client = build({
    subjectCn: clientCn,
    publicKey: clientKey.publicKey,
    issuer: ca,
    issuerKey: caKey.privateKey,
    days,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', clientAuth: true },
    ],
  });

  return {
    caCert: pki.certificateToPem(ca),
    caKey: caKey.pem,
    serverCert: pki.certificateToPem(server),
    serverKey: serverKey.pem,
    clientCert: pki.certificateToPem(client),
    clientKey: clientKey.pem,
  };
}

/**
 * Writes a generated set into `dir` (created if missing): keys mode 0600, certificates 0644.
 * Refuses, before writing anything, when a target exists and `force` is not set.
 * Returns the paths written.
 */
export function writeCertificates(dir, certs, { force = false } = {}) {
  mkdirSync(dir, { recursive: true });
  const targets = Object.entries(CERT_FILES).map(([field, name]) => ({ field, path: join(dir, name) }));
  if (!force) {
    const existing = targets.filter((t) => existsSync(t.path)).map((t) => t.path);
    if (existing.length > 0) {
      const error = new Error(`refusing to overwrite ${existing.join(', ')} (use --force)`);
      error.code = 'EEXIST';
      throw error;
    }
  }
  for (const { field, path } of targets) {
    const mode = KEY_FIELDS.has(field) ? 0o600 : 0o644;
    // 'wx' still guards against a file appearing between the check above and this write.
    writeFileSync(path, certs[field], { mode, flag: force ? 'w' : 'wx' });
    // writeFileSync's mode applies only to new files and passes through the umask; set it outright.
    chmodSync(path, mode);
  }
  return targets.map((t) => t.path);
}
