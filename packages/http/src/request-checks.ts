// Header-level checks run before a body is read: content type and HTTP basic authentication.

import { createHash, timingSafeEqual } from 'node:crypto';
import type { BasicAuthOptions, UnauthorizedReason } from './types.js';

/** True for `application/json`, with or without parameters such as `; charset=utf-8`. */
export function isJsonContentType(value: string | undefined): boolean {
  if (value === undefined) return false;
  const media = value.split(';', 1)[0]!.trim().toLowerCase();
  return media === 'application/json';
}

/**
 * Whether a request's content type is acceptable for a JSON command. application/json always is.
 * `curl -d '{...}'` sends application/x-www-form-urlencoded unless told otherwise, and that is the
 * first command a user types, so it is accepted too (Kea 2.2 answers it with 400) - but only when the
 * request carries no Origin header: browsers send a form-encoded cross-site POST without a CORS
 * preflight and always with Origin, so this keeps the agent closed to cross-site request forgery.
 */
export function isAcceptableContentType(value: string | undefined, origin: string | undefined): boolean {
  if (isJsonContentType(value)) return true;
  if (value === undefined || origin !== undefined) return false;
  return value.split(';', 1)[0]!.trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

export type AuthResult =
  | { ok: true; user: string }
  | { ok: false; reason: UnauthorizedReason; user?: string };

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * Checks `Authorization: Basic ...` against the configured clients. Credentials are compared as SHA-256
 * digests with timingSafeEqual and every client is always visited, so neither the length nor the
 * position of a match leaks through response timing.
 */
export class BasicAuth {
  readonly realm: string;
  readonly challenge: string;
  private readonly clients: { user: string; digest: Buffer }[];

  constructor(options: BasicAuthOptions) {
    this.realm = options.realm;
    // Quotes and backslashes would break the quoted-string of the challenge header.
    this.challenge = `Basic realm="${options.realm.replace(/["\\]/g, '\\$&')}"`;
    this.clients = options.clients.map((c) => ({ user: c.user, digest: digest(`${c.user}:${c.password}`) }));
  }

  check(header: string | undefined): AuthResult {
    if (header === undefined || header.trim() === '') return { ok: false, reason: 'no-credentials' };
    const match = /^\s*basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
    if (match === null) return { ok: false, reason: 'bad-credentials' };
    const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    // Without a colon there is no telling user from password, so report no user at all.
    const user = colon >= 0 ? decoded.slice(0, colon) : undefined;
    const supplied = digest(decoded);
    let found: string | undefined;
    for (const client of this.clients) {
      if (timingSafeEqual(client.digest, supplied) && found === undefined) found = client.user;
    }
    if (found !== undefined) return { ok: true, user: found };
    return user === undefined
      ? { ok: false, reason: 'bad-credentials' }
      : { ok: false, reason: 'bad-credentials', user };
  }
}
