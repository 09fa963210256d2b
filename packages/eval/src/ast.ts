// The syntax tree of a Kea expression. Bool nodes and string nodes are apart, as in Kea's grammar
// (a class test is a bool_expr, an identifier expression a string_expr); literals are decoded to
// bytes at parse time so the compiled closures only copy references.

export type Repr = 'text' | 'hex';
export type PktField = 'iface' | 'src' | 'dst' | 'len';
export type Pkt4Field =
  | 'mac'
  | 'hlen'
  | 'htype'
  | 'ciaddr'
  | 'giaddr'
  | 'yiaddr'
  | 'siaddr'
  | 'msgtype'
  | 'transid';
export type Pkt6Field = 'msgtype' | 'transid';
export type ToTextKind =
  | 'addrtotext'
  | 'int8totext'
  | 'int16totext'
  | 'int32totext'
  | 'uint8totext'
  | 'uint16totext'
  | 'uint32totext';

/** Where an option is looked for: the packet, option 82 of a v4 packet, or a v6 relay layer. */
export type OptionSource =
  | { from: 'packet'; code: number; sub?: number }
  | { from: 'relay4'; sub: number }
  | { from: 'relay6'; nest: number; code: number };

export type StringNode =
  | { t: 'literal'; value: Buffer }
  | { t: 'option'; source: OptionSource; repr: Repr }
  | { t: 'pkt'; field: PktField }
  | { t: 'pkt4'; field: Pkt4Field }
  | { t: 'pkt6'; field: Pkt6Field }
  | { t: 'relay6-field'; nest: number; field: 'peeraddr' | 'linkaddr' }
  /** start and length stay text: Kea converts them at evaluation (a bad one fails then). */
  | { t: 'substring'; of: StringNode; start: string; length: string }
  | { t: 'split'; of: StringNode; delimiters: StringNode; field: string }
  | { t: 'concat'; left: StringNode; right: StringNode }
  | { t: 'ifelse'; cond: BoolNode; ifTrue: StringNode; ifFalse: StringNode }
  | { t: 'hexstring'; of: StringNode; separator: StringNode }
  | { t: 'totext'; kind: ToTextKind; of: StringNode }
  /** vendor[id].option[code].hex/.text (id 0 = any). */
  | { t: 'vendor-option'; enterprise: number; code: number; repr: Repr }
  /** vendor.enterprise / vendor-class.enterprise. */
  | { t: 'enterprise'; vendorClass: boolean }
  | { t: 'vendor-class-data'; enterprise: number; index: number };

export type BoolNode =
  | { t: 'not'; of: BoolNode }
  | { t: 'and'; left: BoolNode; right: BoolNode }
  | { t: 'or'; left: BoolNode; right: BoolNode }
  | { t: 'equal'; left: StringNode; right: StringNode }
  | { t: 'member'; name: string }
  | { t: 'option-exists'; source: OptionSource }
  | { t: 'vendor-exists'; enterprise: number; vendorClass: boolean; code?: number };

export type Node = StringNode | BoolNode;

const BOOL_TAGS: ReadonlySet<string> = new Set([
  'not',
  'and',
  'or',
  'equal',
  'member',
  'option-exists',
  'vendor-exists',
]);

export function isBool(n: Node): n is BoolNode {
  return BOOL_TAGS.has(n.t);
}

/**
 * The class names an expression tests with member(), in order of appearance: a class whose test
 * names KNOWN or UNKNOWN (or a class that does) is evaluated after host lookup, as in Kea.
 */
export function memberNames(n: Node, out: string[] = []): string[] {
  switch (n.t) {
    case 'member':
      out.push(n.name);
      break;
    case 'not':
      memberNames(n.of, out);
      break;
    case 'and':
    case 'or':
    case 'equal':
    case 'concat':
      memberNames(n.left, out);
      memberNames(n.right, out);
      break;
    case 'ifelse':
      memberNames(n.cond, out);
      memberNames(n.ifTrue, out);
      memberNames(n.ifFalse, out);
      break;
    case 'substring':
    case 'totext':
      memberNames(n.of, out);
      break;
    case 'split':
      memberNames(n.of, out);
      memberNames(n.delimiters, out);
      break;
    case 'hexstring':
      memberNames(n.of, out);
      memberNames(n.separator, out);
      break;
    default:
      break;
  }
  return out;
}
