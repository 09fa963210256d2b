// The command manager: one alphabetical table of built-in commands, with commands that hook libraries
// register taking precedence (as Kea's hook-first delegation does), and text-in/answer-out processing
// used by every control channel.
import {
  type Answer,
  CONTROL_RESULT_COMMAND_UNSUPPORTED,
  CONTROL_RESULT_ERROR,
  CONTROL_RESULT_SUCCESS,
  type Command,
  createAnswer,
  type JsonValue,
  type Position,
  parseCommand,
  parseJson,
} from '@kea-ts/cc';
import { getLogger, type Logger } from '@kea-ts/log';
import { MSG } from './messages.js';

/** Where a command's text came from: positions of its values, for errors that point into it. */
export interface CommandSource {
  file: string;
  positions: ReadonlyMap<string, Position>;
}

/** A command handler receives the command's arguments (absent when the command had none). */
export type CommandHandler = (
  args: JsonValue | undefined,
  command: Command,
  source?: CommandSource,
) => Answer | Promise<Answer>;

export interface CommandMgrOptions {
  /** Root logger name of the daemon, e.g. 'kea-dhcp4'; commands log on '<root>.commands'. */
  loggerName: string;
  /** Deepest JSON nesting accepted in a command (protects the parser and the handlers). */
  maxJsonDepth?: number;
  /** Commands that hook libraries registered; consulted first, on every call (the set changes on reload). */
  hookHandlers?: () => ReadonlyMap<string, CommandHandler>;
}

export class CommandMgr {
  private readonly builtins = new Map<string, CommandHandler>();
  private readonly log: Logger;
  private readonly maxJsonDepth: number;
  private readonly hookHandlers: () => ReadonlyMap<string, CommandHandler>;

  constructor(options: CommandMgrOptions) {
    this.log = getLogger(`${options.loggerName}.commands`);
    this.maxJsonDepth = options.maxJsonDepth ?? 256;
    const none = new Map<string, CommandHandler>();
    this.hookHandlers = options.hookHandlers ?? (() => none);
    this.register('list-commands', () =>
      createAnswer(CONTROL_RESULT_SUCCESS, undefined, this.commandNames()),
    );
  }

  register(name: string, handler: CommandHandler): void {
    if (this.builtins.has(name)) throw new Error(`command ${name} is already registered`);
    this.builtins.set(name, handler);
    this.log.debug(10, MSG.COMMAND_REGISTERED, name);
  }

  registerAll(handlers: Readonly<Record<string, CommandHandler>>): void {
    for (const name of Object.keys(handlers).sort()) this.register(name, handlers[name]!);
  }

  deregister(name: string): void {
    if (this.builtins.delete(name)) this.log.debug(10, MSG.COMMAND_DEREGISTERED, name);
  }

  has(name: string): boolean {
    return this.builtins.has(name) || this.hookHandlers().has(name);
  }

  /** Every command this daemon answers, sorted, built-in and hook-provided alike. */
  commandNames(): string[] {
    return [...new Set([...this.builtins.keys(), ...this.hookHandlers().keys()])].sort();
  }

  /** Runs one parsed command; never throws: failures become result-1 answers. */
  async process(command: Command, source?: CommandSource): Promise<Answer> {
    this.log.info(MSG.COMMAND_RECEIVED, `'${command.command}'`);
    const handler = this.hookHandlers().get(command.command) ?? this.builtins.get(command.command);
    if (!handler) {
      return createAnswer(CONTROL_RESULT_COMMAND_UNSUPPORTED, `'${command.command}' command not supported.`);
    }
    try {
      return await handler(command.arguments, command, source);
    } catch (err) {
      const text = err instanceof Error ? err.message : String(err);
      this.log.error(MSG.COMMAND_PROCESS_ERROR1, text);
      return createAnswer(CONTROL_RESULT_ERROR, `Error during command processing: ${text}`);
    }
  }

  /** Parses a command from text (comments allowed, as Kea allows them) and runs it. */
  async processText(text: string): Promise<Answer> {
    let command: Command;
    let source: CommandSource;
    try {
      const parsed = parseJson(text, { file: '<command>', maxDepth: this.maxJsonDepth });
      command = parseCommand(parsed.value);
      source = { file: '<command>', positions: parsed.positions };
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      this.log.error(MSG.COMMAND_PROCESS_ERROR1, reason);
      return createAnswer(CONTROL_RESULT_ERROR, reason);
    }
    return this.process(command, source);
  }
}
