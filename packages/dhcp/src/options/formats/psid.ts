// The 'psid' format (RFC 7597 S46_PORTPARAMS): one byte of PSID length (0..16), then the PSID as the
// high-order bits of a 16-bit field. Text 'psid/length' (Kea's order: value first), blanks ignored.
// With length 0 the PSID carries no bits and is written as zero, as Kea does.
import type { Reader, Writer } from '@kea-ts/util';
import { DhcpParseError } from '../../errors.js';
import { checkRead, configError, type DataFormat, parseKeaInteger } from './format.js';

export interface PsidValue {
  readonly psid: number;
  /** Number of significant PSID bits, 0..16. */
  readonly length: number;
}

function check(psid: number, length: number): void {
  if (!Number.isInteger(length) || length < 0 || length > 16) {
    throw configError(`PSID length ${length} is out of range 0..16`);
  }
  if (!Number.isInteger(psid) || psid < 0 || psid > 0xffff) throw configError(`PSID ${psid} is not 16-bit`);
  if (length > 0 && psid > 0xffff >> (16 - length)) {
    throw configError(`PSID ${psid} does not fit in ${length} bits`);
  }
}

export const psidFormat: DataFormat<PsidValue> = {
  type: 'psid',
  fixedLength: 3,
  encode(value: PsidValue, w: Writer): void {
    check(value.psid, value.length);
    w.u8(value.length);
    w.u16(value.length === 0 ? 0 : (value.psid << (16 - value.length)) & 0xffff);
  },
  decode(r: Reader): PsidValue {
    const length = r.u8();
    const field = r.u16();
    checkRead(r, 'psid');
    if (length > 16) throw new DhcpParseError(`PSID length ${length} is greater than 16`);
    const used = length === 0 ? 0 : (0xffff << (16 - length)) & 0xffff;
    if ((field & ~used & 0xffff) !== 0 && length > 0) {
      throw new DhcpParseError(`PSID field 0x${field.toString(16)} has bits set past its length ${length}`);
    }
    return { psid: length === 0 ? 0 : field >> (16 - length), length };
  },
  fromText(text: string): PsidValue {
    const compact = text.replace(/[ \t]/g, '');
    const slash = compact.indexOf('/');
    if (slash < 0) throw configError(`'${text}' is not a PSID: expected psid/length`);
    const psid = parseKeaInteger(compact.slice(0, slash), 0, 0xffff, 'PSID');
    const length = parseKeaInteger(compact.slice(slash + 1), 0, 255, 'PSID length');
    check(psid, length);
    return { psid, length };
  },
  toText(value: PsidValue): string {
    return `${value.psid}/${value.length}`;
  },
};
