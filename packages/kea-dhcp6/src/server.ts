// The DHCPv6 server as a daemon app: config check/apply/unparse for the process base (lease manager,
// allocation engine, server DUID and sockets put in force together or not at all), the packet loop,
// reclamation timers, and the in-process inject() and command() that tests use instead of sockets.
import type { Answer, JsonValue } from '@kea-ts/cc';
import type { CommandMgr, ConfigSource } from '@kea-ts/config';
import { messageType6Name } from '@kea-ts/dhcp';
import {
  AllocEngine6,
  CHG_REMOVE,
  CLASS_CMDS_LIBRARY,
  checkDhcp6Config,
  classCmdsLibrary,
  configSummary,
  createD2Client,
  type Dhcp6Config,
  FLEX_ID_LIBRARY,
  flexIdLibrary,
  type HostMgr,
  hostDbKey,
  type LeaseMgr6,
  NetworkState,
  registerDhcpServerCommands,
  replaceD2Client,
  unparseDhcp6Config,
  watchHostDatabases,
  watchLeaseDatabase,
} from '@kea-ts/dhcpsrv';
import { registerBuiltinLibrary } from '@kea-ts/hooks';
import { getLogger, type LoggerConfig } from '@kea-ts/log';
import { Dhcp6Sockets, type NetInterface, parseInterfacesConfig, type SocketInfo6 } from '@kea-ts/net';
import { type DaemonApp, type HookLibraryEntry, toLoggerConfigs, VERSION } from '@kea-ts/process';
import { StatsMgr } from '@kea-ts/stats';
import { formatIPv6, KeaError } from '@kea-ts/util';
import { ClientLock } from './client-lock.js';
import { KEA_ERR_DHCP6_APPLY, KEA_ERR_DHCP6_NOT_CONFIGURED } from './errors.js';
import { openHostMgr6, openLeaseMgr6 } from './lease-db.js';
import { DBG, MSG } from './messages.js';
import { Exchange6, type Ingress6, type Services6 } from './pipeline/context.js';
import { admit, type Destination6, destination, handle } from './pipeline/process.js';
import { ReclaimTimers6 } from './reclaim.js';
import { duidText, loadServerDuid } from './server-id.js';
import { PacketStats6 } from './stats6.js';

export interface Dhcp6ServerOptions {
  commands: CommandMgr;
  serverPort?: number;
  clientPort?: number;
  /** false: no sockets are opened (tests drive the server with inject()). Default true. */
  sockets?: boolean;
  /** Ends the process (a lost lease database whose on-fail says exit); default: the server stops. */
  shutdown?: (code: number) => void;
  detect?: () => NetInterface[];
}

export interface Outgoing6 {
  data: Buffer;
  destination: Destination6;
}

interface Runtime6 {
  services: Services6;
  sockets: Dhcp6Sockets | null;
  reclaim: ReclaimTimers6;
  queueSize: number;
}

// Packets admitted at once when multi-threading's packet-queue-size does not say (Kea's queue default
// is 64 packets waiting for 8 threads or so). Here a packet in flight mostly waits on the lease
// database and costs only its memory, and a database's answers come in bursts (a commit, a full
// pipeline), so the bound is wider: 64 dropped perfdhcp's packets at 1,900/s on PostgreSQL.
const DEFAULT_QUEUE_SIZE = 256;

const key = (v: unknown) => JSON.stringify(v ?? {});

export class Dhcp6Server implements DaemonApp<Dhcp6Config> {
  readonly stats = new StatsMgr();
  readonly packetStats = new PacketStats6(this.stats);
  readonly state = new NetworkState();
  private rt: Runtime6 | null = null;
  private readonly log = getLogger('kea-dhcp6.dhcp6');
  private readonly ddnsLog = getLogger('kea-dhcp6.ddns');
  private readonly badLog = getLogger('kea-dhcp6.bad-packets');
  private started = false;
  private readonly lock = new ClientLock();
  private inFlight = 0;
  private socketStatus: { status: string; errors: string[] } = { status: 'ready', errors: [] };

  constructor(private readonly o: Dhcp6ServerOptions) {
    this.packetStats.initDefaults();
    registerBuiltinLibrary(FLEX_ID_LIBRARY, async () => flexIdLibrary(6));
    registerBuiltinLibrary(CLASS_CMDS_LIBRARY, async () => classCmdsLibrary(6, (cmd) => this.command(cmd)));
    registerDhcpServerCommands(o.commands, () => ({
      family: 6,
      stats: this.stats,
      state: this.state,
      reclaim: this.engine ? (remove) => this.engine!.reclaimExpiredLeases6(0, 0, remove) : null,
      serverTag: () => this.config?.section['server-tag'] ?? '',
    }));
  }

  check(section: JsonValue, source: ConfigSource): Dhcp6Config {
    return checkDhcp6Config(section, source);
  }

  unparse(config: Dhcp6Config): JsonValue {
    return unparseDhcp6Config(config);
  }

  loggers(config: Dhcp6Config): LoggerConfig[] {
    return toLoggerConfigs(config.section.loggers);
  }

  controlSocket(config: Dhcp6Config): string | null {
    return config.section['control-socket']?.['socket-name'] ?? null;
  }

  hooksLibraries(config: Dhcp6Config): readonly HookLibraryEntry[] {
    return config.section['hooks-libraries'] ?? [];
  }

  describe(config: Dhcp6Config): string {
    return configSummary(6, config.subnets.length, config.section);
  }

  get config(): Dhcp6Config | null {
    return this.rt?.services.config ?? null;
  }

  get leaseMgr(): LeaseMgr6 | null {
    return this.rt?.services.leaseMgr ?? null;
  }

  get engine(): AllocEngine6 | null {
    return this.rt?.services.engine ?? null;
  }

  get serverDuid(): Buffer | null {
    return this.rt?.services.serverDuid ?? null;
  }

  async apply(config: Dhcp6Config, _previous: Dhcp6Config | null): Promise<void> {
    const old = this.rt;
    const section = config.section;
    const reuseDb =
      old !== null && key(old.services.config.section['lease-database']) === key(section['lease-database']);
    // hosts-database(s): reopened only when they changed, and opened first so a failure leaves the
    // previous runtime serving.
    const reuseHosts = old !== null && hostDbKey(old.services.config.section) === hostDbKey(section);
    let hostMgr: HostMgr | null;
    try {
      hostMgr = reuseHosts ? old.services.hostMgr : await openHostMgr6(section);
    } catch (err) {
      throw new KeaError(KEA_ERR_DHCP6_APPLY, `hosts database: ${(err as Error).message}`, { cause: err });
    }
    const dropHosts = async () => {
      if (!reuseHosts) await hostMgr?.close();
    };
    let leaseMgr: LeaseMgr6;
    if (reuseDb) leaseMgr = old.services.leaseMgr;
    else {
      await old?.services.leaseMgr.commit();
      const db = section['lease-database'] ?? { type: 'memfile' as const };
      try {
        leaseMgr = await openLeaseMgr6(db);
      } catch (err) {
        await dropHosts();
        throw new KeaError(KEA_ERR_DHCP6_APPLY, `lease database: ${(err as Error).message}`, { cause: err });
      }
    }
    let sockets = old?.sockets ?? null;
    let reopened = false;
    let engine: AllocEngine6;
    let serverDuid: Buffer;
    const d2 = createD2Client(section['dhcp-ddns'], (result, ncr) =>
      this.ddnsLog.error(MSG.DHCP6_DDNS_REQUEST_SEND_FAILED, result, ncr),
    );
    try {
      engine = new AllocEngine6({
        leaseMgr,
        config,
        stats: this.stats,
        loggerName: 'kea-dhcp6',
        hostMgr,
        ddnsRemove:
          d2 === null
            ? null
            : (lease) => {
                const s = config.lookups.subnetById(lease.subnetId);
                d2.queueLease6(CHG_REMOVE, lease, s?.effective['ddns-use-conflict-resolution'] ?? true);
              },
      });
      await replaceD2Client(old?.services.d2 ?? null, d2);
      const id = loadServerDuid(config.serverId, config.dataDirectory);
      serverDuid = id.duid;
      this.log.info(MSG.DHCP6_USING_SERVERID, duidText(serverDuid), id.file);
      const ifaces = section['interfaces-config'];
      if (
        (this.o.sockets ?? true) &&
        (old === null || key(old.services.config.section['interfaces-config']) !== key(ifaces))
      ) {
        // The same ports cannot be bound twice: the old sockets go first, and come back on failure.
        old?.sockets?.close();
        try {
          sockets = this.openSockets(ifaces);
          reopened = true;
        } catch (err) {
          if (old !== null) {
            try {
              old.sockets = this.openSockets(old.services.config.section['interfaces-config']);
            } catch {
              old.sockets = null;
            }
          }
          throw err;
        }
      }
    } catch (err) {
      if (!reuseDb) await leaseMgr.close();
      await dropHosts();
      throw new KeaError(KEA_ERR_DHCP6_APPLY, (err as Error).message, { cause: err });
    }
    this.stats.applyConfigDefaults(section);
    await engine.initStatistics();
    old?.reclaim.stop();
    this.rt = {
      services: {
        config,
        engine,
        leaseMgr,
        stats: this.packetStats,
        serverDuid,
        declineProbationPeriod: section['decline-probation-period'] ?? 86400,
        serverPort: this.o.serverPort ?? 0,
        clientPort: this.o.clientPort ?? 0,
        hostMgr,
        d2,
      },
      sockets,
      queueSize: section['multi-threading']?.['packet-queue-size'] || DEFAULT_QUEUE_SIZE,
      reclaim: new ReclaimTimers6(engine, section['expired-leases-processing']),
    };
    if (reopened && sockets !== null) this.watchSockets(sockets);
    const dbServer = {
      family: 6 as const,
      state: this.state,
      shutdown: this.o.shutdown ?? (() => void this.stop()),
    };
    if (!reuseDb) watchLeaseDatabase(leaseMgr, section['lease-database'] ?? {}, dbServer);
    if (!reuseHosts) watchHostDatabases(hostMgr, dbServer);
    if (!reuseDb) await old?.services.leaseMgr.close();
    if (!reuseHosts) await old?.services.hostMgr?.close();
    this.log.info(MSG.DHCP6_CONFIG_COMPLETE, this.describe(config));
    if (!this.started) {
      this.started = true;
      this.log.info(MSG.DHCP6_STARTED, VERSION);
    }
  }

  status(): Record<string, JsonValue> {
    const sockets: Record<string, JsonValue> = { status: this.socketStatus.status };
    if (this.socketStatus.errors.length) sockets.errors = this.socketStatus.errors;
    return {
      'multi-threading-enabled': false,
      'packet-queue-size': this.rt?.queueSize ?? DEFAULT_QUEUE_SIZE,
      'packets-in-flight': this.inFlight,
      sockets,
    };
  }

  private openSockets(ifaces: Dhcp6Config['section']['interfaces-config']): Dhcp6Sockets {
    return Dhcp6Sockets.open({
      config: parseInterfacesConfig(6, ifaces),
      port: this.o.serverPort || 547,
      onPacket: (data, via, src, srcPort) => this.onDatagram(data, via, src, srcPort),
      ...(this.o.detect ? { detect: this.o.detect } : {}),
    });
  }

  private watchSockets(sockets: Dhcp6Sockets): void {
    this.socketStatus = { status: 'retrying', errors: [] };
    void sockets.settled.then((errors) => {
      this.socketStatus = errors.length ? { status: 'failed', errors } : { status: 'ready', errors: [] };
    });
  }

  async stop(): Promise<void> {
    const rt = this.rt;
    this.rt = null;
    this.state.close();
    if (rt === null) return;
    rt.reclaim.stop();
    rt.sockets?.close();
    await rt.services.d2?.stop();
    await rt.services.leaseMgr.close();
    await rt.services.hostMgr?.close();
  }

  async process(raw: Buffer, ingress: Ingress6): Promise<Outgoing6 | null> {
    const rt = this.rt;
    if (rt === null) throw new KeaError(KEA_ERR_DHCP6_NOT_CONFIGURED, 'kea-dhcp6 has no configuration yet');
    if (!this.state.enabled) {
      // Kea drops before parsing: the label has neither DUID nor transaction id yet.
      this.badLog.debug(DBG.PKT_HANDLING, MSG.DHCP6_PACKET_DROP_DHCP_DISABLED, 'duid=[no info], tid=0x0');
      return null;
    }
    if (this.inFlight >= rt.queueSize) {
      this.log.debug(DBG.BASIC, MSG.DHCP6_PACKET_QUEUE_FULL);
      this.packetStats.received.add(1);
      this.packetStats.receiveDrop.add(1);
      return null;
    }
    this.inFlight++;
    const ex = new Exchange6(rt.services, raw, ingress);
    try {
      if (!(await admit(ex))) return null;
      const duid = ex.q.getOption(1);
      const key = duid === undefined ? '' : duid.toString('latin1');
      const data = await this.lock.run(key, () => handle(ex));
      // Memfile group-commits: the answer leaves once its leases are on disk.
      if (ex.committed) await rt.services.leaseMgr.commit();
      return data === null ? null : { data, destination: destination(ex) };
    } catch (err) {
      // Kea's processDhcp6Query catch: a discarded message (RFC 8415) and any failure alike.
      this.badLog.debug(
        DBG.BASIC,
        MSG.DHCP6_PACKET_PROCESS_FAIL,
        ex.query ? messageType6Name(ex.query.msgType) : 'UNKNOWN',
        ingress.remoteAddress,
        (err as Error).message,
      );
      this.packetStats.receiveDrop.add(1);
      return null;
    } finally {
      this.inFlight--;
    }
  }

  async inject(raw: Buffer, ingress: Ingress6): Promise<Buffer | null> {
    return (await this.process(raw, ingress))?.data ?? null;
  }

  command(cmd: { command: string; arguments?: JsonValue }): Promise<Answer> {
    return this.o.commands.processText(JSON.stringify(cmd));
  }

  /** The socket's local address as text, made once per socket rather than once per packet. */
  private readonly localTexts = new WeakMap<SocketInfo6, string>();

  private localText(via: SocketInfo6): string {
    let text = this.localTexts.get(via);
    if (text === undefined) {
      text = formatIPv6(via.localAddress);
      this.localTexts.set(via, text);
    }
    return text;
  }

  private onDatagram(data: Buffer, via: SocketInfo6, src: string, srcPort: number): void {
    const ingress: Ingress6 = {
      iface: via.iface.name,
      localAddress: this.localText(via),
      multicast: via.kind === 'multicast',
      remoteAddress: src,
      remotePort: srcPort,
    };
    this.process(data, ingress).then(
      (out) => {
        if (out === null) return;
        try {
          via.iface.reply(via, out.data, out.destination.address, out.destination.port);
        } catch (err) {
          this.log.error(MSG.DHCP6_PACKET_SEND_FAIL, via.iface.name, (err as Error).message);
        }
      },
      (err: unknown) => this.log.error(MSG.DHCP6_PACKET_SEND_FAIL, via.iface.name, (err as Error).message),
    );
  }
}
