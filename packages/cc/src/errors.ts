// Error codes raised by @kea-ts/cc. A code is never reused for a different failure.

import { KeaError } from '@kea-ts/util';
import { formatPosition, type Position } from './position.js';

/** Syntax error, lexical error, nesting/include limit: always carries a position. */
export const KEA_ERR_CC_PARSE = 'KEA_ERR_CC_PARSE';
/** The top-level file given to parseJsonFile could not be read (no position exists yet). */
export const KEA_ERR_CC_FILE_READ = 'KEA_ERR_CC_FILE_READ';
/** A JSON value is not a valid command envelope. */
export const KEA_ERR_CC_BAD_COMMAND = 'KEA_ERR_CC_BAD_COMMAND';
/** A JSON value is not a valid answer envelope. */
export const KEA_ERR_CC_BAD_ANSWER = 'KEA_ERR_CC_BAD_ANSWER';
/** toJson was given something JSON cannot express (a cycle, or absurd nesting). */
export const KEA_ERR_CC_TO_JSON = 'KEA_ERR_CC_TO_JSON';

/** A parse failure; the message starts with 'file:line:column: ' so it stands alone in a log line. */
export class JsonParseError extends KeaError {
  readonly position: Position;
  /** The message without the position prefix. */
  readonly reason: string;

  constructor(position: Position, reason: string, options?: { cause?: unknown }) {
    super(KEA_ERR_CC_PARSE, `${formatPosition(position)}: ${reason}`, options);
    this.name = 'JsonParseError';
    this.position = position;
    this.reason = reason;
  }
}
