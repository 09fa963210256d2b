// The tsig-keys list of the DhcpDdns section: unique names, exactly one of secret and secret-file, and
// keys the dns package can sign with (algorithm, base64 secret, digest-bits), each error at its place.
import { readFileSync } from 'node:fs';
import { type ConfigSource, configError } from '@kea-ts/config';
import { createTsigKey, labelsToName, nameToLabels, type TsigKey } from '@kea-ts/dns';
import { type Context, contextOf, KEY, type Path, type Section } from './config-schema.js';

/** One tsig-keys entry, ready to sign with. */
export interface TsigKeyInfo {
  name: string;
  algorithm: string;
  digestBits: number;
  /** The base64 secret (from `secret`, or read from `secret-file`). */
  secret: string;
  secretFile: string | null;
  key: TsigKey;
  /** The key's DNS name as Kea prints it in statistic names: case kept, trailing dot. */
  statName: string;
  context: Context;
}

export function checkKeys(section: Section, source: ConfigSource): Map<string, TsigKeyInfo> {
  const keys = new Map<string, TsigKeyInfo>();
  (section['tsig-keys'] ?? []).forEach((k, i) => {
    const at: Path = [KEY, 'tsig-keys', i];
    if (k.name === '') throw configError(source, [...at, 'name'], 'TSIG key name must not be empty');
    if (keys.has(k.name)) throw configError(source, [...at, 'name'], `duplicate TSIG key name '${k.name}'`);
    if ((k.secret === undefined) === (k['secret-file'] === undefined)) {
      throw configError(source, at, 'a TSIG key needs exactly one of secret and secret-file');
    }
    let secret = k.secret ?? '';
    if (k['secret-file'] !== undefined) {
      try {
        secret = readFileSync(k['secret-file'], 'utf8').trim();
      } catch (e) {
        const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
        throw configError(
          source,
          [...at, 'secret-file'],
          `cannot read secret-file ${k['secret-file']}: ${why}`,
        );
      }
    }
    const digestBits = k['digest-bits'] ?? 0;
    let key: TsigKey;
    let statName: string;
    try {
      key = createTsigKey({ name: k.name, algorithm: k.algorithm, secret, 'digest-bits': digestBits });
      statName = labelsToName(nameToLabels(k.name));
    } catch (e) {
      const msg = (e as Error).message;
      const field = /algorithm/.test(msg) ? 'algorithm' : /digest-bits/.test(msg) ? 'digest-bits' : null;
      throw configError(source, field ? [...at, field] : at, msg);
    }
    keys.set(k.name, {
      name: k.name,
      algorithm: k.algorithm,
      digestBits,
      secret,
      secretFile: k['secret-file'] ?? null,
      key,
      statName,
      context: contextOf(k),
    });
  });
  return keys;
}
