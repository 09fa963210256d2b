// Public option, request and event types of the HTTP server.

export interface TlsServerOptions {
  key: Buffer | string;
  cert: Buffer | string;
  /** Trust anchor for client certificates (one or more concatenated PEM certificates). */
  ca?: Buffer | string;
  /** Kea's `cert-required`: true refuses, in the TLS handshake, a client without a certificate signed by `ca`. */
  requireClientCert: boolean;
}

export interface BasicAuthClient {
  user: string;
  password: string;
}

export interface BasicAuthOptions {
  realm: string;
  clients: BasicAuthClient[];
}

export interface RequestInfo {
  /** Peer IP address as the socket reports it. */
  remote: string;
  remotePort: number;
  /** The user that passed basic authentication; absent when auth is off. */
  user?: string;
  method: string;
  /** Request target as sent (Kea's agent accepts any path). */
  path: string;
  /** '1.0' or '1.1'. */
  httpVersion: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  tls: boolean;
  /** Subject CN of a verified client certificate, when there is one. */
  clientCertCommonName?: string;
}

export type RequestHandler = (body: string, info: RequestInfo) => unknown | Promise<unknown>;

export type UnauthorizedReason = 'no-credentials' | 'bad-credentials';

/** What the server reports instead of logging; the embedding daemon maps these to its message IDs. */
export type HttpEvent =
  | { type: 'listening'; host: string; port: number; tls: boolean }
  | { type: 'unauthorized'; user?: string; remote: string; reason: UnauthorizedReason }
  | { type: 'bad-request'; status: number; reason: string; remote: string }
  | { type: 'tls-client-error'; remote: string; reason: string; code: string }
  | { type: 'request'; remote: string; user?: string; bytes: number; path: string }
  /** onRequest threw something other than HttpStatusError; the client got a 500. */
  | { type: 'handler-error'; remote: string; reason: string };

export interface HttpServerOptions {
  host: string;
  /** 0 picks a free port; read the result from `address` after `start()`. */
  port: number;
  tls?: TlsServerOptions;
  /** null, absent or an empty client list means no authentication. */
  auth?: BasicAuthOptions | null;
  /** Largest accepted request body; default 4 MiB. */
  maxBodyBytes?: number;
  /** Carried for the caller's JSON parser (default 256); this package does not parse bodies. */
  maxJsonDepth?: number;
  /** Time allowed to receive the request headers; default 10 s. */
  headersTimeoutMs?: number;
  /** Time allowed to receive a whole request; default 30 s. */
  requestTimeoutMs?: number;
  /** Idle time before a keep-alive connection is closed; default 30 s. */
  keepAliveTimeoutMs?: number;
  /** How long `stop()` lets in-flight requests finish before cutting connections; default 2 s. */
  stopGraceMs?: number;
  /** Turns the handler's result into the response text; default JSON.stringify. */
  serialize?: (value: unknown) => string;
  onRequest: RequestHandler;
  onEvent?: (event: HttpEvent) => void;
}
