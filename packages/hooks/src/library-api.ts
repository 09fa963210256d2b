// The contract between the server and a hook library module (user .mjs/.js/.cjs or built-in package).
import type { Answer, JsonValue } from '@kea-ts/cc';
import type { Callout } from './hook-point.js';

/** Our hooks API version: version() of every library must return exactly this. */
export const HOOKS_API_VERSION = 1;

/** A library-provided control command (Kea's $command callouts). */
export type CommandHandler = (command: string, args: JsonValue | undefined) => Promise<Answer> | Answer;

/** Given to a library's load(). Registration is only possible while load() runs. */
export interface LibraryHandle {
  /** The 'library' value from the config. */
  readonly library: string;
  getParameter(name: string): JsonValue | undefined;
  /** The 'parameters' map ({} when none was configured). */
  getParameters(): { [key: string]: JsonValue };
  getParameterNames(): string[];
  // biome-ignore lint/suspicious/noExplicitAny: callouts of different points take different arguments
  registerCallout(hookName: string, callout: Callout<any>): void;
  registerCommandHandler(command: string, handler: CommandHandler): void;
}

/** A non-zero number (or a rejected/thrown error) from load() fails the library, as in Kea. */
// biome-ignore lint/suspicious/noConfusingVoidType: load and unload may return nothing
export type StatusResult = number | void | undefined;

export interface HookLibraryModule {
  version(): number;
  load?(handle: LibraryHandle): StatusResult | Promise<StatusResult>;
  unload?(): StatusResult | Promise<StatusResult>;
  multi_threading_compatible?(): number | boolean;
  /** Functions named like a hook point are registered as its callouts ("standard callouts"). */
  readonly [hookName: string]: unknown;
}
