// kea-dhcp-ddns on the shared daemon base: the DhcpDdns config put in force on a D2Service, Kea's D2
// statistics, and D2's own commands (the statistic get/reset four, and shutdown with its 'type').
import {
  type Answer,
  CONTROL_RESULT_ERROR,
  CONTROL_RESULT_SUCCESS,
  createAnswer,
  type JsonValue,
} from '@kea-ts/cc';
import type { ConfigSource } from '@kea-ts/config';
import {
  checkD2Config,
  D2_LOGGERS,
  D2_MESSAGES,
  type D2Config,
  D2Service,
  D2Stats,
  type ShutdownType,
  unparseD2Config,
} from '@kea-ts/d2srv';
import { getLogger } from '@kea-ts/log';
import { type DaemonApp, type DaemonContext, isMap, VERSION } from '@kea-ts/process';
import { StatsMgr, statisticCommands } from '@kea-ts/stats';

const SHUTDOWN_TYPES: readonly ShutdownType[] = ['normal', 'drain_first', 'now'];
/** D2 answers only these four of the statistic commands. */
const D2_STAT_COMMANDS = ['statistic-get', 'statistic-get-all', 'statistic-reset', 'statistic-reset-all'];

export class D2App implements DaemonApp<D2Config> {
  readonly statsMgr = new StatsMgr();
  readonly stats = new D2Stats(this.statsMgr);
  readonly service = new D2Service({ stats: this.stats });
  private readonly log = getLogger(D2_LOGGERS.process);
  private shutdownType: ShutdownType = 'normal';
  private started = false;

  constructor(private readonly context: DaemonContext) {}

  check(section: JsonValue, source: ConfigSource): D2Config {
    return checkD2Config(section, source);
  }

  unparse(config: D2Config): JsonValue {
    return unparseD2Config(config);
  }

  loggers(config: D2Config) {
    return config.loggers;
  }

  controlSocket(config: D2Config): string | null {
    return config.controlSocket;
  }

  describe(config: D2Config): string {
    return `listening on ${config.ipAddress}, port ${config.port}, using UDP; forward domains ${config.forward.length}, reverse domains ${config.reverse.length}, TSIG keys ${config.keys.size}`;
  }

  async apply(config: D2Config): Promise<void> {
    await this.service.apply(config);
    if (!this.started) {
      this.started = true;
      this.registerCommands();
      this.log.info(D2_MESSAGES.DHCP_DDNS_STARTED, VERSION);
    }
  }

  async stop(): Promise<void> {
    await this.service.stop(this.shutdownType);
  }

  private registerCommands(): void {
    const commands = this.context.commands;
    const stat = statisticCommands(this.statsMgr);
    for (const name of D2_STAT_COMMANDS) commands.register(name, (args) => stat[name]!(args));
    // D2's shutdown takes a 'type' besides 'exit-value': it replaces the base's handler.
    commands.deregister('shutdown');
    commands.register('shutdown', (args) => this.shutdownCommand(args));
  }

  private shutdownCommand(args: JsonValue | undefined): Answer {
    let type: ShutdownType = 'normal';
    let code = 0;
    if (args !== undefined && args !== null) {
      if (!isMap(args)) return createAnswer(CONTROL_RESULT_ERROR, "'arguments' must be a map");
      const t = args.type;
      if (t !== undefined) {
        if (typeof t !== 'string' || !(SHUTDOWN_TYPES as readonly string[]).includes(t)) {
          return createAnswer(CONTROL_RESULT_ERROR, `Invalid Shutdown type: ${JSON.stringify(t)}`);
        }
        type = t as ShutdownType;
      }
      const v = args['exit-value'];
      if (v !== undefined) {
        if (typeof v !== 'number' || !Number.isInteger(v)) {
          return createAnswer(CONTROL_RESULT_ERROR, "parameter 'exit-value' is not an integer");
        }
        code = v;
      }
    }
    this.log.debug(0, D2_MESSAGES.DHCP_DDNS_SHUTDOWN_COMMAND, JSON.stringify(args ?? null));
    this.shutdownType = type;
    setTimeout(() => void this.context.daemon.shutdown(code), 50);
    return createAnswer(CONTROL_RESULT_SUCCESS, `Shutdown initiated, type is: ${type}`);
  }
}
