// Tokenizer for Kea's JSON dialect: plain JSON plus '#', '//' and '/* */' comments and
// `<?include "path"?>`. An include splices the other file's tokens in at that point (as Kea's
// lexer does), so positions of those tokens name the included file. One pass with charCodeAt
// and no regex per token: multi-megabyte configs are common.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { JsonParseError } from './errors.js';
import type { Position } from './position.js';
import { controlCharacter, decodeEscapedString, isWordChar, numberEnd } from './scan.js';

// Widened to number: with literal types TypeScript would narrow `lx.tok` after a comparison and
// miss that next() changes it.
export const T_EOF: number = 0;
export const T_LBRACE: number = 1;
export const T_RBRACE: number = 2;
export const T_LBRACKET: number = 3;
export const T_RBRACKET: number = 4;
export const T_COLON: number = 5;
export const T_COMMA: number = 6;
export const T_STRING: number = 7;
export const T_NUMBER: number = 8;
export const T_TRUE: number = 9;
export const T_FALSE: number = 10;
export const T_NULL: number = 11;
/** Something that starts no token (a stray character or word such as NaN); the parser reports it. */
export const T_INVALID: number = 12;

/** Kea refuses to nest includes deeper than this. */
export const MAX_INCLUDE_DEPTH = 10;

interface SuspendedSource {
  text: string;
  file: string;
  baseDir: string;
  pos: number;
  line: number;
  lineStart: number;
}

const PUNCT: number[] = [];
PUNCT[0x7b] = T_LBRACE;
PUNCT[0x7d] = T_RBRACE;
PUNCT[0x5b] = T_LBRACKET;
PUNCT[0x5d] = T_RBRACKET;
PUNCT[0x3a] = T_COLON;
PUNCT[0x2c] = T_COMMA;

export class Lexer {
  private text: string;
  private file: string;
  private baseDir: string;
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  private readonly suspended: SuspendedSource[] = [];
  private readonly allowIncludes: boolean;

  /** Current token kind (T_*), its value and where it starts. */
  tok: number = T_EOF;
  str = '';
  num = 0;
  tokFile = '';
  tokLine = 1;
  tokCol = 1;

  constructor(text: string, file: string, baseDir: string, allowIncludes: boolean) {
    this.text = text;
    this.file = file;
    this.baseDir = baseDir;
    this.allowIncludes = allowIncludes;
    if (text.charCodeAt(0) === 0xfeff) this.pos = this.lineStart = 1;
  }

  tokPosition(): Position {
    return { file: this.tokFile, line: this.tokLine, column: this.tokCol };
  }

  private here(at: number = this.pos): Position {
    return { file: this.file, line: this.line, column: at - this.lineStart + 1 };
  }

  private fail(reason: string, at: number = this.pos): never {
    throw new JsonParseError(this.here(at), reason);
  }

  private readonly failAt = (reason: string, at: number): never => this.fail(reason, at);

  /** Skips blanks and comments, then reads one token into tok/str/num. */
  next(): void {
    for (;;) {
      // Re-read every round: an include or the end of one switches the source text.
      const text = this.text;
      if (this.pos >= text.length) {
        if (this.resumeIncluder()) continue;
        this.mark(this.pos);
        this.tok = T_EOF;
        return;
      }
      const c = text.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x09 || c === 0x0d) {
        this.pos++;
      } else if (c === 0x0a) {
        this.pos++;
        this.line++;
        this.lineStart = this.pos;
      } else if (c === 0x23) {
        this.skipToEndOfLine();
      } else if (c === 0x2f && text.charCodeAt(this.pos + 1) === 0x2f) {
        this.skipToEndOfLine();
      } else if (c === 0x2f && text.charCodeAt(this.pos + 1) === 0x2a) {
        this.skipBlockComment();
      } else if (c === 0x3c && text.startsWith('<?include', this.pos)) {
        this.include();
      } else {
        break;
      }
    }
    const text = this.text;
    const start = this.pos;
    const c = text.charCodeAt(start);
    this.mark(start);
    const p = c < 0x80 ? PUNCT[c] : undefined;
    if (p !== undefined) {
      this.tok = p;
      this.pos = start + 1;
    } else if (c === 0x22) {
      this.readString();
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39) || c === 0x2e) {
      this.readNumber();
    } else if (isWordChar(c)) {
      let end = start + 1;
      while (end < text.length && isWordChar(text.charCodeAt(end))) end++;
      const word = text.slice(start, end);
      this.pos = end;
      if (word === 'true') this.tok = T_TRUE;
      else if (word === 'false') this.tok = T_FALSE;
      else if (word === 'null') this.tok = T_NULL;
      else {
        this.tok = T_INVALID;
        this.str = word;
      }
    } else {
      const cp = text.codePointAt(start)!;
      this.tok = T_INVALID;
      this.str = String.fromCodePoint(cp);
      this.pos = start + this.str.length;
    }
  }

  private mark(at: number): void {
    this.tokFile = this.file;
    this.tokLine = this.line;
    this.tokCol = at - this.lineStart + 1;
  }

  private skipToEndOfLine(): void {
    const nl = this.text.indexOf('\n', this.pos);
    this.pos = nl < 0 ? this.text.length : nl;
  }

  private skipBlockComment(): void {
    const start = this.pos;
    const end = this.text.indexOf('*/', start + 2);
    if (end < 0) this.fail('unterminated comment: /* without */', start);
    for (let nl = this.text.indexOf('\n', start); nl >= 0 && nl < end; nl = this.text.indexOf('\n', nl + 1)) {
      this.line++;
      this.lineStart = nl + 1;
    }
    this.pos = end + 2;
  }

  private readString(): void {
    const text = this.text;
    const start = this.pos;
    let i = start + 1;
    // Fast path: no escapes.
    for (;;) {
      if (i >= text.length) this.fail('unterminated string', start);
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        this.str = text.slice(start + 1, i);
        this.tok = T_STRING;
        this.pos = i + 1;
        return;
      }
      if (c === 0x5c) break;
      if (c < 0x20) this.fail(controlCharacter(c), i);
      i++;
    }
    const r = decodeEscapedString(text, start, i, this.failAt);
    this.str = r.value;
    this.tok = T_STRING;
    this.pos = r.end;
  }

  private readNumber(): void {
    const text = this.text;
    const start = this.pos;
    const i = numberEnd(text, start);
    if (i < 0 || isWordChar(text.charCodeAt(i))) {
      let end = start + 1;
      while (end < text.length && (isWordChar(text.charCodeAt(end)) || text.charCodeAt(end) === 0x2d)) end++;
      this.fail(`invalid number '${text.slice(start, end)}'`, start);
    }
    // Integers beyond 2^53 lose precision here: JS numbers are doubles (Kea keeps int64).
    const v = Number(text.slice(start, i));
    if (!Number.isFinite(v)) this.fail(`number '${text.slice(start, i)}' is out of range`, start);
    this.num = v;
    this.tok = T_NUMBER;
    this.pos = i;
  }

  private include(): void {
    const text = this.text;
    const start = this.pos;
    if (!this.allowIncludes) this.fail('include directives are not allowed here', start);
    let i = start + '<?include'.length;
    while (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09) i++;
    const open = i;
    const close = text.charCodeAt(open) === 0x22 ? text.indexOf('"', open + 1) : -1;
    const nl = text.indexOf('\n', open);
    if (close < 0 || (nl >= 0 && nl < close) || close === open + 1) {
      this.fail('invalid include directive: expected <?include "path"?>', start);
    }
    const target = text.slice(open + 1, close);
    i = close + 1;
    while (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09) i++;
    if (!text.startsWith('?>', i)) this.fail('invalid include directive: expected ?> after the path', start);
    const end = i + 2;
    if (this.suspended.length >= MAX_INCLUDE_DEPTH) {
      this.fail(`too many nested includes: more than ${MAX_INCLUDE_DEPTH} levels`, start);
    }
    const path = this.resolveInclude(target);
    let content: string;
    try {
      content = readFileSync(path, 'utf8');
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new JsonParseError(this.here(start), `cannot read included file '${path}': ${why}`, { cause: e });
    }
    this.suspended.push({
      text,
      file: this.file,
      baseDir: this.baseDir,
      pos: end,
      line: this.line,
      lineStart: this.lineStart,
    });
    this.text = content;
    this.file = path;
    this.baseDir = dirname(path);
    this.pos = this.lineStart = content.charCodeAt(0) === 0xfeff ? 1 : 0;
    this.line = 1;
  }

  // Relative to the including file's directory; Kea itself opens the path relative to its
  // working directory, so that is tried second to keep existing setups working.
  private resolveInclude(target: string): string {
    if (isAbsolute(target)) return target;
    const near = resolve(this.baseDir, target);
    if (existsSync(near)) return near;
    const cwd = resolve(target);
    return existsSync(cwd) ? cwd : near;
  }

  private resumeIncluder(): boolean {
    const s = this.suspended.pop();
    if (s === undefined) return false;
    this.text = s.text;
    this.file = s.file;
    this.baseDir = s.baseDir;
    this.pos = s.pos;
    this.line = s.line;
    this.lineStart = s.lineStart;
    return true;
  }
}
