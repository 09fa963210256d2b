// The DHCPv4 server as a daemon app: config check/apply/unparse for the process base, the packet loop
// (bounded packets in flight, a per-client lock), sending by destination, and the in-process inject()
// and command() that tests use instead of sockets and the control channel.
import type { Answer, JsonValue } from '@kea-ts/cc';
import type { CommandMgr, ConfigSource } from '@kea-ts/config';
import {
  CHG_REMOVE,
  CLASS_CMDS_LIBRARY,
  checkDhcp4Config,
  classCmdsLibrary,
  configSummary,
  createD2Client,
  type D2ClientMgr,
  type Dhcp4Config,
  FLEX_ID_LIBRARY,
  flexIdLibrary,
  type HostMgr,
  hostDbKey,
  type LeaseMgr4,
  NetworkState,
  registerDhcpServerCommands,
  replaceD2Client,
  unparseDhcp4Config,
  watchHostDatabases,
  watchLeaseDatabase,
} from '@kea-ts/dhcpsrv';
import { registerBuiltinLibrary } from '@kea-ts/hooks';
import { getLogger, type LoggerConfig } from '@kea-ts/log';
import type { Dhcp4Sockets, NetInterface, SocketInfo4 } from '@kea-ts/net';
import { type DaemonApp, type HookLibraryEntry, toLoggerConfigs, VERSION } from '@kea-ts/process';
import { StatsMgr } from '@kea-ts/stats';
import { KeaError } from '@kea-ts/util';
import type { Allocator4 } from './alloc-contract.js';
import { ClientLock, clientKey } from './client-lock.js';
import { KEA_ERR_DHCP4_APPLY, KEA_ERR_DHCP4_NOT_CONFIGURED } from './errors.js';
import { DBG, MSG } from './messages.js';
import { type Destination4, Exchange4, type Ingress4, type Services4 } from './pipeline/context.js';
import { admit, disabledDrop, handle } from './pipeline/process.js';
import { expirationParams, ReclaimTimers } from './reclaim.js';
import {
  configuredServerIds,
  defaultEngineFactory,
  type EngineFactory,
  interfacesKey,
  leaseDbKey,
  openHostMgr,
  openLeaseMgr,
  openSockets,
  ownAddresses,
} from './runtime.js';
import { PacketStats } from './stats4.js';

const BROADCAST = 0xffffffff;
// Packets admitted at once when multi-threading's packet-queue-size does not say (Kea's queue default
// is 64 packets waiting for 8 threads or so). Here a packet in flight mostly waits on the lease
// database and costs only its memory, and a database's answers come in bursts (a commit, a full
// pipeline), so the bound is wider: 64 dropped perfdhcp's packets at 1,900/s on PostgreSQL.
const DEFAULT_QUEUE_SIZE = 256;

export interface Dhcp4ServerOptions {
  commands: CommandMgr;
  serverPort?: number;
  clientPort?: number;
  /** false: no sockets are opened (tests drive the server with inject()). Default true. */
  sockets?: boolean;
  /** Ends the process (a lost lease database whose on-fail says exit); default: the server stops. */
  shutdown?: (code: number) => void;
  createEngine?: EngineFactory;
  /** Interface detection for the sockets (tests). */
  detect?: () => NetInterface[];
}

/** An answer ready to leave: its bytes and where they go. */
export interface Outgoing4 {
  data: Buffer;
  destination: Destination4;
  chaddr: Buffer;
}

interface Runtime4 {
  services: Services4;
  leaseMgr: LeaseMgr4;
  engine: Allocator4;
  sockets: Dhcp4Sockets | null;
  reclaim: ReclaimTimers;
  queueSize: number;
  hostMgr: HostMgr | null;
  d2: D2ClientMgr | null;
}

export class Dhcp4Server implements DaemonApp<Dhcp4Config> {
  readonly stats = new StatsMgr();
  readonly packetStats = new PacketStats(this.stats);
  readonly state = new NetworkState();
  private rt: Runtime4 | null = null;
  private readonly lock = new ClientLock();
  private inFlight = 0;
  private socketStatus: { status: string; errors: string[] } = { status: 'ready', errors: [] };
  private readonly log = getLogger('kea-dhcp4.dhcp4');
  private readonly badLog = getLogger('kea-dhcp4.bad-packets');
  private readonly ddnsLog = getLogger('kea-dhcp4.ddns');
  private started = false;

  constructor(private readonly o: Dhcp4ServerOptions) {
    this.packetStats.initDefaults();
    registerBuiltinLibrary(FLEX_ID_LIBRARY, async () => flexIdLibrary(4));
    registerBuiltinLibrary(CLASS_CMDS_LIBRARY, async () => classCmdsLibrary(4, (cmd) => this.command(cmd)));
    registerDhcpServerCommands(o.commands, () => ({
      family: 4,
      stats: this.stats,
      state: this.state,
      reclaim: this.engine ? (remove) => this.engine!.reclaimExpiredLeases4(0, 0, remove) : null,
      serverTag: () => this.config?.section['server-tag'] ?? '',
    }));
  }

  check(section: JsonValue, source: ConfigSource): Dhcp4Config {
    return checkDhcp4Config(section, source);
  }

  unparse(config: Dhcp4Config): JsonValue {
    return unparseDhcp4Config(config);
  }

  loggers(config: Dhcp4Config): LoggerConfig[] {
    return toLoggerConfigs(config.section.loggers);
  }

  controlSocket(config: Dhcp4Config): string | null {
    return config.section['control-socket']?.['socket-name'] ?? null;
  }

  hooksLibraries(config: Dhcp4Config): readonly HookLibraryEntry[] {
    return config.section['hooks-libraries'] ?? [];
  }

  describe(config: Dhcp4Config): string {
    const n = config.subnets.length;
    return configSummary(4, n, config.section);
  }

  /** The configuration in force, or null before the first commit. */
  get config(): Dhcp4Config | null {
    return this.rt?.services.config ?? null;
  }

  /** The NameChangeRequest sender in force (null: dhcp-ddns enable-updates is false). */
  get d2(): D2ClientMgr | null {
    return this.rt?.d2 ?? null;
  }

  get leaseMgr(): LeaseMgr4 | null {
    return this.rt?.leaseMgr ?? null;
  }

  get engine(): Allocator4 | null {
    return this.rt?.engine ?? null;
  }

  async apply(config: Dhcp4Config, _previous: Dhcp4Config | null): Promise<void> {
    const old = this.rt;
    const wantSockets = this.o.sockets ?? true;
    // hosts-database(s): reopened only when they changed, and opened before anything else so a
    // failure leaves the previous runtime serving.
    const reuseHosts = old !== null && hostDbKey(old.services.config.section) === hostDbKey(config.section);
    let hostMgr: HostMgr | null;
    try {
      hostMgr = reuseHosts ? old.hostMgr : await openHostMgr(config.section);
    } catch (err) {
      throw new KeaError(KEA_ERR_DHCP4_APPLY, `hosts database: ${(err as Error).message}`, { cause: err });
    }
    const dropHosts = async () => {
      if (!reuseHosts) await hostMgr?.close();
    };
    let leaseMgr: LeaseMgr4;
    const reuseDb = old !== null && leaseDbKey(old.services.config) === leaseDbKey(config);
    if (reuseDb) leaseMgr = old.leaseMgr;
    else {
      // Rows the old manager still holds in its write queue must be in the file before it is re-read.
      await old?.leaseMgr.commit();
      try {
        leaseMgr = await openLeaseMgr(config);
      } catch (err) {
        await dropHosts();
        throw new KeaError(KEA_ERR_DHCP4_APPLY, `lease database: ${(err as Error).message}`, { cause: err });
      }
    }
    let engine: Allocator4;
    let sockets: Dhcp4Sockets | null = old?.sockets ?? null;
    let reopened = false;
    const d2 = createD2Client(config.section['dhcp-ddns'], (result, ncr) =>
      this.ddnsLog.error(MSG.DHCP4_DDNS_REQUEST_SEND_FAILED, result, ncr),
    );
    try {
      engine = (this.o.createEngine ?? defaultEngineFactory)({
        leaseMgr,
        config,
        stats: this.stats,
        loggerName: 'kea-dhcp4',
        hostMgr,
        ddnsRemove:
          d2 === null
            ? null
            : (lease) => {
                const s = config.lookups.subnetById(lease.subnetId);
                d2.queueLease4(CHG_REMOVE, lease, s?.effective['ddns-use-conflict-resolution'] ?? true);
              },
      });
      await replaceD2Client(old?.d2 ?? null, d2);
      if (wantSockets && (old === null || interfacesKey(old.services.config) !== interfacesKey(config))) {
        // The same ports cannot be bound twice: the old sockets go first, and come back on failure.
        old?.sockets?.close();
        try {
          sockets = this.openSocketsFor(config);
          reopened = true;
        } catch (err) {
          if (old !== null) old.sockets = this.reopenOld(old.services.config);
          throw err;
        }
      }
    } catch (err) {
      if (!reuseDb) await leaseMgr.close();
      await dropHosts();
      throw new KeaError(KEA_ERR_DHCP4_APPLY, (err as Error).message, { cause: err });
    }
    this.stats.applyConfigDefaults(config.section);
    await engine.initStatistics();
    old?.reclaim.stop();
    const section = config.section;
    const services: Services4 = {
      config,
      engine,
      leaseMgr,
      stats: this.packetStats,
      state: this.state,
      isOwnAddress: (
        (own: Set<number>) => (a: number) =>
          own.has(a)
      )(ownAddresses(sockets)),
      configuredServerIds: configuredServerIds(config),
      interfaceAddress: (name) => sockets?.iface(name)?.sourceAddress ?? 0,
      echoClientId: section['echo-client-id'] ?? true,
      declineProbationPeriod: section['decline-probation-period'] ?? 86400,
      directResponse: (section['interfaces-config']?.['dhcp-socket-type'] ?? 'raw') === 'raw',
      useRouting:
        section['interfaces-config']?.['dhcp-socket-type'] === 'udp' &&
        section['interfaces-config']?.['outbound-interface'] === 'use-routing',
      serverPort: this.o.serverPort ?? 0,
      clientPort: this.o.clientPort ?? 0,
      hostMgr,
      d2,
    };
    this.rt = {
      hostMgr,
      services,
      leaseMgr,
      engine,
      sockets,
      reclaim: new ReclaimTimers(engine, expirationParams(section['expired-leases-processing'])),
      queueSize: section['multi-threading']?.['packet-queue-size'] || DEFAULT_QUEUE_SIZE,
      d2,
    };
    if (reopened && sockets !== null) this.watchSockets(sockets);
    const dbServer = {
      family: 4 as const,
      state: this.state,
      shutdown: this.o.shutdown ?? (() => void this.stop()),
    };
    if (!reuseDb) watchLeaseDatabase(leaseMgr, section['lease-database'] ?? {}, dbServer);
    if (!reuseHosts) watchHostDatabases(hostMgr, dbServer);
    if (!reuseDb) await old?.leaseMgr.close();
    if (!reuseHosts) await old?.hostMgr?.close();
    this.log.info(MSG.DHCP4_CONFIG_COMPLETE, this.describe(config));
    if (!this.started) {
      this.started = true;
      this.log.info(MSG.DHCP4_STARTED, VERSION);
    }
  }

  private openSocketsFor(config: Dhcp4Config): Dhcp4Sockets {
    return openSockets(config, {
      port: this.o.serverPort || 67,
      clientPort: this.o.clientPort || 68,
      onPacket: (data, via, src, srcPort) => this.onDatagram(data, via, src, srcPort),
      ...(this.o.detect ? { detect: this.o.detect } : {}),
    });
  }

  private reopenOld(config: Dhcp4Config): Dhcp4Sockets | null {
    try {
      const s = this.openSocketsFor(config);
      this.watchSockets(s);
      return s;
    } catch {
      return null;
    }
  }

  private watchSockets(sockets: Dhcp4Sockets): void {
    this.socketStatus = { status: 'retrying', errors: [] };
    void sockets.settled.then((errors) => {
      this.socketStatus = errors.length ? { status: 'failed', errors } : { status: 'ready', errors: [] };
    });
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

  async stop(): Promise<void> {
    const rt = this.rt;
    this.rt = null;
    this.state.close();
    if (rt === null) return;
    rt.reclaim.stop();
    rt.sockets?.close();
    await rt.d2?.stop();
    await rt.leaseMgr.close();
    await rt.hostMgr?.close();
  }

  /** Runs one datagram through the pipeline; the answer and its destination, or null. */
  async process(raw: Buffer, ingress: Ingress4): Promise<Outgoing4 | null> {
    const rt = this.rt;
    if (rt === null) throw new KeaError(KEA_ERR_DHCP4_NOT_CONFIGURED, 'kea-dhcp4 has no configuration yet');
    if (!this.state.enabled) {
      disabledDrop(raw);
      return null;
    }
    if (this.inFlight >= rt.queueSize) {
      this.log.debug(DBG.BASIC, MSG.DHCP4_PACKET_QUEUE_FULL, this.inFlight, ingress.iface);
      this.packetStats.received.add(1);
      this.packetStats.receiveDrop.add(1);
      return null;
    }
    this.inFlight++;
    const ex = new Exchange4(rt.services, raw, ingress);
    try {
      if (!(await admit(ex))) return null;
      const q = ex.q;
      const data = await this.lock.run(clientKey(q.chaddr, q.getOption(61)), () => handle(ex));
      if (data === null || ex.destination === null) return null;
      return { data, destination: ex.destination, chaddr: q.chaddr };
    } catch (err) {
      // Whatever a step did not expect costs this packet only (Kea's DHCP4_PACKET_DROP_0007).
      this.badLog.debug(DBG.PKT_HANDLING, MSG.DHCP4_PACKET_DROP_0007, ex.label, (err as Error).message);
      this.packetStats.receiveDrop.add(1);
      return null;
    } finally {
      this.inFlight--;
    }
  }

  /** In-process entry for tests: the answer's bytes as they would leave, or null. */
  async inject(raw: Buffer, ingress: Ingress4): Promise<Buffer | null> {
    return (await this.process(raw, ingress))?.data ?? null;
  }

  /** In-process control channel for tests: a command object in, Kea's answer out. */
  command(cmd: { command: string; arguments?: JsonValue }): Promise<Answer> {
    return this.o.commands.processText(JSON.stringify(cmd));
  }

  private onDatagram(data: Buffer, via: SocketInfo4, src: number, srcPort: number): void {
    const iface = via.iface;
    // The 0.0.0.0 socket cannot tell broadcast from unicast; a client without an address broadcasts.
    const local = via.localAddress !== 0 ? via.localAddress : src === 0 ? BROADCAST : iface.sourceAddress;
    const ingress: Ingress4 = {
      iface: iface.name,
      ifaceAddress: iface.sourceAddress,
      localAddress: local,
      remoteAddress: src,
      remotePort: srcPort,
    };
    this.process(data, ingress).then(
      (out) => {
        if (out !== null) this.send(out);
      },
      (err: unknown) => this.log.error(MSG.DHCP4_PACKET_SEND_FAIL, iface.name, (err as Error).message),
    );
  }

  private send(out: Outgoing4): void {
    const d = out.destination;
    const iface = this.rt?.sockets?.iface(d.iface);
    if (iface === undefined) return;
    try {
      if (d.address === BROADCAST) iface.sendBroadcast(out.data, d.port);
      else if (d.direct) iface.sendDirect(out.data, out.chaddr, d.address, d.port);
      else iface.send(out.data, d.address, d.port);
    } catch (err) {
      this.log.error(MSG.DHCP4_PACKET_SEND_FAIL, d.iface, (err as Error).message);
    }
  }
}
