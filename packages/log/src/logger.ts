// The Logger objects handed to modules. Each caches its effective severity and debuglevel as two
// numbers, recomputed by the manager on every (re)configuration, so a disabled call is one comparison
// and objects obtained at module load time follow later config-set/reload.

import log4js, { type Level, type Logger as Log4jsLogger } from 'log4js';
import { type EmitSeverity, LogRecord, now } from './record.js';
import type { Logger, Severity } from './types.js';

/** Emit when the message's rank is >= the logger's threshold. */
export const RANK: Record<Severity, number> = { DEBUG: 1, INFO: 2, WARN: 3, ERROR: 4, FATAL: 5, NONE: 6 };

const LEVEL: Record<EmitSeverity, Level> = {
  FATAL: log4js.levels.FATAL,
  ERROR: log4js.levels.ERROR,
  WARN: log4js.levels.WARN,
  INFO: log4js.levels.INFO,
  DEBUG: log4js.levels.DEBUG,
};

/** Hooks the manager provides: lazy default setup before any configuration. */
export interface LoggerHost {
  ensureReady(): void;
}

export class KeaLogger implements Logger {
  /** Lowest rank emitted; 6 (NONE) disables everything. */
  threshold = RANK.INFO;
  /** Highest debug level emitted; -1 when severity is not DEBUG. */
  debugMax = -1;
  private target: Log4jsLogger | null = null;

  constructor(
    private readonly fullName: () => string,
    private readonly host: LoggerHost,
  ) {}

  get name(): string {
    return this.fullName();
  }

  /** Called by the manager after a (re)configuration or a root rename. */
  apply(severity: Severity, debuglevel: number): void {
    this.threshold = RANK[severity];
    this.debugMax = severity === 'DEBUG' ? debuglevel : -1;
    this.target = null;
  }

  fatal(id: string, ...args: unknown[]): void {
    if (this.threshold <= 5) this.emit('FATAL', id, args);
  }

  error(id: string, ...args: unknown[]): void {
    if (this.threshold <= 4) this.emit('ERROR', id, args);
  }

  warn(id: string, ...args: unknown[]): void {
    if (this.threshold <= 3) this.emit('WARN', id, args);
  }

  info(id: string, ...args: unknown[]): void {
    if (this.threshold <= 2) this.emit('INFO', id, args);
  }

  debug(level: number, id: string, ...args: unknown[]): void {
    if (level <= this.debugMax) this.emit('DEBUG', id, args);
  }

  isDebugEnabled(level = 0): boolean {
    return level <= this.debugMax;
  }

  private emit(severity: EmitSeverity, id: string, args: unknown[]): void {
    const time = now();
    this.host.ensureReady();
    if (this.target === null) this.target = log4js.getLogger(this.fullName());
    this.target.log(LEVEL[severity], new LogRecord(time, severity, this.fullName(), id, args));
  }
}
