// Kea's control-channel envelope: {"command", "arguments", "service"} in, {"result", "text",
// "arguments"} out. Texts that API scripts are known to match on are kept as Kea words them.

import { KeaError } from '@kea-ts/util';
import { KEA_ERR_CC_BAD_ANSWER, KEA_ERR_CC_BAD_COMMAND } from './errors.js';
import { isJsonMap, type JsonValue } from './types.js';

export const CONTROL_RESULT_SUCCESS = 0;
export const CONTROL_RESULT_ERROR = 1;
export const CONTROL_RESULT_COMMAND_UNSUPPORTED = 2;
export const CONTROL_RESULT_EMPTY = 3;
/** Kea 2.3.1 and later; 2.2 never sends it. */
export const CONTROL_RESULT_CONFLICT = 4;

export interface Answer {
  result: number;
  text?: string;
  arguments?: JsonValue;
}

export interface Command {
  command: string;
  arguments?: JsonValue;
  service?: string[];
}

/** Members Kea knows in a command; parseCommand's strict mode rejects any other. */
export const COMMAND_MEMBERS: readonly string[] = ['command', 'arguments', 'service', 'remote-address'];

export function createAnswer(result: number, text?: string, args?: JsonValue): Answer {
  const answer: Answer = { result };
  if (text !== undefined) answer.text = text;
  if (args !== undefined) answer.arguments = args;
  return answer;
}

function badCommand(text: string): KeaError {
  return new KeaError(KEA_ERR_CC_BAD_COMMAND, text);
}

/**
 * Validates a received command. Unknown members are ignored unless `strict` is set (Kea 2.2's
 * daemons refuse them; the agent passes them on).
 */
export function parseCommand(value: JsonValue, options: { strict?: boolean } = {}): Command {
  if (!isJsonMap(value)) throw badCommand('invalid command: expected a map');
  if (!Object.hasOwn(value, 'command')) {
    throw badCommand("Invalid answer specified, does not contain mandatory 'command'");
  }
  const name = value.command;
  if (typeof name !== 'string') throw badCommand("invalid command: 'command' must be a string");
  const command: Command = { command: name };
  if (Object.hasOwn(value, 'arguments')) {
    const args = value.arguments;
    if (!isJsonMap(args)) throw badCommand(`invalid command '${name}': 'arguments' must be a map`);
    command.arguments = args;
  }
  if (Object.hasOwn(value, 'service')) {
    const service = value.service;
    if (!Array.isArray(service)) throw badCommand('service value must be a list');
    for (const s of service) {
      if (typeof s !== 'string') throw badCommand('service value must be a list of strings');
    }
    command.service = service as string[];
  }
  if (options.strict) {
    for (const key of Object.keys(value)) {
      if (!COMMAND_MEMBERS.includes(key)) {
        throw badCommand(`invalid command '${name}': unsupported parameter '${key}'`);
      }
    }
  }
  return command;
}

/** Validates an answer received from a daemon (the agent and kea-shell read these). */
export function parseAnswer(value: JsonValue): Answer {
  if (!isJsonMap(value)) throw new KeaError(KEA_ERR_CC_BAD_ANSWER, 'invalid answer: expected a map');
  const result = value.result;
  if (typeof result !== 'number' || !Number.isInteger(result)) {
    throw new KeaError(KEA_ERR_CC_BAD_ANSWER, "invalid answer: 'result' must be an integer");
  }
  const answer: Answer = { result };
  if (Object.hasOwn(value, 'text')) {
    if (typeof value.text !== 'string') {
      throw new KeaError(KEA_ERR_CC_BAD_ANSWER, "invalid answer: 'text' must be a string");
    }
    answer.text = value.text;
  }
  if (Object.hasOwn(value, 'arguments')) answer.arguments = value.arguments!;
  return answer;
}
