// One DNS UPDATE exchange over UDP, as Kea's DNSClient does it: a fresh socket per request, the message
// signed with the server's TSIG key, the answer awaited for dns-server-timeout ms, verified (TSIG, opcode,
// QR, at most one zone) and counted: update-sent, update-signed/-unsigned, then update-success,
// update-timeout or update-error (and the key's own counters).
import dgram from 'node:dgram';
import {
  decodeMessage,
  Opcode,
  rcodeName,
  signMessage,
  type UpdateBuilder,
  verifyMessage,
} from '@kea-ts/dns';
import type { DnsServerInfo } from './config.js';
import type { D2Stats } from './stats.js';

/** Kea's DNSClient::Status. */
export type DnsStatus = 'SUCCESS' | 'TIMEOUT' | 'IO_STOPPED' | 'INVALID_RESPONSE' | 'OTHER';

export interface DnsResult {
  status: DnsStatus;
  /** The answer's RCODE when status is SUCCESS. */
  rcode: number;
  /** Why the exchange failed (INVALID_RESPONSE, OTHER). */
  reason: string;
}

const TSIG_ERRORS: Record<number, string> = { 16: 'BADSIG', 17: 'BADKEY', 18: 'BADTIME', 22: 'BADTRUNC' };

/** Sends `update` to `server` and resolves with the outcome; never rejects. `signal` aborts (IO_STOPPED). */
export function sendUpdate(
  update: UpdateBuilder,
  server: DnsServerInfo,
  timeoutMs: number,
  stats: D2Stats,
  signal: AbortSignal,
): Promise<DnsResult> {
  const key = server.key;
  let wire = update.encode();
  let requestMac: Buffer | undefined;
  if (key !== null) {
    const signed = signMessage(wire, key.key);
    wire = signed.wire;
    requestMac = signed.mac;
  }
  const sock = dgram.createSocket(server.ipAddress.includes(':') ? 'udp6' : 'udp4');
  return new Promise<DnsResult>((resolve) => {
    let done = false;
    const finish = (status: DnsStatus, rcode = 0, reason = ''): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      try {
        sock.close();
      } catch {
        // already closed
      }
      if (status === 'SUCCESS') stats.update('update-success', key);
      else if (status === 'TIMEOUT') stats.update('update-timeout', key);
      else if (status !== 'IO_STOPPED') stats.update('update-error', key);
      resolve({ status, rcode, reason });
    };
    const onAbort = (): void => finish('IO_STOPPED', 0, 'stopped');
    const timer = setTimeout(() => finish('TIMEOUT', 0, `no answer within ${timeoutMs} ms`), timeoutMs);
    signal.addEventListener('abort', onAbort);
    sock.on('error', (e) => finish('OTHER', 0, e.message));
    sock.on('message', (msg, rinfo) => {
      // Only the server's answer to our ID counts; anything else is ignored while we wait. The socket stays
      // unconnected as Kea's: an ICMP port-unreachable does not end the wait, the timeout does.
      if (
        rinfo.port !== server.port ||
        rinfo.address !== server.ipAddress ||
        msg.length < 12 ||
        msg.readUInt16BE(0) !== update.id
      )
        return;
      finish(...checkAnswer(msg, key === null ? null : key.key, requestMac));
    });
    sock.bind(0, () => {
      if (done) return;
      stats.update('update-sent', key);
      stats.add(key === null ? 'update-unsigned' : 'update-signed');
      sock.send(wire, server.port, server.ipAddress, (err) => {
        if (err) finish('OTHER', 0, err.message);
      });
    });
  });
}

type Check = [DnsStatus, number, string];

function checkAnswer(
  msg: Buffer,
  key: Parameters<typeof verifyMessage>[1] | null,
  requestMac?: Buffer,
): Check {
  let opcode: number;
  let qr: boolean;
  let zones: number;
  let rcode: number;
  if (key !== null) {
    const v = verifyMessage(msg, key, requestMac ? { requestMac } : {});
    if (!v.ok) {
      const rc = v.message ? `, answer rcode ${rcodeName(v.message.rcode)}` : '';
      const te =
        v.tsig && v.tsig.error !== 0 ? `, TSIG error ${TSIG_ERRORS[v.tsig.error] ?? v.tsig.error}` : '';
      return ['INVALID_RESPONSE', 0, `TSIG verification failed: ${v.failure} (${v.reason}${rc}${te})`];
    }
    ({ opcode, qr, rcode } = v.message);
    zones = v.message.questions.length;
  } else {
    try {
      const m = decodeMessage(msg);
      ({ opcode, qr, rcode } = m);
      zones = m.questions.length;
    } catch (e) {
      return ['INVALID_RESPONSE', 0, `malformed answer: ${(e as Error).message}`];
    }
  }
  if (opcode !== Opcode.UPDATE) return ['INVALID_RESPONSE', 0, `answer opcode is ${opcode}, not UPDATE`];
  if (!qr) return ['INVALID_RESPONSE', 0, 'answer has the QR flag unset'];
  if (zones > 1) return ['INVALID_RESPONSE', 0, `answer has ${zones} zone records, at most 1 allowed`];
  return ['SUCCESS', rcode, ''];
}
