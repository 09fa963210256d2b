// Writing JSON responses, including the HTTP/1.0 case node:http does not cover.
//
// node:http always writes an `HTTP/1.1` status line. Kea's agent answers an HTTP/1.0 request with an
// HTTP/1.0 status line, and some old clients care, so for 1.0 requests the response is written straight
// to the socket and the connection is closed after it (1.0 has no keep-alive by default).

import type { IncomingMessage, ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';

export function jsonHeaders(length: number, extra: Record<string, string> = {}): Record<string, string> {
  return { 'Content-Type': 'application/json', 'Content-Length': String(length), ...extra };
}

/** Sends `text` as an application/json body with `status`; `close` asks for the connection to end after it. */
export function sendJson(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  text: string,
  extra: Record<string, string> = {},
  close = false,
): void {
  const body = Buffer.from(text, 'utf8');
  if (req.httpVersion === '1.0') {
    writeHttp10(req, res, status, body, extra);
    return;
  }
  if (res.headersSent || res.writableEnded) return;
  const headers = jsonHeaders(body.length, extra);
  if (close) headers.Connection = 'close';
  res.writeHead(status, headers);
  res.end(body);
}

function writeHttp10(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: Buffer,
  extra: Record<string, string>,
): void {
  const socket = req.socket;
  if (!socket.writable || res.headersSent) return;
  // The ServerResponse stays unused; the caller sends exactly one response per request.
  const headers = { ...jsonHeaders(body.length, extra), Date: new Date().toUTCString(), Connection: 'close' };
  let head = `HTTP/1.0 ${status} ${STATUS_CODES[status] ?? 'Unknown'}\r\n`;
  for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
  socket.end(Buffer.concat([Buffer.from(`${head}\r\n`, 'latin1'), body]));
  // A peer that never closes its side would otherwise pin the socket.
  setTimeout(() => socket.destroy(), 5000).unref();
}

/** Kea's agent answers HTTP-level refusals with a single JSON map carrying the status as result. */
export function statusBody(status: number, text: string): string {
  return JSON.stringify({ result: status, text });
}
