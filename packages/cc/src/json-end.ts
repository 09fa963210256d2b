// Finding where a JSON document ends in bytes that arrive in pieces (the UNIX control socket
// reads a command in as many chunks as the kernel likes). Only brackets, strings and comments
// are tracked: validating is the parser's job once the document is complete.

const S_BEFORE = 0; // nothing significant yet
const S_CONTAINER = 1; // inside an object or array, depth > 0
const S_STRING = 2;
const S_STRING_ESCAPE = 3;
const S_SCALAR = 4; // a top-level number/true/false/null (or junk word)
const S_DONE = 5;

const C_NONE = 0;
const C_SLASH = 1; // saw '/', comment or not depends on the next character
const C_LINE = 2;
const C_BLOCK = 3;
const C_BLOCK_STAR = 4;

function isScalarChar(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    c === 0x2d ||
    c === 0x2b ||
    c === 0x2e
  );
}

/**
 * Incremental end finder: feed() chunks in order; it returns the offset (within everything fed
 * since the last reset) just past the first complete top-level value, or -1 while incomplete.
 * Input that cannot start a JSON value ends "immediately" so the caller parses it and answers
 * with the parse error instead of waiting for more. A top-level scalar ends at the first
 * character that cannot continue it. Feed decoded text (e.g. through a StringDecoder).
 */
export class JsonEndFinder {
  private state = S_BEFORE;
  private comment = C_NONE;
  private depth = 0;
  private topIsString = false;
  private consumed = 0;
  private end = -1;

  reset(): void {
    this.state = S_BEFORE;
    this.comment = C_NONE;
    this.depth = 0;
    this.topIsString = false;
    this.consumed = 0;
    this.end = -1;
  }

  feed(chunk: string): number {
    if (this.state === S_DONE) return this.end;
    const base = this.consumed;
    this.consumed += chunk.length;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (this.comment !== C_NONE) {
        if (this.comment === C_SLASH) {
          if (c === 0x2f) {
            this.comment = C_LINE;
            continue;
          }
          if (c === 0x2a) {
            this.comment = C_BLOCK;
            continue;
          }
          this.comment = C_NONE;
          // A lone '/' before any value can never become JSON: end at it.
          if (this.state === S_BEFORE) return this.finish(base + i);
          // Inside a container: not ours to judge; handle this character normally below.
        } else if (this.comment === C_LINE) {
          if (c === 0x0a) this.comment = C_NONE;
          continue;
        } else if (this.comment === C_BLOCK) {
          if (c === 0x2a) this.comment = C_BLOCK_STAR;
          continue;
        } else {
          if (c === 0x2f) this.comment = C_NONE;
          else if (c !== 0x2a) this.comment = C_BLOCK;
          continue;
        }
      }
      switch (this.state) {
        case S_BEFORE:
          if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xfeff) break;
          if (c === 0x23) this.comment = C_LINE;
          else if (c === 0x2f) this.comment = C_SLASH;
          else if (c === 0x7b || c === 0x5b) {
            this.state = S_CONTAINER;
            this.depth = 1;
          } else if (c === 0x22) {
            this.state = S_STRING;
            this.topIsString = true;
          } else if (isScalarChar(c)) this.state = S_SCALAR;
          else return this.finish(base + i + 1);
          break;
        case S_CONTAINER:
          if (c === 0x22) this.state = S_STRING;
          else if (c === 0x7b || c === 0x5b) this.depth++;
          else if (c === 0x7d || c === 0x5d) {
            if (--this.depth === 0) return this.finish(base + i + 1);
          } else if (c === 0x23) this.comment = C_LINE;
          else if (c === 0x2f) this.comment = C_SLASH;
          break;
        case S_STRING:
          if (c === 0x5c) this.state = S_STRING_ESCAPE;
          else if (c === 0x22) {
            if (this.topIsString) return this.finish(base + i + 1);
            this.state = S_CONTAINER;
          }
          break;
        case S_STRING_ESCAPE:
          this.state = S_STRING;
          break;
        default: // S_SCALAR
          if (!isScalarChar(c)) return this.finish(base + i);
      }
    }
    return -1;
  }

  private finish(end: number): number {
    this.state = S_DONE;
    this.end = end;
    return end;
  }
}

/** Offset just past the first complete JSON value in `text`, or -1 when more input is needed. */
export function findJsonEnd(text: string): number {
  return new JsonEndFinder().feed(text);
}

export function isCompleteJson(text: string): boolean {
  return findJsonEnd(text) >= 0;
}
