// TSIG keys as Kea's tsig-keys entries give them: name, algorithm (Kea's "HMAC-SHA256" or the DNS
// algorithm name), a base64 secret and digest-bits (0 = full-length MAC, else a truncated MAC).
import { tsigKeyError } from './errors.js';
import { canonicalName } from './name.js';

interface Algorithm {
  /** The algorithm name on the wire (RFC 8945 6). */
  dnsName: string;
  /** Node's crypto name. */
  hash: string;
  bits: number;
}

const ALGORITHMS: Record<string, Algorithm> = {
  'HMAC-MD5': { dnsName: 'hmac-md5.sig-alg.reg.int.', hash: 'md5', bits: 128 },
  'HMAC-SHA1': { dnsName: 'hmac-sha1.', hash: 'sha1', bits: 160 },
  'HMAC-SHA224': { dnsName: 'hmac-sha224.', hash: 'sha224', bits: 224 },
  'HMAC-SHA256': { dnsName: 'hmac-sha256.', hash: 'sha256', bits: 256 },
  'HMAC-SHA384': { dnsName: 'hmac-sha384.', hash: 'sha384', bits: 384 },
  'HMAC-SHA512': { dnsName: 'hmac-sha512.', hash: 'sha512', bits: 512 },
};

export const TSIG_ALGORITHMS = Object.keys(ALGORITHMS);

export interface TsigKey {
  /** Canonical key name (lowercase, trailing dot): it is the owner name of the TSIG RR. */
  name: string;
  /** Canonical algorithm name as carried in the TSIG RR. */
  algorithm: string;
  hash: string;
  /** Full MAC length of the algorithm in octets. */
  macLength: number;
  /** MAC octets we send: macLength, or digest-bits / 8. */
  sendLength: number;
  digestBits: number;
  secret: Buffer;
}

export interface TsigKeyConfig {
  name: string;
  algorithm: string;
  /** Base64, as Kea's "secret" (or the content of its "secret-file"). */
  secret: string;
  'digest-bits'?: number;
}

function findAlgorithm(name: string): Algorithm | undefined {
  const upper = name.toUpperCase();
  if (ALGORITHMS[upper]) return ALGORITHMS[upper];
  const canon = canonicalName(name);
  return Object.values(ALGORITHMS).find((a) => a.dnsName === canon);
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function createTsigKey(config: TsigKeyConfig): TsigKey {
  const alg = findAlgorithm(config.algorithm);
  if (!alg) throw tsigKeyError(`TSIG key '${config.name}': unknown algorithm '${config.algorithm}'`);
  const text = config.secret.replace(/\s+/g, '');
  if (text === '' || !BASE64.test(text))
    throw tsigKeyError(`TSIG key '${config.name}': secret is not valid base64`);
  let name: string;
  try {
    name = canonicalName(config.name);
  } catch (e) {
    throw tsigKeyError(`TSIG key '${config.name}': ${(e as Error).message}`);
  }
  const digestBits = config['digest-bits'] ?? 0;
  const macLength = alg.bits / 8;
  if (digestBits !== 0) {
    // RFC 8945 5.2.2.1: at least 80 bits and at least half the hash, in whole octets.
    const min = Math.max(80, alg.bits / 2);
    if (!Number.isInteger(digestBits) || digestBits % 8 !== 0 || digestBits < min || digestBits > alg.bits) {
      throw tsigKeyError(
        `TSIG key '${config.name}': digest-bits ${digestBits} must be 0 or a multiple of 8 from ${min} to ${alg.bits}`,
      );
    }
  }
  return {
    name,
    algorithm: alg.dnsName,
    hash: alg.hash,
    macLength,
    sendLength: digestBits === 0 ? macLength : digestBits / 8,
    digestBits,
    secret: Buffer.from(text, 'base64'),
  };
}
