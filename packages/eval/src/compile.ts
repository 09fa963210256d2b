// Compiles a parsed expression into closures, once per configuration: evaluating a packet walks no
// tree and parses nothing. Every operand is evaluated, as Kea's stack machine does (no short
// circuit), so an operand that fails fails the whole expression even where its value is unused.
import type { DefinitionLookup, Pkt4, Pkt6 } from '@kea-ts/dhcp';
import { formatIPv4, formatIPv6 } from '@kea-ts/util';
import type { BoolNode, OptionSource, StringNode } from './ast.js';
import { EvalTypeError } from './errors.js';
import { findSub, type KeaOption, toBinary, toKeaString } from './kea-option.js';
import { type EvalPacket, PacketAccess } from './packet-access.js';

export interface EvalContext extends EvalPacket {
  /** Classes already assigned to the packet (member()). */
  classes?: { has(name: string): boolean };
}

export type StringFn = (ctx: EvalContext) => Buffer;
export type BoolFn = (ctx: EvalContext) => boolean;

const EMPTY = Buffer.alloc(0);

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

/** boost::lexical_cast<int>: decimal digits with an optional sign, within int32. */
function toInt(text: string, what: string): number {
  if (!/^[-+]?[0-9]+$/.test(text))
    throw new EvalTypeError(`the parameter '${text}' for ${what} is no integer`);
  const n = Number(text);
  if (n < -(2 ** 31) || n > 2 ** 31 - 1)
    throw new EvalTypeError(`the parameter '${text}' for ${what} is no int`);
  return n;
}

export class Compiler {
  private readonly access: PacketAccess;

  constructor(
    private readonly universe: 4 | 6,
    defs: DefinitionLookup,
  ) {
    this.access = new PacketAccess(universe, defs);
  }

  private pkt4(ctx: EvalContext): Pkt4 {
    if (this.universe !== 4) throw new EvalTypeError('Specified packet is not a Pkt4');
    return ctx.pkt as Pkt4;
  }

  private pkt6(ctx: EvalContext): Pkt6 {
    if (this.universe !== 6) throw new EvalTypeError('Specified packet is not Pkt6');
    return ctx.pkt as Pkt6;
  }

  private optionGetter(src: OptionSource): (ctx: EvalContext) => KeaOption | undefined {
    const a = this.access;
    switch (src.from) {
      case 'packet': {
        const { code, sub } = src;
        if (sub === undefined) return (ctx) => a.option(ctx.pkt, code);
        return (ctx) => {
          const parent = a.option(ctx.pkt, code);
          return parent && findSub(parent, sub);
        };
      }
      case 'relay4': {
        const sub = src.sub;
        return (ctx) => {
          const rai = a.option(this.pkt4(ctx), 82);
          return rai && findSub(rai, sub);
        };
      }
      case 'relay6': {
        const { nest, code } = src;
        return (ctx) => a.relayOption(this.pkt6(ctx), nest, code);
      }
    }
  }

  bool(n: BoolNode): BoolFn {
    switch (n.t) {
      case 'not': {
        const f = this.bool(n.of);
        return (ctx) => !f(ctx);
      }
      case 'and':
      case 'or': {
        const l = this.bool(n.left);
        const r = this.bool(n.right);
        // Both sides run (Kea has no short circuit): an error on either side fails the test.
        if (n.t === 'and')
          return (ctx) => {
            const a = l(ctx);
            const b = r(ctx);
            return a && b;
          };
        return (ctx) => {
          const a = l(ctx);
          const b = r(ctx);
          return a || b;
        };
      }
      case 'equal': {
        const l = this.string(n.left);
        const r = this.string(n.right);
        return (ctx) => l(ctx).equals(r(ctx));
      }
      case 'member': {
        const name = n.name;
        return (ctx) => ctx.classes?.has(name) ?? false;
      }
      case 'option-exists': {
        const get = this.optionGetter(n.source);
        return (ctx) => get(ctx) !== undefined;
      }
      case 'vendor-exists': {
        const { enterprise, code, vendorClass } = n;
        const a = this.access;
        if (vendorClass)
          return (ctx) => {
            const v = a.vendorClass(ctx.pkt);
            return v !== undefined && (enterprise === 0 || v.enterprise === enterprise);
          };
        return (ctx) => {
          const v = a.vendor(ctx.pkt);
          if (v === undefined || (enterprise !== 0 && v.enterprise !== enterprise)) return false;
          return code === undefined || v.subs.some((s) => s.code === code);
        };
      }
    }
  }

  string(n: StringNode): StringFn {
    const a = this.access;
    switch (n.t) {
      case 'literal': {
        const v = n.value;
        return () => v;
      }
      case 'option': {
        const get = this.optionGetter(n.source);
        const repr = n.repr === 'hex' ? toBinary : toKeaString;
        return (ctx) => {
          const o = get(ctx);
          return o === undefined ? EMPTY : repr(o);
        };
      }
      case 'pkt':
        switch (n.field) {
          case 'iface':
            return (ctx) => Buffer.from(ctx.iface ?? '', 'utf8');
          case 'src':
            return (ctx) => ctx.remoteAddr ?? Buffer.alloc(this.universe === 4 ? 4 : 16);
          case 'dst':
            return (ctx) => ctx.localAddr ?? Buffer.alloc(this.universe === 4 ? 4 : 16);
          case 'len':
            return (ctx) => u32(a.length(ctx.pkt));
        }
        break;
      case 'pkt4': {
        const f = n.field;
        return (ctx) => {
          const p = this.pkt4(ctx);
          switch (f) {
            case 'mac': {
              // Kea keeps hlen bytes of chaddr, zero padded past its 16.
              const m = p.chaddr;
              return m.length >= p.hlen
                ? m.subarray(0, p.hlen)
                : Buffer.concat([m, Buffer.alloc(p.hlen - m.length)]);
            }
            case 'hlen':
              return u32(p.hlen);
            case 'htype':
              return u32(p.htype);
            case 'ciaddr':
              return u32(p.ciaddr);
            case 'giaddr':
              return u32(p.giaddr);
            case 'yiaddr':
              return u32(p.yiaddr);
            case 'siaddr':
              return u32(p.siaddr);
            case 'msgtype':
              return u32(p.messageType);
            case 'transid':
              return u32(p.xid);
          }
        };
      }
      case 'pkt6': {
        const f = n.field;
        return (ctx) => {
          const p = this.pkt6(ctx);
          return u32(f === 'msgtype' ? p.msgType : p.transactionId);
        };
      }
      case 'relay6-field': {
        const { nest, field } = n;
        return (ctx) => {
          const layer = a.relay(this.pkt6(ctx), nest);
          if (!layer) return EMPTY;
          return field === 'peeraddr' ? layer.peerAddress : layer.linkAddress;
        };
      }
      case 'substring':
        return this.substring(this.string(n.of), n.start, n.length);
      case 'split':
        return this.split(this.string(n.of), this.string(n.delimiters), n.field);
      case 'concat': {
        const l = this.string(n.left);
        const r = this.string(n.right);
        return (ctx) => Buffer.concat([l(ctx), r(ctx)]);
      }
      case 'ifelse': {
        const c = this.bool(n.cond);
        const t = this.string(n.ifTrue);
        const e = this.string(n.ifFalse);
        return (ctx) => {
          const cond = c(ctx);
          const yes = t(ctx);
          const no = e(ctx);
          return cond ? yes : no;
        };
      }
      case 'hexstring': {
        const of = this.string(n.of);
        const sep = this.string(n.separator);
        return (ctx) => {
          const b = of(ctx);
          const s = sep(ctx).toString('latin1');
          return Buffer.from([...b].map((x) => x.toString(16).padStart(2, '0')).join(s), 'latin1');
        };
      }
      case 'totext':
        return toText(n.kind, this.string(n.of));
      case 'vendor-option': {
        const { enterprise, code, repr } = n;
        const out = repr === 'hex' ? toBinary : toKeaString;
        return (ctx) => {
          const v = a.vendor(ctx.pkt);
          if (v === undefined || (enterprise !== 0 && v.enterprise !== enterprise)) return EMPTY;
          const s = v.subs.find((o) => o.code === code);
          return s === undefined ? EMPTY : out(s);
        };
      }
      case 'enterprise': {
        const vc = n.vendorClass;
        return (ctx) => {
          const v = vc ? a.vendorClass(ctx.pkt) : a.vendor(ctx.pkt);
          return v === undefined ? EMPTY : u32(v.enterprise);
        };
      }
      case 'vendor-class-data': {
        const { enterprise, index } = n;
        return (ctx) => {
          const v = a.vendorClass(ctx.pkt);
          if (v === undefined || (enterprise !== 0 && v.enterprise !== enterprise)) return EMPTY;
          return v.tuples[index] ?? EMPTY;
        };
      }
    }
  }

  private substring(of: StringFn, startText: string, lengthText: string): StringFn {
    return (ctx) => {
      const s = of(ctx);
      if (s.length === 0) return EMPTY;
      let start = toInt(startText, 'the starting position of the substring');
      let length = lengthText === 'all' ? s.length : toInt(lengthText, 'the length of the substring');
      const n = s.length;
      if (start < -n || start >= n) return EMPTY;
      if (start < 0) start += n;
      if (length < 0) {
        length = -length;
        if (length <= start) start -= length;
        else {
          length = start;
          start = 0;
        }
      }
      return s.subarray(start, Math.min(n, start + length));
    };
  }

  private split(of: StringFn, delims: StringFn, fieldText: string): StringFn {
    return (ctx) => {
      const s = of(ctx);
      const d = delims(ctx);
      if (s.length === 0) return EMPTY;
      const field = toInt(fieldText, 'the field of split');
      if (d.length === 0) return s;
      const fields: Buffer[] = [];
      let from = 0;
      for (let i = 0; i < s.length; i++) {
        if (d.includes(s[i]!)) {
          fields.push(s.subarray(from, i));
          from = i + 1;
        }
      }
      fields.push(s.subarray(from));
      return field < 1 || field > fields.length ? EMPTY : fields[field - 1]!;
    };
  }
}

/** addrtotext and the int*totext family: empty stays empty, a wrong size is Kea's EvalTypeError. */
function toText(kind: string, of: StringFn): StringFn {
  const size: Record<string, number> = {
    int8totext: 1,
    uint8totext: 1,
    int16totext: 2,
    uint16totext: 2,
    int32totext: 4,
    uint32totext: 4,
  };
  return (ctx) => {
    const b = of(ctx);
    if (b.length === 0) return EMPTY;
    let text: string;
    if (kind === 'addrtotext') {
      if (b.length === 4) text = formatIPv4(b.readUInt32BE(0));
      else if (b.length === 16) text = formatIPv6(b);
      else throw new EvalTypeError('Can not convert to valid address.');
    } else {
      if (b.length !== size[kind]) throw new EvalTypeError(`Can not convert to valid ${kind.slice(0, -6)}.`);
      switch (kind) {
        case 'int8totext':
          text = String(b.readInt8(0));
          break;
        case 'uint8totext':
          text = String(b[0]);
          break;
        case 'int16totext':
          text = String(b.readInt16BE(0));
          break;
        case 'uint16totext':
          text = String(b.readUInt16BE(0));
          break;
        case 'int32totext':
          text = String(b.readInt32BE(0));
          break;
        default:
          text = String(b.readUInt32BE(0));
      }
    }
    return Buffer.from(text, 'latin1');
  };
}
