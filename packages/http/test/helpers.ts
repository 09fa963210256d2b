// Shared test helpers: start a server on 127.0.0.1:0 that records its events, and a raw HTTP exchange.

import { connect } from 'node:net';
import { type HttpEvent, HttpServer, type HttpServerOptions } from '../src/index.js';

export interface Started {
  server: HttpServer;
  events: HttpEvent[];
  url: string;
  port: number;
}

/** Starts a server whose default handler echoes the body back as {"echo": <parsed body>}. */
export async function startServer(options: Partial<HttpServerOptions> = {}): Promise<Started> {
  const events: HttpEvent[] = [];
  const server = new HttpServer({
    host: '127.0.0.1',
    port: 0,
    onRequest: (body, info) => ({ echo: JSON.parse(body), user: info.user ?? null }),
    onEvent: (e) => events.push(e),
    ...options,
  });
  await server.start();
  const { port } = server.address;
  const scheme = options.tls === undefined ? 'http' : 'https';
  return { server, events, url: `${scheme}://127.0.0.1:${port}/`, port };
}

/** Writes `request` on a fresh TCP connection and returns everything the server sent until it closed. */
export function rawExchange(port: number, request: string | Buffer, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    }, timeoutMs);
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('latin1'));
    });
    socket.write(request);
  });
}
