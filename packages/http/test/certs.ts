// Typed access to scripts/lib/certs.mjs (plain JS shared with scripts/gen-certs) for the TLS tests.

export interface CertSet {
  caCert: string;
  caKey: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
}

interface CertsModule {
  generateCertificates(options?: {
    days?: number;
    hosts?: string[];
    clientCn?: string;
    caCn?: string;
  }): CertSet;
  writeCertificates(dir: string, certs: CertSet, options?: { force?: boolean }): string[];
}

/** dist/test/certs.js -> repository root -> scripts/lib/certs.mjs; a runtime path, so tsc does not follow it. */
export async function certsModule(): Promise<CertsModule> {
  const url = new URL('../../../../scripts/lib/certs.mjs', import.meta.url);
  return (await import(url.href)) as CertsModule;
}
