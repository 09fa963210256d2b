// Compiles a parsed expression into closures, once per configuration: evaluating a packet walks no
// tree and parses nothing. Every operand is evaluated, as Kea's stack machine does (no short
// circuit), so an operand that fails fails the whole expression even where its value is unused.
import type { DefinitionLookup, Pkt4, Pkt6 } from '@kea-ts/dhcp';
import type { BoolNode, OptionSource, StringNode } from './ast.js';
import { EvalTypeError } from './errors.js';
import { findSub, type KeaOption, toBinary, toKeaString } from './kea-option.js';
import { type EvalPacket, PacketAccess } from './packet-access.js';
import { split, substring, toText } from './string-functions.js';

export interface EvalContext extends EvalPacket {
  /** Classes already assigned to the packet (member()). */
  classes?: { has(name: string): boolean };
}

export type StringFn = (ctx: EvalContext) => Buffer;
export type BoolFn = (ctx: EvalContext) => boolean;

const EMPTY = Buffer.alloc(0);
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
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
              // Kea reports at most the 16 bytes of chaddr, though mac keeps all hlen bytes.
              return u32(Math.min(p.hlen, 16));
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
        return substring(this.string(n.of), n.start, n.length);
      case 'split':
        return split(this.string(n.of), this.string(n.delimiters), n.field);
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
          let out = '';
          for (let i = 0; i < b.length; i++) out += (i > 0 ? s : '') + HEX[b[i]!];
          return Buffer.from(out, 'latin1');
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
}
