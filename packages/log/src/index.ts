// Public entry point of @kea-ts/log: Kea's `loggers` model on log4js and the message catalogues.

export { defineMessages, formatMessage, getDuplicateMessageIds, getMessageTemplate } from './catalog.js';
export {
  KEA_ERR_LOG_BAD_MESSAGE_ID,
  KEA_ERR_LOG_CONFIG,
  KEA_ERR_LOG_OPEN_OUTPUT,
  LogError,
} from './errors.js';
export { DEFAULT_MAXSIZE, DEFAULT_MAXVER, MIN_ROTATE_SIZE } from './file-sink.js';
export {
  configureLoggers,
  getComponentLogger,
  getLogger,
  getRootLoggerName,
  initLogging,
  shutdownLogging,
} from './manager.js';
export { LOG_MESSAGES } from './messages.js';
export { compilePattern, DEFAULT_PATTERN, DEFAULT_SYSLOG_PATTERN, type Layout } from './pattern.js';
export { type EmitSeverity, LogRecord, setLogClock } from './record.js';
export type {
  Logger,
  LoggerConfig,
  LoggingOptions,
  MessageCatalog,
  OutputOption,
  Severity,
} from './types.js';
export { SEVERITIES } from './types.js';
export { validateLoggers } from './validate.js';
