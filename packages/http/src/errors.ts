// Coded errors of @kea-ts/http. KeaError is the suite-wide class from @kea-ts/util, re-exported so
// users of this package can match errors without importing util themselves.

import { KeaError } from '@kea-ts/util';

export { isKeaError, KeaError } from '@kea-ts/util';

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
