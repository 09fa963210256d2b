// Coded errors of @kea-ts/http.
//
// @kea-ts/util is to export the suite-wide KeaError; until it does, this package carries a class with
// the same shape (code + message + cause) so callers can already switch on `code`. When util ships it,
// the local class is replaced by a re-export and no caller changes.

export class KeaError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KeaError';
    this.code = code;
  }
}

export const ERR_LISTEN = 'KEA_ERR_HTTP_LISTEN';
export const ERR_NOT_STARTED = 'KEA_ERR_HTTP_NOT_STARTED';
export const ERR_TLS_CONFIG = 'KEA_ERR_HTTP_TLS_CONFIG';
export const ERR_TLS_FILE = 'KEA_ERR_HTTP_TLS_FILE';
export const ERR_CLIENT_REQUEST = 'KEA_ERR_HTTP_CLIENT_REQUEST';
export const ERR_CLIENT_TIMEOUT = 'KEA_ERR_HTTP_CLIENT_TIMEOUT';
export const ERR_STATUS = 'KEA_ERR_HTTP_STATUS';

/**
 * Thrown by an `onRequest` handler to answer with an HTTP status other than 200, e.g. 400 for a body
 * that is not JSON or 403 for a command a role may not run. The body sent is
 * `{"result": <status>, "text": <message>}`, the shape Kea's agent uses for HTTP-level refusals.
 */
export class HttpStatusError extends KeaError {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  constructor(status: number, message: string, headers: Record<string, string> = {}) {
    super(ERR_STATUS, message);
    this.name = 'HttpStatusError';
    this.status = status;
    this.headers = headers;
  }
}
