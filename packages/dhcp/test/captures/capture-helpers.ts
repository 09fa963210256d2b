// Shared by the capture tests: the packets tcpdump saw between real clients and real Kea 2.2
// (test/fixtures/captures, made by scripts/capture/clients) and the message names the script wrote.
import { readdirSync, readFileSync } from 'node:fs';
import { Pkt4 } from '../../src/pkt4.js';

export interface CapturedPacket {
  direction: 'client-to-server' | 'server-to-client';
  from: string;
  message: string;
  src: string;
  dst: string;
  hex: string;
}

export interface Capture {
  'made-by': string;
  program: string;
  family: 4 | 6;
  packets: CapturedPacket[];
}

const dir = new URL('../../../test/fixtures/captures/', import.meta.url);

/** Every capture file (not the Kea configs beside them), by file name. */
export function captures(): [string, Capture][] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.startsWith('kea'))
    .sort()
    .map((f) => [f, JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as Capture]);
}

export const NAMES4: Record<number, string> = {
  1: 'DISCOVER',
  2: 'OFFER',
  3: 'REQUEST',
  4: 'DECLINE',
  5: 'ACK',
  6: 'NAK',
  7: 'RELEASE',
  8: 'INFORM',
};

export const NAMES6: Record<number, string> = {
  1: 'SOLICIT',
  2: 'ADVERTISE',
  3: 'REQUEST',
  4: 'CONFIRM',
  5: 'RENEW',
  6: 'REBIND',
  7: 'REPLY',
  8: 'RELEASE',
  9: 'DECLINE',
  10: 'RECONFIGURE',
  11: 'INFORMATION-REQUEST',
  12: 'RELAY-FORW',
  13: 'RELAY-REPL',
};

/** 'a.b.c.d' as the number Pkt4 keeps addresses as. */
export function ip4(text: string): number {
  return text.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}

/**
 * A new Pkt4 built the way a server builds its answer: the header fields and every option of `p`
 * set one by one, in the order received. Packing it shows our fresh layout of the same content.
 */
export function rebuild4(p: Pkt4): Pkt4 {
  const q = new Pkt4();
  q.op = p.op;
  q.htype = p.htype;
  q.hlen = p.hlen;
  q.hops = p.hops;
  q.xid = p.xid;
  q.secs = p.secs;
  q.flags = p.flags;
  q.ciaddr = p.ciaddr;
  q.yiaddr = p.yiaddr;
  q.siaddr = p.siaddr;
  q.giaddr = p.giaddr;
  q.chaddr = p.chaddr;
  q.sname = p.sname;
  q.file = p.file;
  for (const [code, value] of p.options()) q.setOption(code, value);
  return q;
}
