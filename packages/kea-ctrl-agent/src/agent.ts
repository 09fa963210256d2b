// The control agent: an HTTP(S) endpoint that answers its own commands and forwards the others to the
// daemons' UNIX sockets. Listener changes on config-set/reload are atomic: the new listener is up before
// the old one goes, and a failure leaves the old one serving.
import {
  CONTROL_RESULT_COMMAND_UNSUPPORTED,
  CONTROL_RESULT_ERROR,
  type Command,
  createAnswer,
  type JsonValue,
  parseCommand,
  parseJson,
  toJson,
} from '@kea-ts/cc';
import type { CommandSource, ConfigSource } from '@kea-ts/config';
import { type HttpEvent, HttpServer, HttpStatusError, type RequestInfo } from '@kea-ts/http';
import { getLogger } from '@kea-ts/log';
import { type DaemonApp, type DaemonContext, VERSION } from '@kea-ts/process';
import { type AgentConfig, checkAgentConfig, unparseAgentConfig } from './config.js';
import { forwardCommand } from './forward.js';
import { MSG } from './messages.js';

const FORWARD_TIMEOUT_MS = 10_000;

export class ControlAgent implements DaemonApp<AgentConfig> {
  private server: HttpServer | null = null;
  private current: AgentConfig | null = null;
  private announced = false;
  private readonly log = getLogger('kea-ctrl-agent.ctrl-agent');
  private readonly httpLog = getLogger('kea-ctrl-agent.http');
  private readonly authLog = getLogger('kea-ctrl-agent.auth');

  constructor(private readonly context: DaemonContext) {}

  check(section: JsonValue, source: ConfigSource): AgentConfig {
    return checkAgentConfig(section, source);
  }

  unparse(config: AgentConfig): JsonValue {
    return unparseAgentConfig(config);
  }

  loggers(config: AgentConfig) {
    return config.loggers;
  }

  hooksLibraries(config: AgentConfig) {
    return config.section['hooks-libraries'] ?? [];
  }

  describe(config: AgentConfig): string {
    const scheme = config.tls ? 'https' : 'http';
    const services = [...config.sockets.keys()].join(', ') || 'none';
    return `listening on ${scheme}://${config.host}:${config.port}, control sockets: ${services}`;
  }

  async apply(config: AgentConfig, previous: AgentConfig | null): Promise<void> {
    const old = this.server;
    if (old && previous && sameListener(config, previous)) {
      this.current = config;
      return;
    }
    if (old && previous && previous.host === config.host && previous.port === config.port) {
      // Same address, other auth or TLS: the old listener must close before the new one binds, and the
      // request carrying this config-set is still being answered on it. Swap right after that answer.
      this.current = config;
      setTimeout(() => void this.rebind(config, previous), 100);
      return;
    }
    // A new address is bound before the old one closes: a bind failure leaves the old one serving.
    const server = this.createServer(config);
    await server.start();
    this.server = server;
    this.current = config;
    await old?.stop();
    this.announce(config);
  }

  private async rebind(config: AgentConfig, previous: AgentConfig): Promise<void> {
    await this.server?.stop();
    this.server = this.createServer(config);
    try {
      await this.server.start();
      this.announce(config);
    } catch (err) {
      this.log.error(
        MSG.CTRL_AGENT_CONFIG_FAIL,
        `${(err as Error).message}; serving with the previous listener settings`,
      );
      this.server = this.createServer(previous);
      await this.server.start();
    }
  }

  status(): Record<string, JsonValue> {
    return {};
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    this.server = null;
  }

  private announce(config: AgentConfig): void {
    const address = this.server?.address ?? { host: config.host, port: config.port };
    if (config.tls) this.log.info(MSG.CTRL_AGENT_HTTPS_SERVICE_STARTED, address.host, address.port);
    else this.log.info(MSG.CTRL_AGENT_HTTP_SERVICE_STARTED, address.host, address.port);
    if (!config.auth) this.log.warn(MSG.CTRL_AGENT_HTTP_SERVICE_UNAUTHENTICATED, address.host, address.port);
    if (!config.tls && !isLoopback(config.host))
      this.log.warn(MSG.CTRL_AGENT_HTTP_SERVICE_UNENCRYPTED, address.host, address.port);
    if (!this.announced) {
      this.announced = true;
      this.log.info(MSG.CTRL_AGENT_STARTED, VERSION);
    }
  }

  private createServer(config: AgentConfig): HttpServer {
    return new HttpServer({
      host: config.host,
      port: config.port,
      ...(config.tls
        ? {
            tls: {
              key: config.tls.key,
              cert: config.tls.cert,
              ...(config.tls.ca ? { ca: config.tls.ca } : {}),
              requireClientCert: config.tls.requireClientCert,
            },
          }
        : {}),
      auth: config.auth,
      serialize: toJson,
      onRequest: (body, info) => this.handle(body, info),
      onEvent: (event) => this.onHttpEvent(event),
    });
  }

  /** One HTTP request: always a list of answers, as Kea's agent returns. */
  private async handle(body: string, info: RequestInfo): Promise<JsonValue[]> {
    let command: Command;
    let source: CommandSource;
    try {
      const parsed = parseJson(body, { file: '<command>', maxDepth: 256 });
      command = parseCommand(parsed.value);
      source = { file: '<command>', positions: parsed.positions };
    } catch (err) {
      const reason = (err as Error).message;
      if ((err as { code?: string }).code === 'KEA_ERR_CC_PARSE') {
        this.httpLog.info(MSG.HTTP_BAD_CLIENT_REQUEST_RECEIVED, info.remote, reason);
        throw new HttpStatusError(400, `Bad Request: ${reason}`);
      }
      return [
        createAnswer(
          CONTROL_RESULT_ERROR,
          `Error during command processing: ${reason}`,
        ) as unknown as JsonValue,
      ];
    }
    this.log.debug(10, MSG.CTRL_AGENT_COMMAND_RECEIVED, command.command, info.remote);
    const services = command.service ?? [];
    if (services.length === 0) {
      const answer = this.context.commands.has(command.command)
        ? await this.context.commands.process(command, source)
        : createAnswer(
            CONTROL_RESULT_COMMAND_UNSUPPORTED,
            `'${command.command}' command not supported. Did you mean to send it to a daemon? Add "service": ["dhcp4"] (or dhcp6, d2) to forward it.`,
          );
      return [answer as unknown as JsonValue];
    }
    const sockets = this.current?.sockets ?? new Map();
    return forwardCommand(command, sockets, this.log, FORWARD_TIMEOUT_MS);
  }

  private onHttpEvent(event: HttpEvent): void {
    switch (event.type) {
      case 'unauthorized':
        if (event.reason === 'no-credentials')
          this.authLog.info(MSG.HTTP_CLIENT_REQUEST_NO_AUTH_HEADER, event.remote);
        else this.authLog.info(MSG.HTTP_CLIENT_REQUEST_NOT_AUTHORIZED, event.remote, event.user ?? '');
        break;
      case 'request':
        if (event.user) this.authLog.debug(40, MSG.HTTP_CLIENT_REQUEST_AUTHORIZED, event.user);
        break;
      case 'bad-request':
        this.httpLog.info(
          MSG.HTTP_BAD_CLIENT_REQUEST_RECEIVED,
          event.remote,
          `${event.status} ${event.reason}`,
        );
        break;
      case 'tls-client-error':
        this.httpLog.info(MSG.HTTP_CONNECTION_HANDSHAKE_FAILED, event.remote, event.reason);
        break;
      case 'handler-error':
        this.httpLog.error(MSG.HTTP_BAD_CLIENT_REQUEST_RECEIVED, event.remote, event.reason);
        break;
      default:
        break;
    }
  }
}

function sameListener(a: AgentConfig, b: AgentConfig): boolean {
  if (a.host !== b.host || a.port !== b.port || JSON.stringify(a.auth) !== JSON.stringify(b.auth))
    return false;
  if (a.tls === null || b.tls === null) return a.tls === b.tls;
  return (
    a.tls.requireClientCert === b.tls.requireClientCert &&
    a.tls.cert.equals(b.tls.cert) &&
    a.tls.key.equals(b.tls.key) &&
    String(a.tls.ca ?? '') === String(b.tls.ca ?? '')
  );
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
