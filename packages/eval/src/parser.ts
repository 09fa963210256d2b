// A recursive-descent parser for Kea 2.2's expression grammar (src/lib/eval/parser.yy): bool
// expressions with not/and/or (and binds tighter than or), string expressions with "+" for
// concat, and every accessor. Errors carry Kea's positions and wording ("syntax error, unexpected
// X", "option 'foo' is not defined", range errors of option codes, nest levels and integers).
import type { DefinitionLookup } from '@kea-ts/dhcp';
import type { BoolNode, OptionSource, Repr, StringNode, ToTextKind } from './ast.js';
import { EvalParseError, type SourceSpan } from './errors.js';
import { type Token, type TokenKind, tokenize } from './lexer.js';
import {
  display,
  hexLiteral,
  ipLiteral,
  nestLevel,
  optionCode,
  rank,
  u32Bytes,
  uint8,
  uint32,
} from './literals.js';

export interface ParseOptions {
  universe: 4 | 6;
  /** Option definitions for names (standard and option-def ones); standardRegistry(universe). */
  definitions: DefinitionLookup;
  /** member('x') needs x defined earlier; Kea fails "Not defined client class". Default: any. */
  isClassDefined?: (name: string) => boolean;
}

const TOTEXT = /^(?:addr|u?int(?:8|16|32))totext$/;
const PKT4_FIELDS = /^(?:mac|hlen|htype|[cgys]iaddr|msgtype|transid)$/;

/** Parses a class test (Kea's TOPLEVEL_BOOL). */
export function parseBoolExpression(source: string, options: ParseOptions): BoolNode {
  const p = new Parser(source, options);
  const node = p.boolExpr();
  p.expect('end of file');
  return node;
}

/** Parses a string expression such as flex-id's identifier-expression (TOPLEVEL_STRING). */
export function parseStringExpression(source: string, options: ParseOptions): StringNode {
  const p = new Parser(source, options);
  const node = p.stringExpr();
  p.expect('end of file');
  return node;
}

class Parser {
  private readonly tokens: Token[];
  private pos = 0;
  private readonly universe: 4 | 6;

  constructor(
    source: string,
    private readonly options: ParseOptions,
  ) {
    this.tokens = tokenize(source);
    this.universe = options.universe;
  }

  private get tok(): Token {
    return this.tokens[this.pos]!;
  }

  private next(): Token {
    const t = this.tok;
    if (t.kind !== 'end of file') this.pos++;
    return t;
  }

  /** Syntax errors with what was expected, to merge two readings that fail at one token. */
  private readonly syntax = new WeakMap<
    EvalParseError,
    { at: number; token: Token; expected: TokenKind[] }
  >();

  private fail(t: Token, expected: readonly TokenKind[] = []): never {
    let reason = `syntax error, unexpected ${display(t.kind)}`;
    if (expected.length > 0 && expected.length <= 4) {
      const sorted = [...expected].sort((a, b) => rank(a) - rank(b));
      reason += `, expecting ${sorted.map(display).join(' or ')}`;
    }
    const e = new EvalParseError(t.span, reason);
    this.syntax.set(e, { at: this.pos, token: t, expected: [...expected] });
    throw e;
  }

  /** Of two failed readings, the error bison meets: the later one, or both lists at one token. */
  private merge(a: EvalParseError, aAt: number, b: EvalParseError, bAt: number): EvalParseError {
    if (aAt !== bAt) return aAt > bAt ? a : b;
    const sa = this.syntax.get(a);
    const sb = this.syntax.get(b);
    if (!sa || !sb || sa.expected.length === 0 || sb.expected.length === 0) return b;
    try {
      this.pos = sa.at;
      this.fail(sa.token, [...new Set([...sa.expected, ...sb.expected])]);
    } catch (e) {
      return e as EvalParseError;
    }
  }

  /** The token after a string operand: "+" could have come too. */
  private afterString(kind: TokenKind): Token {
    if (this.tok.kind !== kind) this.fail(this.tok, [kind, '+']);
    return this.next();
  }

  /** The token after a bool operand inside parentheses or ifelse: "and"/"or" could have come. */
  private afterBool(kind: TokenKind): Token {
    if (this.tok.kind !== kind) this.fail(this.tok, [kind, 'and', 'or']);
    return this.next();
  }

  expect(...kinds: TokenKind[]): Token {
    const t = this.tok;
    if (!kinds.includes(t.kind)) this.fail(t, kinds);
    return this.next();
  }

  private accept(kind: TokenKind): boolean {
    if (this.tok.kind !== kind) return false;
    this.next();
    return true;
  }

  boolExpr(): BoolNode {
    let left = this.andExpr();
    while (this.accept('or')) left = { t: 'or', left, right: this.andExpr() };
    return left;
  }

  private andExpr(): BoolNode {
    let left = this.notExpr();
    while (this.accept('and')) left = { t: 'and', left, right: this.notExpr() };
    return left;
  }

  private notExpr(): BoolNode {
    if (this.accept('not')) return { t: 'not', of: this.notExpr() };
    return this.boolAtom();
  }

  private boolAtom(): BoolNode {
    const t = this.tok;
    if (t.kind === '(') {
      // "(" opens a bool_expr or a string_expr: try the bool reading, then the string one, and
      // report the error bison would have met (the later one; at one token, what both expected).
      const start = this.pos;
      let boolError: EvalParseError;
      try {
        this.next();
        const inner = this.boolExpr();
        this.afterBool(')');
        return inner;
      } catch (e) {
        if (!(e instanceof EvalParseError)) throw e;
        boolError = e;
      }
      const boolAt = this.pos;
      this.pos = start;
      try {
        return this.equality(this.stringExpr());
      } catch (e) {
        if (!(e instanceof EvalParseError)) throw e;
        throw this.merge(boolError, boolAt, e, this.pos);
      }
    }
    if (t.kind === 'member') {
      this.next();
      this.expect('(');
      const name = this.expect('constant string');
      this.expect(')');
      if (this.options.isClassDefined && !this.options.isClassDefined(name.text))
        throw new EvalParseError(name.span, `Not defined client class '${name.text}'`);
      return { t: 'member', name: name.text };
    }
    const first = this.accessor(true);
    if (first.bool) return first.bool;
    return this.equality(this.plusTail(first.str!));
  }

  private equality(left: StringNode): BoolNode {
    if (this.tok.kind !== '==') this.fail(this.tok, ['==', '+']);
    this.next();
    return { t: 'equal', left, right: this.stringExpr() };
  }

  stringExpr(): StringNode {
    const first = this.accessor(false);
    return this.plusTail(first.str!);
  }

  private plusTail(first: StringNode): StringNode {
    let left = first;
    while (this.accept('+')) left = { t: 'concat', left, right: this.accessor(false).str! };
    return left;
  }

  /** One string_expr atom, or in bool context also the ".exists" forms. */
  private accessor(boolOk: boolean): { bool?: BoolNode; str?: StringNode } {
    const t = this.next();
    switch (t.kind) {
      case 'constant string':
        return { str: { t: 'literal', value: Buffer.from(t.text, 'utf8') } };
      case 'constant hexstring':
        return { str: { t: 'literal', value: hexLiteral(t.text) } };
      case 'ip address':
        return { str: { t: 'literal', value: ipLiteral(t.text) } };
      case 'integer':
        return { str: { t: 'literal', value: u32Bytes(uint32(t)) } };
      case '(': {
        const inner = this.stringExpr();
        this.afterString(')');
        return { str: inner };
      }
      case 'option':
        return this.optionAccessor(boolOk);
      case 'relay4': {
        this.expect('[');
        const sub = optionCode(this.universe, this.expect('integer'));
        this.expect(']');
        this.expect('.');
        const r = this.reprOrExists(boolOk);
        if (this.universe !== 4) throw new EvalParseError(t.span, 'relay4 can only be used in DHCPv4.');
        return this.wrap({ from: 'relay4', sub }, r);
      }
      case 'relay6':
        return this.relay6Accessor(t, boolOk);
      case 'pkt': {
        this.expect('.');
        const f = this.expect('iface', 'src', 'dst', 'len');
        return { str: { t: 'pkt', field: f.kind as 'iface' } };
      }
      case 'pkt4': {
        this.expect('.');
        const f = this.next();
        if (!PKT4_FIELDS.test(f.kind)) this.fail(f);
        if (this.universe !== 4) throw new EvalParseError(t.span, 'pkt4 can only be used in DHCPv4.');
        return { str: { t: 'pkt4', field: f.kind as 'mac' } };
      }
      case 'pkt6': {
        this.expect('.');
        const f = this.expect('msgtype', 'transid');
        if (this.universe !== 6) throw new EvalParseError(t.span, 'pkt6 can only be used in DHCPv6.');
        return { str: { t: 'pkt6', field: f.kind as 'msgtype' } };
      }
      case 'substring': {
        this.expect('(');
        const of = this.stringExpr();
        this.afterString(',');
        const start = this.expect('integer').text;
        this.expect(',');
        const length = this.expect('integer', 'all').text;
        this.expect(')');
        return { str: { t: 'substring', of, start, length } };
      }
      case 'split': {
        this.expect('(');
        const of = this.stringExpr();
        this.afterString(',');
        const delimiters = this.stringExpr();
        this.afterString(',');
        const field = this.expect('integer').text;
        this.expect(')');
        return { str: { t: 'split', of, delimiters, field } };
      }
      case 'concat':
      case 'hexstring': {
        this.expect('(');
        const a = this.stringExpr();
        this.afterString(',');
        const b = this.stringExpr();
        this.afterString(')');
        return t.kind === 'concat'
          ? { str: { t: 'concat', left: a, right: b } }
          : { str: { t: 'hexstring', of: a, separator: b } };
      }
      case 'ifelse': {
        this.expect('(');
        const cond = this.boolExpr();
        this.afterBool(',');
        const a = this.stringExpr();
        this.afterString(',');
        const b = this.stringExpr();
        this.afterString(')');
        return { str: { t: 'ifelse', cond, ifTrue: a, ifFalse: b } };
      }
      case 'vendor':
      case 'vendor-class':
        return this.vendorAccessor(t.kind === 'vendor-class', boolOk);
      default:
        if (TOTEXT.test(t.kind)) {
          this.expect('(');
          const of = this.stringExpr();
          this.afterString(')');
          return { str: { t: 'totext', kind: t.kind as ToTextKind, of } };
        }
        return this.fail(t);
    }
  }

  private optionAccessor(boolOk: boolean): { bool?: BoolNode; str?: StringNode } {
    this.expect('[');
    const codeTok = this.expect('integer', 'option name');
    const code = codeTok.kind === 'integer' ? optionCode(this.universe, codeTok) : this.optionName(codeTok);
    this.expect(']');
    this.expect('.');
    if (this.accept('option')) {
      this.expect('[');
      const sub = optionCode(this.universe, this.expect('integer'));
      this.expect(']');
      this.expect('.');
      return this.wrap({ from: 'packet', code, sub }, this.reprOrExists(boolOk));
    }
    return this.wrap({ from: 'packet', code }, this.reprOrExists(boolOk));
  }

  private relay6Accessor(t: Token, boolOk: boolean): { bool?: BoolNode; str?: StringNode } {
    this.expect('[');
    const nest = nestLevel(this.universe, this.expect('integer'));
    this.expect(']');
    this.expect('.');
    const f = this.expect('option', 'peeraddr', 'linkaddr');
    let out: { bool?: BoolNode; str?: StringNode };
    if (f.kind === 'option') {
      this.expect('[');
      const code = optionCode(this.universe, this.expect('integer'));
      this.expect(']');
      this.expect('.');
      out = this.wrap({ from: 'relay6', nest, code }, this.reprOrExists(boolOk));
    } else {
      out = { str: { t: 'relay6-field', nest, field: f.kind as 'peeraddr' } };
    }
    if (this.universe !== 6) throw new EvalParseError(t.span, 'relay6 can only be used in DHCPv6.');
    return out;
  }

  private vendorAccessor(vendorClass: boolean, boolOk: boolean): { bool?: BoolNode; str?: StringNode } {
    const open = this.expect('[', '.');
    if (open.kind === '.') {
      this.expect('enterprise');
      return { str: { t: 'enterprise', vendorClass } };
    }
    const idTok = this.expect('integer', '*');
    const enterprise = idTok.kind === '*' ? 0 : uint32(idTok);
    this.expect(']');
    this.expect('.');
    if (vendorClass) {
      const f = this.expect('exists', 'data');
      if (f.kind === 'exists')
        return this.existsOnly(boolOk, f, { t: 'vendor-exists', enterprise, vendorClass });
      let index = 0;
      if (this.accept('[')) {
        const it = this.expect('integer');
        index = uint8(it);
        this.expect(']');
      }
      return { str: { t: 'vendor-class-data', enterprise, index } };
    }
    const f = this.expect('exists', 'option');
    if (f.kind === 'exists')
      return this.existsOnly(boolOk, f, { t: 'vendor-exists', enterprise, vendorClass });
    this.expect('[');
    const code = optionCode(this.universe, this.expect('integer'));
    this.expect(']');
    this.expect('.');
    const r = this.reprOrExists(boolOk);
    if (r === 'exists') return { bool: { t: 'vendor-exists', enterprise, vendorClass, code } };
    return { str: { t: 'vendor-option', enterprise, code, repr: r } };
  }

  private existsOnly(boolOk: boolean, t: Token, node: BoolNode): { bool: BoolNode } {
    if (!boolOk) this.fail(t);
    return { bool: node };
  }

  private reprOrExists(boolOk: boolean): Repr | 'exists' {
    const t = boolOk ? this.expect('text', 'hex', 'exists') : this.expect('text', 'hex');
    return t.kind as Repr | 'exists';
  }

  private wrap(source: OptionSource, r: Repr | 'exists'): { bool?: BoolNode; str?: StringNode } {
    if (r === 'exists') return { bool: { t: 'option-exists', source } };
    return { str: { t: 'option', source, repr: r } };
  }

  private optionName(t: Token): number {
    const space = this.universe === 4 ? 'dhcp4' : 'dhcp6';
    const def = this.options.definitions.getByName(space, t.text);
    if (!def) throw new EvalParseError(t.span, `option '${t.text}' is not defined`);
    return def.code;
  }
}

export type { SourceSpan };
