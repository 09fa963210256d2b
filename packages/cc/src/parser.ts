// JSON-with-comments parser that records where every value came from. It is iterative (an
// explicit stack of open containers), so hostile nesting ends in a depth error instead of a
// stack overflow, however deep the input goes.

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { KeaError } from '@kea-ts/util';
import { JsonParseError, KEA_ERR_CC_FILE_READ } from './errors.js';
import {
  Lexer,
  T_COLON,
  T_COMMA,
  T_EOF,
  T_FALSE,
  T_INVALID,
  T_LBRACE,
  T_LBRACKET,
  T_NULL,
  T_NUMBER,
  T_RBRACE,
  T_RBRACKET,
  T_STRING,
  T_TRUE,
} from './lexer.js';
import { LazyPositionMap, PositionRecorder } from './position-map.js';
import type { JsonMap, JsonValue, ParsedJson, ParseOptions, ParseWarning } from './types.js';

export const DEFAULT_MAX_DEPTH = 256;

interface Frame {
  /** Its own entry in the position recorder. */
  entry: number;
  /** Set for arrays. */
  list: JsonValue[] | null;
  /** Set for objects. */
  map: JsonMap | null;
  /** Key of the member whose value is being parsed. */
  key: string;
}

function describe(lx: Lexer): string {
  switch (lx.tok) {
    case T_EOF:
      return 'end of file';
    case T_STRING: {
      const s = lx.str.length > 40 ? `${lx.str.slice(0, 40)}...` : lx.str;
      return `string ${JSON.stringify(s)}`;
    }
    case T_NUMBER:
      return `number ${lx.num}`;
    case T_TRUE:
      return 'boolean true';
    case T_FALSE:
      return 'boolean false';
    case T_NULL:
      return 'null';
    case T_INVALID:
      return `'${lx.str.length > 40 ? `${lx.str.slice(0, 40)}...` : lx.str}'`;
    case T_LBRACE:
      return "'{'";
    case T_RBRACE:
      return "'}'";
    case T_LBRACKET:
      return "'['";
    case T_RBRACKET:
      return "']'";
    case T_COLON:
      return "':'";
    default:
      return "','";
  }
}

function unexpected(lx: Lexer, expecting: string): never {
  throw new JsonParseError(
    lx.tokPosition(),
    `syntax error, unexpected ${describe(lx)}, expecting ${expecting}`,
  );
}

function setMember(map: JsonMap, key: string, value: JsonValue): void {
  // A plain assignment to '__proto__' would replace the prototype instead of adding a member.
  if (key === '__proto__') {
    Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    map[key] = value;
  }
}

export function parseJson(text: string, options: ParseOptions = {}): ParsedJson {
  const file = options.file ?? '<string>';
  const baseDir = options.file === undefined ? process.cwd() : dirname(resolve(options.file));
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const lx = new Lexer(text, file, baseDir, options.allowIncludes ?? false);
  const rec = new PositionRecorder();
  const warnings: ParseWarning[] = [];
  const stack: Frame[] = [];

  // Reads `"key" :` of an object member and leaves the lexer on the member's value.
  const readKey = (f: Frame): number => {
    if (lx.tok !== T_STRING) unexpected(lx, "a string key or '}'");
    f.key = lx.str;
    const entry = rec.add(f.entry, lx.str, lx.tokFile, lx.tokLine, lx.tokCol);
    lx.next();
    if (lx.tok !== T_COLON) unexpected(lx, "':'");
    lx.next();
    return entry;
  };

  lx.next();
  if (lx.tok === T_EOF) throw new JsonParseError(lx.tokPosition(), 'no JSON value found');
  // Entry of the value about to be parsed.
  let entry = rec.add(-1, '', lx.tokFile, lx.tokLine, lx.tokCol);
  let root: JsonValue = null;

  parse: for (;;) {
    // Parse the value that starts at the current token; its position is entry `entry`.
    let value: JsonValue;
    switch (lx.tok) {
      case T_LBRACE:
      case T_LBRACKET: {
        if (stack.length >= maxDepth) {
          throw new JsonParseError(lx.tokPosition(), `too deeply nested: more than ${maxDepth} levels`);
        }
        const isMap = lx.tok === T_LBRACE;
        lx.next();
        if (isMap) {
          const map: JsonMap = {};
          if (lx.tok === T_RBRACE) {
            lx.next();
            value = map;
            break;
          }
          const f: Frame = { entry, list: null, map, key: '' };
          stack.push(f);
          entry = readKey(f);
        } else {
          const list: JsonValue[] = [];
          if (lx.tok === T_RBRACKET) {
            lx.next();
            value = list;
            break;
          }
          stack.push({ entry, list, map: null, key: '' });
          entry = rec.add(entry, 0, lx.tokFile, lx.tokLine, lx.tokCol);
        }
        continue parse;
      }
      case T_STRING:
        value = lx.str;
        lx.next();
        break;
      case T_NUMBER:
        value = lx.num;
        lx.next();
        break;
      case T_TRUE:
        value = true;
        lx.next();
        break;
      case T_FALSE:
        value = false;
        lx.next();
        break;
      case T_NULL:
        value = null;
        lx.next();
        break;
      default:
        unexpected(lx, 'a value');
    }

    // Attach the finished value to its container, closing containers as they end.
    for (;;) {
      const f = stack[stack.length - 1];
      if (f === undefined) {
        root = value;
        break parse;
      }
      if (f.list !== null) {
        f.list.push(value);
        if (lx.tok === T_COMMA) {
          const comma = lx.tokPosition();
          lx.next();
          if (lx.tok !== T_RBRACKET) {
            entry = rec.add(f.entry, f.list.length, lx.tokFile, lx.tokLine, lx.tokCol);
            continue parse;
          }
          warnings.push({ position: comma, text: 'extraneous comma' });
        }
        if (lx.tok !== T_RBRACKET) unexpected(lx, "',' or ']'");
        value = f.list;
      } else {
        const map = f.map!;
        setMember(map, f.key, value);
        if (lx.tok === T_COMMA) {
          const comma = lx.tokPosition();
          lx.next();
          if (lx.tok !== T_RBRACE) {
            entry = readKey(f);
            continue parse;
          }
          warnings.push({ position: comma, text: 'extraneous comma' });
        }
        if (lx.tok !== T_RBRACE) unexpected(lx, "',' or '}'");
        value = map;
      }
      lx.next();
      stack.pop();
    }
  }
  if (lx.tok !== T_EOF) unexpected(lx, 'end of file');
  return { value: root, positions: new LazyPositionMap(rec), warnings };
}

/** Parses a configuration file; `<?include?>` is honoured unless allowIncludes is false. */
export function parseJsonFile(path: string, options: Omit<ParseOptions, 'file'> = {}): ParsedJson {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new KeaError(KEA_ERR_CC_FILE_READ, `cannot read file '${path}': ${why}`, { cause: e });
  }
  return parseJson(text, { ...options, file: path, allowIncludes: options.allowIncludes ?? true });
}
