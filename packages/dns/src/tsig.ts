// TSIG (RFC 8945): signing a wire message (a request, or a response covering the request's MAC) and
// verifying one, with truncated MACs, the time-signed/fudge window and the TSIG error codes.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Writer } from '@kea-ts/util';
import { Rcode, RRClass, RRType } from './constants.js';
import { ERR_DNS_MALFORMED, malformed } from './errors.js';
import { type DecodedMessage, decodeMessage, HEADER_LENGTH } from './message.js';
import { canonicalName, nameToWire } from './name.js';
import { encodeRData, type TsigData } from './rdata.js';
import type { TsigKey } from './tsig-key.js';

export const DEFAULT_FUDGE = 300;

export interface SignOptions {
  /** Seconds since the epoch; now by default. */
  timeSigned?: number;
  fudge?: number;
  /** For a response: the MAC of the request it answers (RFC 8945 5.3). */
  requestMac?: Buffer;
  /** TSIG error of a response (BADSIG/BADKEY answers carry no MAC). */
  error?: number;
  other?: Buffer;
}

function u48(w: Writer, v: number): void {
  w.u16(Math.floor(v / 0x1_0000_0000)).u32(v % 0x1_0000_0000);
}

/** The octets the MAC covers (RFC 8945 4.3): request MAC, message without TSIG, TSIG variables. */
function macInput(
  message: Buffer,
  key: TsigKey,
  t: { timeSigned: number; fudge: number; error: number; other: Buffer },
  requestMac?: Buffer,
): Buffer {
  const w = new Writer(message.length + 128);
  if (requestMac) w.u16(requestMac.length).bytes(requestMac);
  w.bytes(message);
  w.bytes(nameToWire(key.name, true)).u16(RRClass.ANY).u32(0);
  w.bytes(nameToWire(key.algorithm, true));
  u48(w, t.timeSigned);
  w.u16(t.fudge).u16(t.error).u16(t.other.length).bytes(t.other);
  return w.toBuffer();
}

function hmac(key: TsigKey, data: Buffer): Buffer {
  return createHmac(key.hash, key.secret).update(data).digest();
}

/** Appends a TSIG RR to an encoded message (which must not carry one yet). Returns the MAC sent. */
export function signMessage(
  wire: Buffer,
  key: TsigKey,
  opts: SignOptions = {},
): { wire: Buffer; mac: Buffer } {
  if (wire.length < HEADER_LENGTH) throw malformed('message shorter than a DNS header');
  const t = {
    timeSigned: opts.timeSigned ?? Math.floor(Date.now() / 1000),
    fudge: opts.fudge ?? DEFAULT_FUDGE,
    error: opts.error ?? 0,
    other: opts.other ?? Buffer.alloc(0),
  };
  const noMac = t.error === Rcode.BADSIG || t.error === Rcode.BADKEY;
  const mac = noMac
    ? Buffer.alloc(0)
    : hmac(key, macInput(wire, key, t, opts.requestMac)).subarray(0, key.sendLength);
  const data: TsigData = { algorithm: key.algorithm, mac, originalId: wire.readUInt16BE(0), ...t };
  const rdata = encodeRData({ kind: 'TSIG', ...data });
  const w = new Writer(wire.length + rdata.length + 64);
  w.bytes(wire);
  w.bytes(nameToWire(key.name)).u16(RRType.TSIG).u16(RRClass.ANY).u32(0).u16(rdata.length).bytes(rdata);
  const out = w.toBuffer();
  out.writeUInt16BE(wire.readUInt16BE(10) + 1, 10);
  return { wire: out, mac };
}

export type TsigFailure =
  | 'UNSIGNED'
  | 'FORMERR'
  | 'BADKEY'
  | 'BADSIG'
  | 'BADTIME'
  | 'BADTRUNC'
  | 'PEER_ERROR';

export type TsigVerifyResult =
  | { ok: true; message: DecodedMessage; key: TsigKey; tsig: TsigData }
  | { ok: false; failure: TsigFailure; reason: string; message?: DecodedMessage; tsig?: TsigData };

export interface VerifyOptions {
  /** Seconds since the epoch; now by default. */
  now?: number;
  /** When verifying a response: the MAC our request carried. */
  requestMac?: Buffer;
}

/** Verifies the TSIG of a received message against the key(s) we know. Never throws on bad input. */
export function verifyMessage(
  wire: Buffer,
  keys: TsigKey | TsigKey[],
  opts: VerifyOptions = {},
): TsigVerifyResult {
  let message: DecodedMessage;
  try {
    message = decodeMessage(wire);
  } catch (e) {
    if (e instanceof Error && (e as { code?: string }).code === ERR_DNS_MALFORMED) {
      return { ok: false, failure: 'FORMERR', reason: e.message };
    }
    throw e;
  }
  if (message.tsigOffset === null)
    return { ok: false, failure: 'UNSIGNED', reason: 'message carries no TSIG', message };
  const rr = message.additionals[message.additionals.length - 1]!;
  if (rr.data?.kind !== 'TSIG' || rr.class !== RRClass.ANY || rr.ttl !== 0) {
    return { ok: false, failure: 'FORMERR', reason: 'TSIG record is malformed', message };
  }
  const tsig = rr.data;
  const owner = canonicalName(rr.name);
  const algorithm = canonicalName(tsig.algorithm);
  const key = (Array.isArray(keys) ? keys : [keys]).find(
    (k) => k.name === owner && k.algorithm === algorithm,
  );
  const fail = (failure: TsigFailure, reason: string): TsigVerifyResult => ({
    ok: false,
    failure,
    reason,
    message,
    tsig,
  });
  if (!key) return fail('BADKEY', `no key '${owner}' with algorithm '${algorithm}'`);
  if (tsig.error !== 0 && tsig.mac.length === 0) {
    return fail('PEER_ERROR', `peer answered with TSIG error ${tsig.error} and no MAC`);
  }
  const len = tsig.mac.length;
  if (len > key.macLength || len < Math.max(10, key.macLength / 2)) {
    return fail(
      'FORMERR',
      `MAC of ${len} octets is outside ${Math.max(10, key.macLength / 2)}..${key.macLength}`,
    );
  }
  const unsigned = Buffer.from(wire.subarray(0, message.tsigOffset));
  unsigned.writeUInt16BE(tsig.originalId, 0);
  unsigned.writeUInt16BE(unsigned.readUInt16BE(10) - 1, 10);
  const expected = hmac(key, macInput(unsigned, key, tsig, opts.requestMac)).subarray(0, len);
  if (!timingSafeEqual(expected, tsig.mac)) return fail('BADSIG', 'MAC does not match');
  // RFC 8945 5.2.2.1: a MAC shorter than our own policy (digest-bits, else full length) is BADTRUNC.
  if (len < key.sendLength)
    return fail('BADTRUNC', `MAC truncated to ${len} octets, key wants ${key.sendLength}`);
  const now = opts.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - tsig.timeSigned) > tsig.fudge) {
    return fail('BADTIME', `time signed ${tsig.timeSigned} is more than ${tsig.fudge} s from now (${now})`);
  }
  if (tsig.error !== 0) return fail('PEER_ERROR', `peer answered with TSIG error ${tsig.error}`);
  return { ok: true, message, key, tsig };
}
