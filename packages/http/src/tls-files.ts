// Reading Kea's TLS settings (`trust-anchor`, `cert-file`, `key-file`) into PEM buffers.
//
// Kea hands `trust-anchor` to OpenSSL, which takes either a CA file or a CA directory. Node has no
// directory form, so a directory is read here and its certificates concatenated. Files named *.pem and
// *.crt are taken, plus OpenSSL's hashed names (`1a2b3c4d.0`, made by c_rehash / `openssl rehash`)
// since a directory prepared for Kea may hold only those; a file reached twice through a symlink
// is read once.

import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ERR_TLS_FILE, KeaError } from './errors.js';

export interface TlsFileNames {
  trustAnchor?: string;
  certFile: string;
  keyFile: string;
}

export interface TlsMaterial {
  ca?: Buffer;
  cert: Buffer;
  key: Buffer;
}

const CA_FILE_NAME = /(\.pem|\.crt|^[0-9a-f]{8}\.\d+)$/i;

export function loadTlsFiles(names: TlsFileNames): TlsMaterial {
  const material: TlsMaterial = {
    cert: readPem(names.certFile, 'cert-file', 'CERTIFICATE'),
    key: readPem(names.keyFile, 'key-file', 'PRIVATE KEY'),
  };
  if (names.trustAnchor !== undefined && names.trustAnchor !== '') {
    material.ca = readTrustAnchor(names.trustAnchor);
  }
  return material;
}

function readTrustAnchor(path: string): Buffer {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (e) {
    throw fileError('trust-anchor', path, e);
  }
  if (!isDirectory) return readPem(path, 'trust-anchor', 'CERTIFICATE');
  let entries: string[];
  try {
    entries = readdirSync(path).sort();
  } catch (e) {
    throw fileError('trust-anchor', path, e);
  }
  const seen = new Set<string>();
  const parts: Buffer[] = [];
  for (const name of entries) {
    if (!CA_FILE_NAME.test(name)) continue;
    const file = join(path, name);
    let real: string;
    try {
      if (!statSync(file).isFile()) continue;
      real = realpathSync(file);
    } catch (e) {
      throw fileError('trust-anchor', file, e);
    }
    if (seen.has(real)) continue;
    seen.add(real);
    parts.push(readPem(file, 'trust-anchor', 'CERTIFICATE'), Buffer.from('\n'));
  }
  if (parts.length === 0) {
    throw new KeaError(
      ERR_TLS_FILE,
      `trust-anchor directory ${path} holds no *.pem or *.crt certificate file`,
    );
  }
  return Buffer.concat(parts);
}

/** Reads a PEM file and checks it holds a block of the expected kind, so mix-ups fail with the file named. */
function readPem(path: string, key: string, label: 'CERTIFICATE' | 'PRIVATE KEY'): Buffer {
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch (e) {
    throw fileError(key, path, e);
  }
  // Matches BEGIN CERTIFICATE as well as BEGIN PRIVATE KEY / RSA PRIVATE KEY / EC PRIVATE KEY.
  const pattern =
    label === 'CERTIFICATE' ? /-----BEGIN CERTIFICATE-----/ : /-----BEGIN [A-Z ]*PRIVATE KEY-----/;
  if (!pattern.test(data.toString('latin1'))) {
    const what = label === 'CERTIFICATE' ? 'a PEM certificate' : 'a PEM private key';
    throw new KeaError(ERR_TLS_FILE, `${key} ${path} does not contain ${what}`);
  }
  return data;
}

function fileError(key: string, path: string, e: unknown): KeaError {
  const reason = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
  return new KeaError(ERR_TLS_FILE, `cannot read ${key} ${path}: ${reason}`, { cause: e });
}
