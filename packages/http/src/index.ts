// Public entry point of @kea-ts/http: the JSON HTTP server, its client and TLS file loading.

export {
  JsonClient,
  type JsonClientOptions,
  type JsonResponse,
  type PostJsonOptions,
  type PostOptions,
  postJson,
} from './client.js';
export {
  ERR_CLIENT_REQUEST,
  ERR_CLIENT_TIMEOUT,
  ERR_LISTEN,
  ERR_NOT_STARTED,
  ERR_STATUS,
  ERR_TLS_CONFIG,
  ERR_TLS_FILE,
  HttpStatusError,
  isKeaError,
  KeaError,
} from './errors.js';
export { DEFAULT_MAX_BODY_BYTES, HttpServer } from './server.js';
export { loadTlsFiles, type TlsFileNames, type TlsMaterial } from './tls-files.js';
export type {
  BasicAuthClient,
  BasicAuthOptions,
  HttpEvent,
  HttpServerOptions,
  RequestHandler,
  RequestInfo,
  TlsServerOptions,
  UnauthorizedReason,
} from './types.js';
