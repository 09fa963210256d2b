// The options of a Pkt6 message (or of one relay layer): an ordered list of instances where a
// code may repeat (several IA_NA, several IAADDR). Received: an index of raw slices over the
// received Buffer, nothing decoded. Changed: an array of (code, payload) made on the first change.
// Nested options are read on demand with suboptions6.

import { DhcpPackError } from '../errors.js';
import { EMPTY_ENTRIES, type Entries, findCode, type OptionInstance } from './option-index.js';
import { checkOption6, suboptions6 } from './tlv6.js';

const EMPTY_BUF = Buffer.alloc(0);

export abstract class Pkt6Options {
  protected rawBuf: Buffer = EMPTY_BUF;
  protected entries: Entries = EMPTY_ENTRIES;
  protected count = 0;
  /** Options after a change (or of a built packet); null while the received layout holds. */
  protected mod: OptionInstance[] | null = null;

  /** The first instance of option `code`, or undefined. */
  getOption(code: number): Buffer | undefined {
    if (this.mod !== null) {
      for (const o of this.mod) if (o.code === code) return o.payload;
      return undefined;
    }
    const i = findCode(this.entries, this.count, code);
    if (i < 0) return undefined;
    const s = this.entries[i * 3 + 1]!;
    return this.rawBuf.subarray(s, s + this.entries[i * 3 + 2]!);
  }

  /** Every instance of option `code`, in order. */
  getOptions(code: number): Buffer[] {
    const out: Buffer[] = [];
    if (this.mod !== null) {
      for (const o of this.mod) if (o.code === code) out.push(o.payload);
      return out;
    }
    const e = this.entries;
    for (let i = 0; i < this.count; i++) {
      if (e[i * 3] === code) out.push(this.rawBuf.subarray(e[i * 3 + 1]!, e[i * 3 + 1]! + e[i * 3 + 2]!));
    }
    return out;
  }

  hasOption(code: number): boolean {
    if (this.mod !== null) return this.mod.some((o) => o.code === code);
    return findCode(this.entries, this.count, code) >= 0;
  }

  /** All instances in order (a new array; payloads are slices). */
  options(): OptionInstance[] {
    if (this.mod !== null) return this.mod.slice();
    const out: OptionInstance[] = new Array(this.count);
    const e = this.entries;
    for (let i = 0; i < this.count; i++) {
      const s = e[i * 3 + 1]!;
      out[i] = { code: e[i * 3]!, payload: this.rawBuf.subarray(s, s + e[i * 3 + 2]!) };
    }
    return out;
  }

  /** Appends an instance (a code may repeat); the message will be laid out fresh. */
  addOption(code: number, payload: Buffer): void {
    checkOption6(code, payload.length);
    if (code === 9) throw new DhcpPackError('relay-msg (9) is written by pack() from the relay layers');
    this.modified().push({ code, payload });
  }

  /** Replaces every instance of `code` by one, where the first one stood (else at the end). */
  setOption(code: number, payload: Buffer): void {
    checkOption6(code, payload.length);
    if (code === 9) throw new DhcpPackError('relay-msg (9) is written by pack() from the relay layers');
    const mod = this.modified();
    const at = mod.findIndex((o) => o.code === code);
    this.mod = mod.filter((o) => o.code !== code);
    this.mod.splice(at < 0 ? this.mod.length : at, 0, { code, payload });
  }

  /** Removes every instance of `code`; true when there was one. */
  deleteOption(code: number): boolean {
    if (!this.hasOption(code)) return false;
    this.mod = this.modified().filter((o) => o.code !== code);
    return true;
  }

  protected modified(): OptionInstance[] {
    if (this.mod === null) this.mod = this.options();
    return this.mod;
  }

  /** Client identifier (1), raw DUID. */
  get clientId(): Buffer | undefined {
    return this.getOption(1);
  }

  /** Server identifier (2), raw DUID. */
  get serverId(): Buffer | undefined {
    return this.getOption(2);
  }

  /**
   * The options nested in an option's payload (IA_NA 3, IA_TA 4, IAADDR 5, vendor-opts 17,
   * IA_PD 25, IAPREFIX 26, s46 containers); DhcpParseError when malformed.
   */
  static suboptions(code: number, payload: Buffer): OptionInstance[] {
    return suboptions6(code, payload);
  }
}
