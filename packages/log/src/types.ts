// Public types of @kea-ts/log: Kea's `loggers` configuration shapes and the Logger interface.

/** Kea's severities, most severe first. NONE disables a logger. */
export type Severity = 'FATAL' | 'ERROR' | 'WARN' | 'INFO' | 'DEBUG' | 'NONE';

export const SEVERITIES: readonly Severity[] = ['FATAL', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'NONE'];

/** One item of a logger's `output_options` list. */
export interface OutputOption {
  /** 'stdout', 'stderr', 'syslog', 'syslog:<facility>' or a file path. */
  output: string;
  pattern?: string;
  flush?: boolean;
  maxsize?: number;
  maxver?: number;
}

/** One entry of Kea's `loggers` list (after parsing). 'output-options' is accepted as an alias. */
export interface LoggerConfig {
  name: string;
  severity?: Severity;
  debuglevel?: number;
  output_options?: OutputOption[];
  'output-options'?: OutputOption[];
  'user-context'?: unknown;
  comment?: string;
}

/** id -> template with %1 %2 ... */
export interface MessageCatalog {
  readonly [id: string]: string;
}

export interface Logger {
  /** Full name, e.g. 'kea-ctrl-agent.http'. */
  readonly name: string;
  fatal(id: string, ...args: unknown[]): void;
  error(id: string, ...args: unknown[]): void;
  warn(id: string, ...args: unknown[]): void;
  info(id: string, ...args: unknown[]): void;
  debug(level: number, id: string, ...args: unknown[]): void;
  /** Cheap (one comparison against a cached value); guards hot-path debug calls. */
  isDebugEnabled(level?: number): boolean;
}

export interface LoggingOptions {
  /** Kea's -d: DEBUG with debuglevel 99 on every logger, outputs unchanged. */
  verbose?: boolean;
}
