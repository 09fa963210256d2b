// The server's DUID (Kea's DUIDFactory): built from the `server-id` map (LLT, EN, LL), the parts the
// user left out generated (a MAC address of an interface, the time since 2000-01-01, random bytes),
// and kept in <data-directory>/kea-dhcp6-serverid as Kea writes it (the DUID as colon-separated hex),
// so a server keeps its identity across restarts and across a switch from real Kea.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { ServerIdConfig } from '@kea-ts/dhcpsrv';

export const SERVERID_FILE = 'kea-dhcp6-serverid';
/** Kea's build-time data directory for Debian packages. */
export const DEFAULT_DATA_DIRECTORY = '/var/lib/kea';
const DUID_EPOCH = 946684800;
const DUID_LLT = 1;
const DUID_EN = 2;
const DUID_LL = 3;
const ISC_ENTERPRISE_ID = 2495;

export function duidText(duid: Uint8Array): string {
  return [...duid].map((b) => b.toString(16).padStart(2, '0')).join(':');
}

/** Kea's DUID::fromText: hex bytes separated by colons (one-digit bytes allowed). */
export function parseDuidText(text: string): Buffer | null {
  const t = text.trim();
  if (t === '') return null;
  const parts = t.split(':');
  if (parts.some((p) => !/^[0-9a-fA-F]{1,2}$/.test(p))) return null;
  const b = Buffer.from(parts.map((p) => Number.parseInt(p, 16)));
  return b.length >= 3 && b.length <= 130 ? b : null;
}

/** The MAC address of the first non-loopback interface that has one (Kea picks an interface too). */
function someMac(): Buffer {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) {
      if (!a.internal && a.mac && a.mac !== '00:00:00:00:00:00') {
        return Buffer.from(a.mac.split(':').map((x) => Number.parseInt(x, 16)));
      }
    }
  }
  return randomBytes(6);
}

function storedMatches(stored: Buffer, c: ServerIdConfig): boolean {
  const type = stored.readUInt16BE(0);
  switch (c.type) {
    case 'LLT':
      if (type !== DUID_LLT || stored.length < 9) return false;
      if (c.htype !== 0 && stored.readUInt16BE(2) !== c.htype) return false;
      if (c.time !== 0 && stored.readUInt32BE(4) !== c.time) return false;
      return c.identifier.length === 0 || stored.subarray(8).equals(c.identifier);
    case 'EN':
      if (type !== DUID_EN || stored.length < 7) return false;
      if (c.enterpriseId !== 0 && stored.readUInt32BE(2) !== c.enterpriseId) return false;
      return c.identifier.length === 0 || stored.subarray(6).equals(c.identifier);
    case 'LL':
      if (type !== DUID_LL || stored.length < 5) return false;
      if (c.htype !== 0 && stored.readUInt16BE(2) !== c.htype) return false;
      return c.identifier.length === 0 || stored.subarray(4).equals(c.identifier);
  }
}

export function buildDuid(c: ServerIdConfig, now = Math.floor(Date.now() / 1000)): Buffer {
  const htype = c.htype || 1;
  switch (c.type) {
    case 'LLT': {
      const id = c.identifier.length ? c.identifier : someMac();
      const head = Buffer.alloc(8);
      head.writeUInt16BE(DUID_LLT, 0);
      head.writeUInt16BE(htype, 2);
      head.writeUInt32BE(c.time || (now - DUID_EPOCH) >>> 0, 4);
      return Buffer.concat([head, id]);
    }
    case 'EN': {
      const id = c.identifier.length ? c.identifier : randomBytes(6);
      const head = Buffer.alloc(6);
      head.writeUInt16BE(DUID_EN, 0);
      head.writeUInt32BE(c.enterpriseId || ISC_ENTERPRISE_ID, 2);
      return Buffer.concat([head, id]);
    }
    case 'LL': {
      const id = c.identifier.length ? c.identifier : someMac();
      const head = Buffer.alloc(4);
      head.writeUInt16BE(DUID_LL, 0);
      head.writeUInt16BE(htype, 2);
      return Buffer.concat([head, id]);
    }
  }
}

export interface ServerDuid {
  duid: Buffer;
  file: string;
}

/**
 * The DUID to serve with: the stored one when it agrees with every part the configuration sets,
 * else a new one, written back when persist is on. A file we cannot write costs persistence only.
 */
export function loadServerDuid(c: ServerIdConfig, dataDirectory: string | undefined): ServerDuid {
  const file = join(dataDirectory ?? DEFAULT_DATA_DIRECTORY, SERVERID_FILE);
  let stored: Buffer | null = null;
  try {
    stored = parseDuidText(readFileSync(file, 'utf8'));
  } catch {
    stored = null;
  }
  if (stored !== null && storedMatches(stored, c)) return { duid: stored, file };
  const duid = buildDuid(c);
  if (c.persist) {
    try {
      mkdirSync(dataDirectory ?? DEFAULT_DATA_DIRECTORY, { recursive: true });
      writeFileSync(file, duidText(duid));
    } catch {
      // Kea goes on serving with a DUID it could not store; so do we.
    }
  }
  return { duid, file };
}
