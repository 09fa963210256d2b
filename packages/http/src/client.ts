// JSON-over-HTTP(S) client on undici: kea-shell style requests, tests, and HA peer traffic.
//
// A JsonClient owns one undici Agent, so a long-lived user (an HA partner) keeps its connections alive
// between requests; postJson() is the one-shot form that opens and tears down its own Agent.

import { Agent, request } from 'undici';
import { ERR_CLIENT_REQUEST, ERR_CLIENT_TIMEOUT, KeaError } from './errors.js';

export interface JsonClientOptions {
  /** Trust anchor for the server certificate; Node's root store is used when absent. */
  ca?: Buffer | string;
  /** Client certificate and key, for servers that require one. */
  cert?: Buffer | string;
  key?: Buffer | string;
  /** Server name checked against the certificate, when it differs from the URL host. */
  servername?: string;
  /** Basic authentication credentials. */
  user?: string;
  password?: string;
  /** Whole-request deadline (connect, send, headers, body); default 10 s. */
  timeoutMs?: number;
}

export interface PostOptions {
  /** Sent as Content-Type; default application/json. */
  contentType?: string;
  headers?: Record<string, string>;
}

export interface PostJsonOptions extends JsonClientOptions, PostOptions {}

export interface JsonResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ', '. */
  headers: Record<string, string>;
  /** The parsed JSON body, or the raw text when it is not JSON. */
  body: unknown;
  text: string;
}

export class JsonClient {
  private readonly options: JsonClientOptions;
  private readonly agent: Agent;
  private readonly authorization: string | undefined;

  constructor(options: JsonClientOptions = {}) {
    this.options = options;
    const timeout = options.timeoutMs ?? 10_000;
    const connect: Record<string, unknown> = { timeout };
    for (const key of ['ca', 'cert', 'key', 'servername'] as const) {
      if (options[key] !== undefined) connect[key] = options[key];
    }
    this.agent = new Agent({ connect, headersTimeout: timeout, bodyTimeout: timeout });
    if (options.user !== undefined) {
      const pair = `${options.user}:${options.password ?? ''}`;
      this.authorization = `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
    }
  }

  /** POSTs `body` (a string or Buffer is sent as-is, anything else as JSON) and reads the whole answer. */
  async post(url: string | URL, body: unknown, extra: PostOptions = {}): Promise<JsonResponse> {
    const payload = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
    const headers: Record<string, string> = {
      'content-type': extra.contentType ?? 'application/json',
      ...extra.headers,
    };
    if (this.authorization !== undefined) headers.authorization = this.authorization;
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const res = await request(url, {
        method: 'POST',
        headers,
        body: payload,
        dispatcher: this.agent,
        signal,
      });
      const text = await res.body.text();
      return { status: res.statusCode, headers: flattenHeaders(res.headers), body: parseOrText(text), text };
    } catch (e) {
      if (signal.aborted) {
        throw new KeaError(ERR_CLIENT_TIMEOUT, `POST ${url} timed out after ${timeoutMs} ms`, { cause: e });
      }
      throw new KeaError(ERR_CLIENT_REQUEST, `POST ${url} failed: ${describe(e)}`, { cause: e });
    }
  }

  /** Waits for requests in flight, then closes the connections. */
  async close(): Promise<void> {
    await this.agent.close();
  }

  /** Closes the connections at once, failing requests in flight. */
  async destroy(): Promise<void> {
    await this.agent.destroy();
  }
}

/** One-shot POST with a private connection pool that is torn down before returning. */
export async function postJson(
  url: string | URL,
  body: unknown,
  options: PostJsonOptions = {},
): Promise<JsonResponse> {
  const client = new JsonClient(options);
  try {
    return await client.post(url, body, options);
  } finally {
    await client.destroy();
  }
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** undici wraps socket and TLS failures; the underlying code is what tells a user what went wrong. */
function describe(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const parts = [e.message];
  const code = (e as NodeJS.ErrnoException).code;
  if (code !== undefined) parts.push(`(${code})`);
  const cause = e.cause;
  if (cause instanceof Error && cause.message !== e.message) parts.push(`caused by: ${describe(cause)}`);
  return parts.join(' ');
}
