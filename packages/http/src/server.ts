// The JSON-over-HTTP server behind kea-ctrl-agent (and later the HA listener).
//
// Request handling follows Kea's agent: only POST with an application/json body is served, HTTP-level
// refusals are single JSON maps ({"result": 400, "text": "Bad Request"}), basic auth is checked before the
// body is read, and bodies over the limit are refused the moment the limit is crossed. The server never
// logs; it reports through `onEvent` so the agent can log with its own message IDs.

import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpServer, STATUS_CODES } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { ERR_LISTEN, ERR_NOT_STARTED, ERR_TLS_CONFIG, HttpStatusError, KeaError } from './errors.js';
import { BasicAuth, isAcceptableContentType } from './request-checks.js';
import { sendJson, statusBody } from './responses.js';
import type { HttpEvent, HttpServerOptions, RequestInfo } from './types.js';

export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

// After an early refusal (401, 413, ...) the rest of the body is read and thrown away, so the client
// sees the response instead of a reset and the connection can be reused; a client that keeps sending
// past these bounds is cut off.
const DRAIN_MAX_MS = 2000;
const DRAIN_MAX_BYTES = 64 * 1024 * 1024;

type Send = (status: number, text: string, extra?: Record<string, string>) => void;

export class HttpServer {
  private readonly options: HttpServerOptions;
  private readonly auth: BasicAuth | null;
  private readonly serialize: (value: unknown) => string;
  private server: Server | null = null;
  private bound: { host: string; port: number } | null = null;

  constructor(options: HttpServerOptions) {
    this.options = options;
    this.auth = options.auth && options.auth.clients.length > 0 ? new BasicAuth(options.auth) : null;
    this.serialize = options.serialize ?? ((value) => JSON.stringify(value) ?? 'null');
  }

  get maxBodyBytes(): number {
    return this.options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  }

  /** The bound address; `port` is the real one when 0 was asked for. */
  get address(): { host: string; port: number } {
    if (this.bound === null) throw new KeaError(ERR_NOT_STARTED, 'HTTP server is not listening');
    return this.bound;
  }

  async start(): Promise<void> {
    if (this.server !== null) return;
    const server = this.createServer();
    const { host, port } = this.options;
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ host, port }, () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (e) {
      throw new KeaError(ERR_LISTEN, `cannot listen on ${host}:${port}: ${(e as Error).message}`, {
        cause: e,
      });
    }
    this.server = server;
    const addr = server.address() as AddressInfo;
    this.bound = { host: addr.address, port: addr.port };
    this.emit({
      type: 'listening',
      host: addr.address,
      port: addr.port,
      tls: this.options.tls !== undefined,
    });
  }

  /** Stops listening, closes idle keep-alive connections now and busy ones after a short grace. */
  async stop(): Promise<void> {
    const server = this.server;
    if (server === null) return;
    this.server = null;
    this.bound = null;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const timer = setTimeout(() => server.closeAllConnections(), this.options.stopGraceMs ?? 2000);
    await closed;
    clearTimeout(timer);
  }

  private createServer(): Server {
    const o = this.options;
    const headersTimeout = o.headersTimeoutMs ?? 10_000;
    const common = {
      headersTimeout,
      requestTimeout: Math.max(o.requestTimeoutMs ?? 30_000, headersTimeout),
      keepAliveTimeout: o.keepAliveTimeoutMs ?? 30_000,
      // Node checks the two timeouts above only this often (30 s by default).
      connectionsCheckingInterval: 1000,
    };
    let server: Server;
    if (o.tls === undefined) {
      server = createHttpServer(common);
    } else {
      const t = o.tls;
      // Without an explicit anchor Node would trust its public root store for client certificates.
      if (t.requireClientCert && t.ca === undefined) {
        throw new KeaError(ERR_TLS_CONFIG, 'client certificates are required but no trust anchor is set');
      }
      try {
        server = createHttpsServer({
          ...common,
          key: t.key,
          cert: t.cert,
          ...(t.ca === undefined ? {} : { ca: t.ca }),
          minVersion: 'TLSv1.2',
          requestCert: t.requireClientCert,
          rejectUnauthorized: t.requireClientCert,
        }) as unknown as Server;
      } catch (e) {
        throw new KeaError(ERR_TLS_CONFIG, `bad TLS key or certificate: ${(e as Error).message}`, {
          cause: e,
        });
      }
      server.on('tlsClientError', (err: NodeJS.ErrnoException & { reason?: string }, socket: TLSSocket) => {
        // OpenSSL's full message is a multi-line dump; its short reason reads well in one log line.
        const reason = err.reason ?? err.message.trim();
        this.emit({
          type: 'tls-client-error',
          remote: socket.remoteAddress ?? '',
          reason,
          code: err.code ?? '',
        });
      });
    }
    server.on('request', (req: IncomingMessage, res: ServerResponse) => this.handle(req, res, false));
    // Answering Expect: 100-continue ourselves lets a refused client skip sending its body at all.
    server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => this.handle(req, res, true));
    server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => this.onClientError(err, socket));
    return server;
  }

  private emit(event: HttpEvent): void {
    const listener = this.options.onEvent;
    if (listener === undefined) return;
    try {
      listener(event);
    } catch {
      // A failing listener must not take a request down with it.
    }
  }

  private handle(req: IncomingMessage, res: ServerResponse, expectContinue: boolean): void {
    const remote = req.socket.remoteAddress ?? '';
    let responded = false;
    const send: Send = (status, text, extra = {}) => {
      if (responded) return;
      responded = true;
      sendJson(req, res, status, text, extra);
    };
    const refuse = (status: number, text: string, extra: Record<string, string> = {}) => {
      send(status, statusBody(status, text), extra);
      this.drain(req);
    };

    if (req.method !== 'POST') {
      this.emit({ type: 'bad-request', status: 400, reason: `method ${req.method} is not allowed`, remote });
      refuse(400, 'Bad Request');
      return;
    }
    const contentType = req.headers['content-type'];
    if (!isAcceptableContentType(contentType, req.headers.origin)) {
      const reason =
        contentType === undefined ? 'no content type' : `content type ${contentType} is not application/json`;
      this.emit({ type: 'bad-request', status: 400, reason, remote });
      refuse(400, 'Bad Request');
      return;
    }
    let user: string | undefined;
    if (this.auth !== null) {
      const result = this.auth.check(req.headers.authorization);
      if (!result.ok) {
        this.emit({
          type: 'unauthorized',
          ...(result.user === undefined ? {} : { user: result.user }),
          remote,
          reason: result.reason,
        });
        refuse(401, 'Unauthorized', { 'WWW-Authenticate': this.auth.challenge });
        return;
      }
      user = result.user;
    }

    const limit = this.maxBodyBytes;
    const tooLarge = () => {
      const reason = `body exceeds ${limit} bytes`;
      this.emit({ type: 'bad-request', status: 413, reason, remote });
      refuse(413, `Request Entity Too Large: ${reason}`);
    };
    const declared = req.headers['content-length'];
    if (declared !== undefined && Number(declared) > limit) {
      tooLarge();
      return;
    }
    if (expectContinue) res.writeContinue();

    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.off('end', onEnd);
      chunks.length = 0;
      tooLarge();
    };
    const onEnd = () => {
      const info = this.requestInfo(req, remote, user);
      const body = Buffer.concat(chunks, size).toString('utf8');
      void this.dispatch(body, size, info, send);
    };
    req.on('data', onData);
    req.on('end', onEnd);
  }

  private requestInfo(req: IncomingMessage, remote: string, user: string | undefined): RequestInfo {
    const socket = req.socket as Socket & Partial<TLSSocket>;
    const info: RequestInfo = {
      remote,
      remotePort: socket.remotePort ?? 0,
      method: req.method ?? '',
      path: req.url ?? '/',
      httpVersion: req.httpVersion,
      headers: req.headers,
      tls: socket.encrypted === true,
    };
    if (user !== undefined) info.user = user;
    if (socket.authorized === true && typeof socket.getPeerCertificate === 'function') {
      const cn = socket.getPeerCertificate().subject?.CN;
      if (cn !== undefined) info.clientCertCommonName = Array.isArray(cn) ? cn.join(',') : cn;
    }
    return info;
  }

  private async dispatch(body: string, bytes: number, info: RequestInfo, send: Send): Promise<void> {
    this.emit({
      type: 'request',
      remote: info.remote,
      ...(info.user === undefined ? {} : { user: info.user }),
      bytes,
      path: info.path,
    });
    let text: string;
    try {
      text = this.serialize(await this.options.onRequest(body, info));
    } catch (e) {
      if (e instanceof HttpStatusError) {
        send(e.status, statusBody(e.status, e.message), { ...e.headers });
        return;
      }
      const message = e instanceof Error ? e.message : String(e);
      this.emit({ type: 'handler-error', remote: info.remote, reason: message });
      send(500, JSON.stringify({ result: 1, text: message }));
      return;
    }
    send(200, text);
  }

  /** Reads and discards the rest of a refused request, within bounds. */
  private drain(req: IncomingMessage): void {
    if (req.complete) return;
    let discarded = 0;
    const cut = () => req.socket.destroy();
    const timer = setTimeout(cut, DRAIN_MAX_MS);
    timer.unref();
    req.on('data', (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > DRAIN_MAX_BYTES) {
        clearTimeout(timer);
        cut();
      }
    });
    req.once('end', () => clearTimeout(timer));
    req.resume();
  }

  /** Malformed HTTP, oversized headers and slow clients: answer in Kea's JSON shape, then close. */
  private onClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
    const remote = (socket as Socket).remoteAddress ?? '';
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status =
      err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    this.emit({ type: 'bad-request', status, reason: err.code ?? err.message, remote });
    const body = statusBody(status, STATUS_CODES[status] ?? 'Bad Request');
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
}
