// Public entry point of @kea-ts/cc.

export {
  type Answer,
  COMMAND_MEMBERS,
  CONTROL_RESULT_COMMAND_UNSUPPORTED,
  CONTROL_RESULT_CONFLICT,
  CONTROL_RESULT_EMPTY,
  CONTROL_RESULT_ERROR,
  CONTROL_RESULT_SUCCESS,
  type Command,
  createAnswer,
  parseAnswer,
  parseCommand,
} from './answer.js';
export {
  JsonParseError,
  KEA_ERR_CC_BAD_ANSWER,
  KEA_ERR_CC_BAD_COMMAND,
  KEA_ERR_CC_FILE_READ,
  KEA_ERR_CC_PARSE,
  KEA_ERR_CC_TO_JSON,
} from './errors.js';
export { findJsonEnd, isCompleteJson, JsonEndFinder } from './json-end.js';
export { MAX_INCLUDE_DEPTH } from './lexer.js';
export { DEFAULT_MAX_DEPTH, parseJson, parseJsonFile } from './parser.js';
export { formatPosition, type Position } from './position.js';
export { toJson } from './to-json.js';
export {
  isJsonMap,
  type JsonMap,
  type JsonValue,
  type ParsedJson,
  type ParseOptions,
  type ParseWarning,
} from './types.js';
