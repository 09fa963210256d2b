// Coded errors of @kea-ts/eval. Only parsing throws: evaluation turns Kea's run-time errors into
// the results Kea gives (false for a class test, no value for a string expression).

/** A place in the expression text, 1-based as Kea (bison) prints it. */
export interface SourceSpan {
  line: number;
  /** Column of the first character. */
  column: number;
  endLine: number;
  /** Column just past the last character (bison's end position). */
  endColumn: number;
}

/** Kea's location text: "<string>:1.12-14", "<string>:1.5" for one character. */
export function formatSpan(s: SourceSpan): string {
  const lastLine = s.endLine;
  // A zero-width place (end of file) prints as its column alone, as Kea's messages show.
  const lastColumn = s.endColumn > s.column || s.endLine !== s.line ? s.endColumn - 1 : s.column;
  let out = `<string>:${s.line}.${s.column}`;
  if (s.line !== lastLine) out += `-${lastLine}.${lastColumn}`;
  else if (s.column !== lastColumn) out += `-${lastColumn}`;
  return out;
}

/** A malformed expression (KEA_ERR_EVAL_PARSE); the message is Kea's, position first. */
export class EvalParseError extends Error {
  readonly code = 'KEA_ERR_EVAL_PARSE';
  readonly span: SourceSpan;
  /** The reason without the position, e.g. "syntax error, unexpected ]". */
  readonly reason: string;
  constructor(span: SourceSpan, reason: string) {
    super(`${formatSpan(span)}: ${reason}`);
    this.name = 'EvalParseError';
    this.span = span;
    this.reason = reason;
  }
}

/**
 * Kea's EvalTypeError: thrown inside a compiled expression (wrong-size input of int8totext,
 * addrtotext, a substring bound that is no int) and caught by the evaluate functions.
 */
export class EvalTypeError extends Error {
  readonly code = 'KEA_ERR_EVAL_TYPE';
  constructor(message: string) {
    super(message);
    this.name = 'EvalTypeError';
  }
}
