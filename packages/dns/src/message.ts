// DNS messages (RFC 1035 4.1): header, question and the three record sections, encoded with name
// compression and decoded with every length checked; bad input only ever raises KEA_ERR_DNS_MALFORMED.
import { Writer } from '@kea-ts/util';
import { badInput, malformed } from './errors.js';
import { NameCompressor, readName } from './name.js';
import { type RData, readRData, writeRData } from './rdata.js';

export interface Question {
  name: string;
  type: number;
  class: number;
}

export interface ResourceRecord {
  name: string;
  type: number;
  class: number;
  ttl: number;
  /** null: empty RDATA (RDLENGTH 0), as RFC 2136 deletions and prerequisites carry. */
  data: RData | null;
}

export interface Message {
  id: number;
  qr: boolean;
  opcode: number;
  aa: boolean;
  tc: boolean;
  rd: boolean;
  ra: boolean;
  /** The Z, AD and CD bits as received (3 bits). */
  z: number;
  rcode: number;
  /** For UPDATE: the zone section. */
  questions: Question[];
  /** For UPDATE: the prerequisite section. */
  answers: ResourceRecord[];
  /** For UPDATE: the update section. */
  authorities: ResourceRecord[];
  additionals: ResourceRecord[];
}

export interface DecodedMessage extends Message {
  /** Offset of the last additional record when it is a TSIG RR (RFC 8945 5.1: it must be last). */
  tsigOffset: number | null;
}

export const HEADER_LENGTH = 12;

export function emptyMessage(fields: Partial<Message> = {}): Message {
  return {
    id: 0,
    qr: false,
    opcode: 0,
    aa: false,
    tc: false,
    rd: false,
    ra: false,
    z: 0,
    rcode: 0,
    questions: [],
    answers: [],
    authorities: [],
    additionals: [],
    ...fields,
  };
}

function writeRecord(w: Writer, rr: ResourceRecord, c: NameCompressor): void {
  c.write(w, rr.name);
  w.u16(rr.type).u16(rr.class).u32(rr.ttl);
  const at = w.reserveU16();
  if (rr.data !== null) writeRData(w, rr.data, c);
  const len = w.length - at - 2;
  if (len > 0xffff) throw badInput(`RDATA of ${rr.name} longer than 65535 octets`);
  w.patchU16(at, len);
}

export function encodeMessage(m: Message): Buffer {
  if (m.rcode > 15) throw badInput(`rcode ${m.rcode} needs EDNS, which is not supported`);
  const w = new Writer(512);
  const flags =
    (m.qr ? 0x8000 : 0) |
    ((m.opcode & 0xf) << 11) |
    (m.aa ? 0x0400 : 0) |
    (m.tc ? 0x0200 : 0) |
    (m.rd ? 0x0100 : 0) |
    (m.ra ? 0x0080 : 0) |
    ((m.z & 0x7) << 4) |
    (m.rcode & 0xf);
  w.u16(m.id).u16(flags);
  w.u16(m.questions.length).u16(m.answers.length).u16(m.authorities.length).u16(m.additionals.length);
  const c = new NameCompressor();
  for (const q of m.questions) {
    c.write(w, q.name);
    w.u16(q.type).u16(q.class);
  }
  for (const section of [m.answers, m.authorities, m.additionals]) {
    for (const rr of section) writeRecord(w, rr, c);
  }
  return w.toBuffer();
}

function need(buf: Buffer, at: number, n: number, what: string): void {
  if (at + n > buf.length) throw malformed(`${what} at offset ${at} runs past the end of the message`);
}

/** Decodes a whole message; trailing octets after the last record are an error. */
export function decodeMessage(buf: Buffer): DecodedMessage {
  need(buf, 0, HEADER_LENGTH, 'header');
  const flags = buf.readUInt16BE(2);
  const counts = [4, 6, 8, 10].map((o) => buf.readUInt16BE(o));
  const m: DecodedMessage = {
    ...emptyMessage({
      id: buf.readUInt16BE(0),
      qr: (flags & 0x8000) !== 0,
      opcode: (flags >> 11) & 0xf,
      aa: (flags & 0x0400) !== 0,
      tc: (flags & 0x0200) !== 0,
      rd: (flags & 0x0100) !== 0,
      ra: (flags & 0x0080) !== 0,
      z: (flags >> 4) & 0x7,
      rcode: flags & 0xf,
    }),
    tsigOffset: null,
  };
  let pos = HEADER_LENGTH;
  for (let i = 0; i < counts[0]!; i++) {
    const n = readName(buf, pos);
    need(buf, n.next, 4, 'question');
    m.questions.push({ name: n.name, type: buf.readUInt16BE(n.next), class: buf.readUInt16BE(n.next + 2) });
    pos = n.next + 4;
  }
  const sections = [m.answers, m.authorities, m.additionals];
  for (let s = 0; s < 3; s++) {
    for (let i = 0; i < counts[s + 1]!; i++) {
      const start = pos;
      const n = readName(buf, pos);
      need(buf, n.next, 10, 'record header');
      const type = buf.readUInt16BE(n.next);
      const len = buf.readUInt16BE(n.next + 8);
      const rdataAt = n.next + 10;
      need(buf, rdataAt, len, 'RDATA');
      sections[s]!.push({
        name: n.name,
        type,
        class: buf.readUInt16BE(n.next + 2),
        ttl: buf.readUInt32BE(n.next + 4),
        data: len === 0 ? null : readRData(buf, rdataAt, len, type),
      });
      pos = rdataAt + len;
      if (s === 2 && type === 250) {
        if (i !== counts[3]! - 1) throw malformed('TSIG record is not the last additional record');
        m.tsigOffset = start;
      }
    }
  }
  if (pos !== buf.length) throw malformed(`${buf.length - pos} trailing octets after the last record`);
  return m;
}
