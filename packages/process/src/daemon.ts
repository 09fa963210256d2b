// The daemon base every program runs on: command line, logging bootstrap, PID file, config
// load -> check -> commit (atomic: a bad config leaves the running one in force), the UNIX control
// channel, signals (HUP reloads, TERM/INT stop) and the commands all daemons share.
import { dirname } from 'node:path';
import { type JsonValue, parseJsonFile } from '@kea-ts/cc';
import {
  type CommandHandler,
  CommandMgr,
  type ConfigSource,
  configError,
  UnixControlServer,
} from '@kea-ts/config';
import { type HookLibraryConfig, HooksManager } from '@kea-ts/hooks';
import {
  configureLoggers,
  getLogger,
  initLogging,
  type Logger,
  type LoggerConfig,
  shutdownLogging,
} from '@kea-ts/log';
import { parseCli, usageText } from './cli.js';
import { registerCommonCommands } from './common-commands.js';
import type { HookLibraryEntry } from './common-schemas.js';
import { checkRoot } from './config-file.js';
import { MSG } from './messages.js';
import { PidFile, pidFilePath } from './pid-file.js';
import { buildReportText, extendedVersionText, VERSION, versionText } from './version.js';

/** What a program gives the base: how to check, apply and show its config section. */
export interface DaemonApp<C> {
  /** Checks the daemon's section without side effects (no sockets, no hook loading). Throws ConfigError. */
  check(section: JsonValue, source: ConfigSource): C | Promise<C>;
  /** Puts a checked config in force. On failure it must leave `previous` in force and throw. */
  apply(config: C, previous: C | null): Promise<void>;
  /** The section as config-get shows it, defaults filled in. */
  unparse(config: C): JsonValue;
  loggers(config: C): LoggerConfig[];
  /** The UNIX control socket path the config asks for, if any. */
  controlSocket?(config: C): string | null;
  /** Extra status-get arguments. */
  status?(): Record<string, JsonValue>;
  /** The config's `hooks-libraries` entries (loaded by the base, before apply). */
  hooksLibraries?(config: C): readonly HookLibraryEntry[];
  /** A one-line summary logged with DCTL_CONFIG_COMPLETE. */
  describe?(config: C): string;
  stop(): Promise<void>;
}

/** Time a replaced control socket stays open so the answer to the command that replaced it can leave. */
const RETIRE_DELAY_MS = 100;

export interface DaemonContext {
  readonly binary: string;
  readonly configKey: string;
  readonly verbose: boolean;
  readonly serverPort?: number;
  readonly clientPort?: number;
  readonly commands: CommandMgr;
  readonly hooks: HooksManager;
  /** The daemon that runs the app, for commands that need it (config-get, shutdown...). */
  readonly daemon: Daemon<unknown>;
}

export interface DaemonSpec<C> {
  binary: string;
  /** Top-level key of the config file, e.g. 'Control-agent', 'Dhcp4'. */
  configKey: string;
  /** Logger component of the daemon's own messages: 'ctrl-agent' -> 'kea-ctrl-agent.ctrl-agent'. */
  component: string;
  dhcpPorts?: boolean;
  createApp(context: DaemonContext): DaemonApp<C>;
}

export class Daemon<C> {
  readonly commands: CommandMgr;
  readonly hooks: HooksManager;
  readonly log: Logger;
  readonly app: DaemonApp<C>;
  private current: C | null = null;
  private control: UnixControlServer | null = null;
  /** Replaced control sockets, closed shortly after the commit that replaced them. */
  private readonly retiring = new Set<UnixControlServer>();
  private readonly startedAt = Date.now();
  private reloadedAt = Date.now();
  private stopping: Promise<void> | null = null;
  private pidFile: PidFile | null = null;
  exitCode = 0;

  constructor(
    readonly spec: DaemonSpec<C>,
    readonly configFile: string,
    readonly verbose: boolean,
    ports: { serverPort?: number; clientPort?: number } = {},
  ) {
    this.log = getLogger(`${spec.binary}.${spec.component}`);
    this.hooks = new HooksManager({ loggerName: spec.binary });
    // Commands registered by hook libraries answer before the built-in ones (Kea's hook-first rule).
    this.commands = new CommandMgr({
      loggerName: spec.binary,
      hookHandlers: () => hookCommandHandlers(this.hooks),
    });
    this.app = spec.createApp({
      binary: spec.binary,
      configKey: spec.configKey,
      verbose,
      ...ports,
      commands: this.commands,
      hooks: this.hooks,
      daemon: this as Daemon<unknown>,
    });
    registerCommonCommands(this as Daemon<unknown>);
  }

  get config(): C | null {
    return this.current;
  }

  get uptimeSeconds(): number {
    return Math.floor((Date.now() - this.startedAt) / 1000);
  }

  get secondsSinceReload(): number {
    return Math.floor((Date.now() - this.reloadedAt) / 1000);
  }

  /** Reads and checks a config file; throws ConfigError / JsonParseError naming file:line:column. */
  async checkFile(path: string): Promise<C> {
    const parsed = parseJsonFile(path);
    return this.checkValue(parsed.value, { file: path, positions: parsed.positions });
  }

  /** Checks a whole config value ({"<configKey>": {...}}). */
  async checkValue(value: JsonValue, source: ConfigSource): Promise<C> {
    const section = checkRoot(value, source, this.spec.configKey);
    const config = await this.app.check(section, source);
    const libraries = this.hookLibraries(config);
    if (libraries.length > 0) {
      try {
        // Opens each library (import + version check) without running its load(), as config-test should.
        await this.hooks.validate(libraries);
      } catch (err) {
        const path = (err as { path?: string }).path;
        if (path === undefined) throw err;
        throw configError(
          source,
          [this.spec.configKey, ...path.split('/').map((p) => (/^\d+$/.test(p) ? Number(p) : p))],
          (err as Error).message,
        );
      }
    }
    return config;
  }

  /**
   * The config's hooks-libraries as the hooks manager takes them. Kea allows user-context and comment in
   * an entry; they are for people, and the hooks manager refuses keys it does not know.
   */
  private hookLibraries(config: C): HookLibraryConfig[] {
    return (this.app.hooksLibraries?.(config) ?? []).map((entry) => ({
      library: entry.library,
      ...(entry.parameters ? { parameters: entry.parameters as HookLibraryConfig['parameters'] } : {}),
    }));
  }

  /** Commits a checked config: control socket, loggers, hook libraries, then the app's own parts. Atomic. */
  async commit(config: C): Promise<void> {
    const wanted = this.app.controlSocket?.(config) ?? null;
    let opened: UnixControlServer | null = null;
    if (wanted !== (this.control?.socketName ?? null) && wanted !== null) {
      opened = new UnixControlServer({
        socketName: wanted,
        loggerName: this.spec.binary,
        onCommand: (text) => this.commands.processText(text),
      });
      await opened.start();
    }
    const libraries = this.hookLibraries(config);
    const previousLibraries = this.hooks.libraries();
    const reloadHooks = !this.hooks.isLoaded(libraries);
    const previousLoggers = this.current === null ? [] : this.app.loggers(this.current);
    let loggersChanged = false;
    try {
      // Loggers first: an output that cannot be opened throws before anything changed (the log package
      // opens all outputs before switching), and later failures can switch back.
      configureLoggers(this.app.loggers(config), { verbose: this.verbose });
      loggersChanged = true;
      // The hooks manager swaps sets atomically: a failing library leaves the previous set active.
      if (reloadHooks) await this.hooks.load(libraries);
      try {
        await this.app.apply(config, this.current);
      } catch (err) {
        if (reloadHooks) await this.hooks.load(previousLibraries);
        throw err;
      }
    } catch (err) {
      if (loggersChanged) this.restoreLoggers(previousLoggers);
      await opened?.stop();
      throw err;
    }
    if (opened || wanted === null) {
      const old = this.control;
      this.control = opened;
      // The command that brought this config (config-set, config-reload) may have come over the old
      // socket and is not answered yet: stopping it now would cut that connection. Close it once the
      // answer has left.
      if (old) this.retire(old);
    }
    this.current = config;
    this.reloadedAt = Date.now();
    this.log.info(MSG.DCTL_CONFIG_COMPLETE, this.app.describe?.(config) ?? 'configuration applied');
  }

  private restoreLoggers(loggers: LoggerConfig[]): void {
    try {
      configureLoggers(loggers, { verbose: this.verbose });
    } catch (err) {
      // The previous outputs went away meanwhile: keep logging where the rejected config pointed.
      this.log.error(MSG.DCTL_PROCESS_FAILED, this.spec.binary, (err as Error).message);
    }
  }

  private retire(server: UnixControlServer): void {
    this.retiring.add(server);
    setTimeout(() => {
      this.retiring.delete(server);
      void server.stop();
    }, RETIRE_DELAY_MS);
  }

  /** Re-reads the -c file and commits it; the running config stays when anything fails. */
  async reloadFromFile(): Promise<void> {
    const config = await this.checkFile(this.configFile);
    await this.commit(config);
  }

  /** Directory config-write may write into (Kea 3 learned to confine it; so do we). */
  get configDir(): string {
    return dirname(this.configFile);
  }

  async start(): Promise<void> {
    this.log.info(MSG.DCTL_STARTING, this.spec.binary, process.pid, VERSION, 'kea-ts');
    // Signals are handled from the first moment; a reload asked for before the first config is in
    // force waits for it.
    let started = false;
    let reloadPending = false;
    const reload = () => {
      this.reloadFromFile().catch((err: unknown) => {
        this.log.error(MSG.DCTL_CFG_FILE_RELOAD_ERROR, (err as Error).message);
      });
    };
    process.on('SIGHUP', () => {
      this.log.info(MSG.DCTL_CFG_FILE_RELOAD_SIGNAL_RECVD, 'SIGHUP', this.configFile);
      if (started) reload();
      else reloadPending = true;
    });
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.on(signal, () => {
        this.log.info(MSG.DCTL_SHUTDOWN_SIGNAL_RECVD, signal);
        void this.shutdown(0);
      });
    }
    this.pidFile = new PidFile(pidFilePath(this.configFile, this.spec.binary), this.spec.binary);
    this.pidFile.acquire();
    const config = await this.checkFile(this.configFile);
    await this.commit(config);
    started = true;
    if (reloadPending) reload();
  }

  /** Stops everything, removes the PID file, flushes logs and exits with `code`. */
  shutdown(code: number): Promise<void> {
    if (this.stopping) return this.stopping;
    this.exitCode = code;
    this.stopping = (async () => {
      try {
        await this.control?.stop();
        for (const server of this.retiring) await server.stop();
        await this.app.stop();
        await this.hooks.unload();
      } catch (err) {
        this.log.error(MSG.DCTL_PROCESS_FAILED, this.spec.binary, (err as Error).message);
      }
      this.pidFile?.release();
      this.log.info(MSG.DCTL_SHUTDOWN, this.spec.binary, process.pid, VERSION);
      await shutdownLogging();
      process.exit(this.exitCode);
    })();
    return this.stopping;
  }
}

/** Entry point of every program: returns only for -t/-v/-V/-W/usage (with the exit code). */
export async function runDaemon<C>(
  spec: DaemonSpec<C>,
  argv: readonly string[] = process.argv.slice(2),
): Promise<void> {
  const action = parseCli(argv, spec.dhcpPorts ?? false);
  switch (action.kind) {
    case 'usage':
      process.stderr.write(
        `${spec.binary}: ${action.error}\n${usageText(spec.binary, spec.dhcpPorts ?? false)}\n`,
      );
      process.exitCode = 1;
      return;
    case 'version':
      process.stdout.write(`${versionText()}\n`);
      return;
    case 'extended-version':
      process.stdout.write(`${extendedVersionText()}\n`);
      return;
    case 'build-report':
      process.stdout.write(`${buildReportText(spec.binary)}\n`);
      return;
    default:
      break;
  }
  initLogging(spec.binary, { verbose: action.verbose });
  const ports = {
    ...(action.serverPort ? { serverPort: action.serverPort } : {}),
    ...(action.clientPort ? { clientPort: action.clientPort } : {}),
  };
  const daemon = new Daemon(spec, action.configFile, action.verbose, ports);
  if (action.kind === 'test') {
    try {
      await daemon.checkFile(action.configFile);
      daemon.log.info(MSG.DCTL_CONFIG_CHECK_COMPLETE, action.configFile, 'success');
      await shutdownLogging();
    } catch (err) {
      const reason = (err as Error).message;
      daemon.log.error(
        MSG.DCTL_CONFIG_FILE_LOAD_FAIL,
        `configuration check failed for ${action.configFile}`,
        reason,
      );
      await shutdownLogging();
      process.stderr.write(`Syntax check failed with: ${reason}\n`);
      process.exitCode = 1;
    }
    return;
  }
  try {
    await daemon.start();
    // Kea's process runs until it is told to stop, whatever it has open: a config with no interface,
    // no control socket and no timer would otherwise leave Node's loop empty and exit with status 0.
    setInterval(() => {}, 0x7fffffff);
  } catch (err) {
    const reason = (err as Error).message;
    const code = (err as { code?: string }).code;
    if (code === 'KEA_ERR_PROCESS_ALREADY_RUNNING')
      daemon.log.fatal(MSG.DCTL_ALREADY_RUNNING, spec.binary, reason);
    else
      daemon.log.fatal(
        MSG.DCTL_CONFIG_FILE_LOAD_FAIL,
        `${spec.binary} configuration failed to load from ${action.configFile}`,
        reason,
      );
    process.stderr.write(`${spec.binary}: ${reason}\n`);
    await daemon.shutdown(1);
  }
}

/** Hook libraries' command handlers, adapted to the command manager's handler shape. */
function hookCommandHandlers(hooks: HooksManager): ReadonlyMap<string, CommandHandler> {
  const adapted = new Map<string, CommandHandler>();
  for (const [name, handler] of hooks.commandHandlers()) adapted.set(name, (args) => handler(name, args));
  return adapted;
}
