// Sends one command over a daemon's UNIX control socket and reads its answer; used by the control
// agent to forward commands and by tests. Works against real Kea daemons, which answer one JSON document
// and may or may not close the connection afterwards.
import { connect } from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import { JsonEndFinder, type JsonValue, parseJson } from '@kea-ts/cc';
import { KeaError } from '@kea-ts/util';
import { ERR_CONFIG_SOCKET_ANSWER, ERR_CONFIG_SOCKET_CONNECT, ERR_CONFIG_SOCKET_TIMEOUT } from './errors.js';

export async function sendUnixCommand(
  socketPath: string,
  command: string | JsonValue,
  timeoutMs = 10_000,
): Promise<JsonValue> {
  const text = typeof command === 'string' ? command : JSON.stringify(command);
  return new Promise<JsonValue>((resolve, reject) => {
    const socket = connect(socketPath);
    const decoder = new StringDecoder('utf8');
    const finder = new JsonEndFinder();
    const pieces: string[] = [];
    let complete = false;
    let settled = false;
    const settle = (err: Error | null, value?: JsonValue) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(value as JsonValue);
    };
    const tryAnswer = (final: boolean) => {
      if (!final && !complete) return;
      const answer = pieces.join('') + (final ? decoder.end() : '');
      if (answer.trim() === '') {
        settle(new KeaError(ERR_CONFIG_SOCKET_ANSWER, `no answer received over ${socketPath}`));
        return;
      }
      try {
        settle(null, parseJson(answer, { file: socketPath, maxDepth: 1024 }).value);
      } catch (err) {
        settle(
          new KeaError(
            ERR_CONFIG_SOCKET_ANSWER,
            `invalid answer received over ${socketPath}: ${(err as Error).message}`,
          ),
        );
      }
    };
    const timer = setTimeout(() => {
      settle(new KeaError(ERR_CONFIG_SOCKET_TIMEOUT, `no answer over ${socketPath} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('connect', () => socket.write(text));
    socket.on('data', (chunk: Buffer) => {
      const piece = decoder.write(chunk);
      pieces.push(piece);
      if (!complete && finder.feed(piece) >= 0) complete = true;
      tryAnswer(false);
    });
    socket.on('end', () => tryAnswer(true));
    socket.on('error', (err: NodeJS.ErrnoException) => {
      const reason =
        err.code === 'ENOENT'
          ? 'No such file or directory'
          : err.code === 'ECONNREFUSED'
            ? 'Connection refused'
            : err.message;
      settle(new KeaError(ERR_CONFIG_SOCKET_CONNECT, reason));
    });
  });
}
