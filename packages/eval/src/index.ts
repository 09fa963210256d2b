// Public entry of @kea-ts/eval: Kea 2.2's client-classification expression language. Parse once
// (errors carry Kea's positions), then evaluate compiled closures per packet; evaluation never
// throws: a class test that meets an error is false and a string expression gives no value,
// as Kea treats its EvalTypeError.
import type { DefinitionLookup } from '@kea-ts/dhcp';
import type { BoolNode, StringNode } from './ast.js';
import { Compiler, type EvalContext } from './compile.js';
import { type ParseOptions, parseBoolExpression, parseStringExpression } from './parser.js';

export { type BoolNode, memberNames, type Node, type StringNode } from './ast.js';
export type { EvalContext } from './compile.js';
export { EvalParseError, EvalTypeError, formatSpan, type SourceSpan } from './errors.js';
export { KEYWORDS, type Token, type TokenKind, tokenize } from './lexer.js';
export type { EvalPacket } from './packet-access.js';
export { type ParseOptions, parseBoolExpression, parseStringExpression } from './parser.js';

export interface CompileOptions extends ParseOptions {
  /** Told about evaluation errors (Kea logs them); the result is already false / undefined. */
  onError?: (error: unknown) => void;
}

export interface BoolExpression {
  readonly source: string;
  readonly ast: BoolNode;
  /** The class test's result; false when evaluation fails. */
  evaluate(ctx: EvalContext): boolean;
}

export interface StringExpression {
  readonly source: string;
  readonly ast: StringNode;
  /** The bytes; undefined when evaluation fails. */
  evaluate(ctx: EvalContext): Buffer | undefined;
}

const compilers = new WeakMap<DefinitionLookup, [Compiler | undefined, Compiler | undefined]>();

function compilerFor(universe: 4 | 6, defs: DefinitionLookup): Compiler {
  let pair = compilers.get(defs);
  if (!pair) {
    pair = [undefined, undefined];
    compilers.set(defs, pair);
  }
  const i = universe === 4 ? 0 : 1;
  pair[i] ??= new Compiler(universe, defs);
  return pair[i];
}

function guarded<T, F>(fn: (ctx: EvalContext) => T, failed: F, onError?: (e: unknown) => void) {
  return (ctx: EvalContext): T | F => {
    try {
      return fn(ctx);
    } catch (e) {
      onError?.(e);
      return failed;
    }
  };
}

/** Parses and compiles a class test; throws EvalParseError for a malformed expression. */
export function compileBoolExpression(source: string, options: CompileOptions): BoolExpression {
  const ast = parseBoolExpression(source, options);
  const fn = compilerFor(options.universe, options.definitions).bool(ast);
  return { source, ast, evaluate: guarded(fn, false, options.onError) };
}

/** Parses and compiles a string expression (flex-id identifier-expression). */
export function compileStringExpression(source: string, options: CompileOptions): StringExpression {
  const ast = parseStringExpression(source, options);
  const fn = compilerFor(options.universe, options.definitions).string(ast);
  return { source, ast, evaluate: guarded(fn, undefined, options.onError) };
}
