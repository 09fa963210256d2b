// The options of a Pkt4 and the typed getters servers use. Two states: received (an index of raw
// slices over the received Buffer, nothing decoded, RFC 3396 instances concatenated on request) and
// changed (a Map code -> payload, made on the first set/delete, in order of first appearance).
// Typed getters decode on each call and throw DhcpParseError for a payload of the wrong size, as
// Kea fails the whole packet when a standard option does not fit its definition.

import { DhcpPackError, DhcpParseError } from '../errors.js';
import { concatCode, EMPTY_ENTRIES, type Entries, findCode, type OptionInstance } from './option-index.js';
import { parseOptions4 } from './tlv4.js';

const EMPTY_BUF = Buffer.alloc(0);

function u32(b: Buffer, at: number): number {
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

// One shared 1-byte payload per message type: option 53 is set on every answer, and payloads are
// never written to in place (not by the codec, and callers must not either).
const MESSAGE_TYPE_PAYLOADS: Buffer[] = [];

/** The shared payload of option 53 for `type`. */
export function messageTypePayload(type: number): Buffer {
  let b = MESSAGE_TYPE_PAYLOADS[type & 0xff];
  if (b === undefined) {
    b = Buffer.from([type & 0xff]);
    MESSAGE_TYPE_PAYLOADS[type & 0xff] = b;
  }
  return b;
}

function sized(code: number, name: string, value: Buffer | undefined, size: number): Buffer | undefined {
  if (value === undefined) return undefined;
  if (value.length !== size)
    throw new DhcpParseError(`${name} (${code}) has ${value.length} bytes, expected ${size}`);
  return value;
}

/** Text of a string option: bytes as latin1 (lossless), trailing NULs dropped as Kea does. */
function text(value: Buffer | undefined): string | undefined {
  if (value === undefined) return undefined;
  let end = value.length;
  while (end > 0 && value[end - 1] === 0) end--;
  return value.toString('latin1', 0, end);
}

export abstract class Pkt4Options {
  /** The received Buffer the index points into (EMPTY for built packets). */
  protected rawBuf: Buffer = EMPTY_BUF;
  protected entries: Entries = EMPTY_ENTRIES;
  protected count = 0;
  /** Options after a change (or of a built packet); null while the received layout holds. */
  protected mod: Map<number, Buffer> | null = null;

  /** The value of option `code` (all its instances concatenated, RFC 3396), or undefined. */
  getOption(code: number): Buffer | undefined {
    if (this.mod !== null) return this.mod.get(code);
    return concatCode(this.rawBuf, this.entries, this.count, code);
  }

  hasOption(code: number): boolean {
    if (this.mod !== null) return this.mod.has(code);
    return findCode(this.entries, this.count, code) >= 0;
  }

  /**
   * Sets option `code` (1-254); the packet will be laid out fresh. A 52 set here is written as
   * given (Kea sends a configured 52 verbatim) unless pack() needs overload, which writes its own.
   */
  setOption(code: number, payload: Buffer): void {
    if (!Number.isInteger(code) || code < 1 || code > 254) {
      throw new DhcpPackError(`option code ${code} cannot be set (1-254)`);
    }
    this.modified().set(code, payload);
  }

  /** Removes every instance of option `code`; true when there was one. */
  deleteOption(code: number): boolean {
    if (!this.hasOption(code)) return false;
    return this.modified().delete(code);
  }

  /** (code, value) per option code, in order of first appearance, instances concatenated. */
  *options(): IterableIterator<[number, Buffer]> {
    if (this.mod !== null) {
      yield* this.mod.entries();
      return;
    }
    const e = this.entries;
    for (let i = 0; i < this.count; i++) {
      const code = e[i * 3]!;
      if (findCode(e, i, code) < 0) yield [code, concatCode(this.rawBuf, e, this.count, code)!];
    }
  }

  /** Option instances as they arrived (split options not joined); empty once options changed. */
  receivedInstances(): OptionInstance[] {
    if (this.mod !== null) return [];
    const out: OptionInstance[] = [];
    for (let i = 0; i < this.count; i++) {
      const s = this.entries[i * 3 + 1]!;
      out.push({
        code: this.entries[i * 3]!,
        payload: this.rawBuf.subarray(s, s + this.entries[i * 3 + 2]!),
      });
    }
    return out;
  }

  /** Switches to the changed state (once) and returns the map. */
  protected modified(): Map<number, Buffer> {
    if (this.mod !== null) return this.mod;
    const mod = new Map<number, Buffer>();
    const e = this.entries;
    for (let i = 0; i < this.count; i++) {
      const code = e[i * 3]!;
      // 52 described the received layout; pack() decides overload afresh.
      if (code !== 52 && !mod.has(code)) mod.set(code, concatCode(this.rawBuf, e, this.count, code)!);
    }
    this.mod = mod;
    this.onFirstChange();
    return mod;
  }

  protected onFirstChange(): void {}

  /**
   * Where the payload of `code` starts in rawBuf when it arrived as one instance of `size` bytes
   * (the usual case, read without making a slice); -1 when absent, -2 for anything else.
   */
  private rawSingle(code: number, size: number): number {
    if (this.mod !== null) return -2;
    const e = this.entries;
    const i = findCode(e, this.count, code);
    if (i < 0) return -1;
    if (e[i * 3 + 2] !== size) return -2;
    for (let j = i + 1; j < this.count; j++) if (e[j * 3] === code) return -2;
    return e[i * 3 + 1]!;
  }

  private u32Option(code: number, name: string): number | undefined {
    const at = this.rawSingle(code, 4);
    if (at >= 0) return u32(this.rawBuf, at);
    if (at === -1) return undefined;
    const v = sized(code, name, this.getOption(code), 4);
    return v === undefined ? undefined : u32(v, 0);
  }

  /** Option 53; 0 when absent (Kea's DHCP_NOTYPE). */
  get messageType(): number {
    const at = this.rawSingle(53, 1);
    if (at >= 0) return this.rawBuf[at]!;
    if (at === -1) return 0;
    const v = this.getOption(53);
    if (v === undefined) return 0;
    if (v.length === 0) throw new DhcpParseError('message type (53) is empty');
    return v[0]!;
  }

  set messageType(type: number) {
    this.setOption(53, messageTypePayload(type));
  }

  /** Requested IP address (50) as a number. */
  get requestedAddress(): number | undefined {
    return this.u32Option(50, 'requested address');
  }

  /** Server identifier (54) as a number. */
  get serverId(): number | undefined {
    return this.u32Option(54, 'server identifier');
  }

  /** IP address lease time (51) in seconds. */
  get leaseTime(): number | undefined {
    return this.u32Option(51, 'lease time');
  }

  /** Maximum DHCP message size (57) as the client sent it (IP and UDP headers included). */
  get maxMessageSize(): number | undefined {
    const v = sized(57, 'maximum message size', this.getOption(57), 2);
    return v === undefined ? undefined : (v[0]! << 8) | v[1]!;
  }

  /** Parameter request list (55): one option code per byte. */
  get parameterRequestList(): Buffer | undefined {
    return this.getOption(55);
  }

  /** Client identifier (61), raw. */
  get clientId(): Buffer | undefined {
    return this.getOption(61);
  }

  /** Host name (12). */
  get hostname(): string | undefined {
    return text(this.getOption(12));
  }

  /** Vendor class identifier (60). */
  get vendorClassId(): string | undefined {
    return text(this.getOption(60));
  }

  /** Relay agent information (82) sub-options in order; DhcpParseError when malformed. */
  agentInfo(): OptionInstance[] | undefined {
    const v = this.getOption(82);
    return v === undefined ? undefined : parseOptions4(v);
  }

  /** One sub-option of option 82 (circuit-id 1, remote-id 2, link-selection 5...). */
  agentSubOption(code: number): Buffer | undefined {
    const subs = this.agentInfo();
    if (subs === undefined) return undefined;
    for (const s of subs) if (s.code === code) return s.payload;
    return undefined;
  }
}
