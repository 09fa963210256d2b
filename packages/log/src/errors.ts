// Coded errors of @kea-ts/log. @kea-ts/util's KeaError did not exist yet when this package was written,
// so LogError carries the same shape (a `code` field); it can become a KeaError subclass later.

export class LogError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LogError';
    this.code = code;
  }
}

/** The `loggers` configuration is malformed (validateLoggers' text is the message). */
export const KEA_ERR_LOG_CONFIG = 'KEA_ERR_LOG_CONFIG';
/** An output (file, syslog) could not be opened while applying a configuration. */
export const KEA_ERR_LOG_OPEN_OUTPUT = 'KEA_ERR_LOG_OPEN_OUTPUT';
/** defineMessages was given a malformed message id. */
export const KEA_ERR_LOG_BAD_MESSAGE_ID = 'KEA_ERR_LOG_BAD_MESSAGE_ID';
