// Coded errors of @kea-ts/log.
import { KeaError } from '@kea-ts/util';

export class LogError extends KeaError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'LogError';
  }
}

/** The `loggers` configuration is malformed (validateLoggers' text is the message). */
export const KEA_ERR_LOG_CONFIG = 'KEA_ERR_LOG_CONFIG';
/** An output (file, syslog) could not be opened while applying a configuration. */
export const KEA_ERR_LOG_OPEN_OUTPUT = 'KEA_ERR_LOG_OPEN_OUTPUT';
/** defineMessages was given a malformed message id. */
export const KEA_ERR_LOG_BAD_MESSAGE_ID = 'KEA_ERR_LOG_BAD_MESSAGE_ID';
