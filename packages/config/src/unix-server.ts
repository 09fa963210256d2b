// The UNIX control channel of a daemon (`control-socket {socket-type: unix, socket-name}`): Kea's
// protocol is one JSON command per connection, read until the text holds a complete JSON document,
// answered with one JSON document, then the connection is closed. Partial reads, concurrent clients and
// answers of any size are handled; the socket file is created owner-only.
import { chmodSync, existsSync, lstatSync, unlinkSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import { type Answer, JsonEndFinder, toJson } from '@kea-ts/cc';
import { getLogger, type Logger } from '@kea-ts/log';
import { KeaError } from '@kea-ts/util';
import { ERR_CONFIG_SOCKET_IN_USE, ERR_CONFIG_SOCKET_LISTEN } from './errors.js';
import { MSG } from './messages.js';

export interface UnixControlServerOptions {
  socketName: string;
  loggerName: string;
  /** Handles the complete command text; must not throw. */
  onCommand(text: string): Promise<Answer>;
  /** Largest command accepted; larger ones get a result-1 answer. Default 64 MiB (config-set of big configs). */
  maxCommandBytes?: number;
  /** Time allowed for a client to send a complete command. Default 10 s, as Kea. */
  readTimeoutMs?: number;
}

export class UnixControlServer {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly log: Logger;

  constructor(private readonly options: UnixControlServerOptions) {
    this.log = getLogger(`${options.loggerName}.commands`);
  }

  get socketName(): string {
    return this.options.socketName;
  }

  async start(): Promise<void> {
    const path = this.options.socketName;
    await removeStaleSocket(path);
    // Half-open: a client may close its sending side right after the command and still read the answer.
    const server = createServer({ allowHalfOpen: true }, (socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException) =>
        reject(new KeaError(ERR_CONFIG_SOCKET_LISTEN, `cannot open control socket ${path}: ${err.message}`));
      server.once('error', onError);
      // The umask makes the socket owner-only from the moment it exists (no window before chmod).
      const previous = process.umask(0o177);
      try {
        server.listen(path, () => {
          server.off('error', onError);
          resolve();
        });
      } finally {
        process.umask(previous);
      }
    });
    chmodSync(path, 0o600);
    this.server = server;
    this.log.info(MSG.COMMAND_ACCEPTOR_START, path);
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    try {
      unlinkSync(this.options.socketName);
    } catch {
      // already gone
    }
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    const name = this.options.socketName;
    this.log.debug(40, MSG.COMMAND_SOCKET_CONNECTION_OPENED, name);
    const max = this.options.maxCommandBytes ?? 64 * 1024 * 1024;
    // Pieces are scanned once each as they arrive (large config-set commands come in many pieces).
    const decoder = new StringDecoder('utf8');
    const finder = new JsonEndFinder();
    const pieces: string[] = [];
    let size = 0;
    let done = false;
    const timer = setTimeout(() => {
      this.log.warn(MSG.COMMAND_SOCKET_CONNECTION_TIMEOUT, name);
      finish({ result: 1, text: 'Connection over control channel timed out' });
    }, this.options.readTimeoutMs ?? 10_000);

    const finish = (answer: Answer) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      const text = toJson(answer);
      socket.end(text, () => {
        this.log.debug(40, MSG.COMMAND_SOCKET_WRITE, Buffer.byteLength(text), 0, name);
      });
    };

    socket.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      this.log.debug(40, MSG.COMMAND_SOCKET_READ, chunk.length, name);
      if (size > max) {
        finish({ result: 1, text: `command is too large: more than ${max} bytes` });
        return;
      }
      const piece = decoder.write(chunk);
      pieces.push(piece);
      // A command may arrive in many pieces: wait until the text holds a whole JSON document.
      if (finder.feed(piece) < 0) return;
      clearTimeout(timer);
      void this.options.onCommand(pieces.join('')).then(finish, (err: unknown) => {
        finish({ result: 1, text: err instanceof Error ? err.message : String(err) });
      });
    });
    socket.on('end', () => {
      // The client closed its side before a complete command: answer what Kea's parser would say.
      if (!done && size > 0) {
        clearTimeout(timer);
        const text = pieces.join('') + decoder.end();
        void this.options
          .onCommand(text)
          .then(finish, () => finish({ result: 1, text: 'incomplete command' }));
      }
    });
    socket.on('error', (err) => {
      this.log.debug(40, MSG.COMMAND_SOCKET_READ_FAIL, name, err.message);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      done = true;
      this.sockets.delete(socket);
      this.log.debug(40, MSG.COMMAND_SOCKET_CONNECTION_CLOSED, name);
    });
  }
}

/** A socket file left by a dead process is removed; one a live daemon listens on is an error. */
async function removeStaleSocket(path: string): Promise<void> {
  if (!existsSync(path)) return;
  if (!lstatSync(path).isSocket()) {
    throw new KeaError(
      ERR_CONFIG_SOCKET_LISTEN,
      `cannot open control socket ${path}: a file that is not a socket is in the way`,
    );
  }
  const alive = await new Promise<boolean>((resolve) => {
    const probe = connect(path);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
  if (alive) {
    throw new KeaError(
      ERR_CONFIG_SOCKET_IN_USE,
      `control socket ${path} is in use by another running process`,
    );
  }
  unlinkSync(path);
}
