// The DHCPv6 server as a daemon app: config check/apply/unparse for the process base (lease manager,
// allocation engine, server DUID and sockets put in force together or not at all), the packet loop,
// reclamation timers, and the in-process inject() and command() that tests use instead of sockets.
import type { Answer, JsonValue } from '@kea-ts/cc';
import type { CommandMgr, ConfigSource } from '@kea-ts/config';
import { messageType6Name } from '@kea-ts/dhcp';
import {
  AllocEngine6,
  checkDhcp6Config,
  type Dhcp6Config,
  type LeaseMgr6,
  MemfileLeaseMgr6,
  unparseDhcp6Config,
} from '@kea-ts/dhcpsrv';
import { getLogger, type LoggerConfig } from '@kea-ts/log';
import { Dhcp6Sockets, type NetInterface, parseInterfacesConfig, type SocketInfo6 } from '@kea-ts/net';
import { type DaemonApp, type HookLibraryEntry, toLoggerConfigs, VERSION } from '@kea-ts/process';
import { StatsMgr } from '@kea-ts/stats';
import { formatIPv6, KeaError } from '@kea-ts/util';
import { registerDhcp6Commands } from './commands.js';
import { KEA_ERR_DHCP6_APPLY, KEA_ERR_DHCP6_NOT_CONFIGURED } from './errors.js';
import { DBG, MSG } from './messages.js';
import { NetworkState } from './network-state.js';
import { Exchange6, type Ingress6, type Services6 } from './pipeline/context.js';
import { admit, type Destination6, destination, handle } from './pipeline/process.js';
import { duidText, loadServerDuid } from './server-id.js';
import { PacketStats6 } from './stats6.js';

export interface Dhcp6ServerOptions {
  commands: CommandMgr;
  serverPort?: number;
  clientPort?: number;
  /** false: no sockets are opened (tests drive the server with inject()). Default true. */
  sockets?: boolean;
  detect?: () => NetInterface[];
}

export interface Outgoing6 {
  data: Buffer;
  destination: Destination6;
}

interface Runtime6 {
  services: Services6;
  sockets: Dhcp6Sockets | null;
  timers: NodeJS.Timeout[];
}

const key = (v: unknown) => JSON.stringify(v ?? {});

export class Dhcp6Server implements DaemonApp<Dhcp6Config> {
  readonly stats = new StatsMgr();
  readonly packetStats = new PacketStats6(this.stats);
  readonly state = new NetworkState();
  private rt: Runtime6 | null = null;
  private readonly log = getLogger('kea-dhcp6.dhcp6');
  private readonly badLog = getLogger('kea-dhcp6.bad-packets');
  private started = false;

  constructor(private readonly o: Dhcp6ServerOptions) {
    this.packetStats.initDefaults();
    registerDhcp6Commands(o.commands, this);
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
    const s = `added IPv6 subnets: ${config.subnets.length}`;
    return config.sharedNetworks.length ? `${s}; shared networks: ${config.sharedNetworks.length}` : s;
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
    let leaseMgr: LeaseMgr6;
    if (reuseDb) leaseMgr = old.services.leaseMgr;
    else {
      await old?.services.leaseMgr.commit();
      const db = section['lease-database'] ?? { type: 'memfile' as const };
      try {
        leaseMgr = await MemfileLeaseMgr6.open({
          ...(db.name !== undefined ? { name: db.name } : {}),
          ...(db.persist !== undefined ? { persist: db.persist } : {}),
          ...(db['lfc-interval'] !== undefined ? { 'lfc-interval': db['lfc-interval'] } : {}),
          ...(db['max-row-errors'] !== undefined ? { 'max-row-errors': db['max-row-errors'] } : {}),
        });
      } catch (err) {
        throw new KeaError(KEA_ERR_DHCP6_APPLY, `lease database: ${(err as Error).message}`, { cause: err });
      }
    }
    let sockets = old?.sockets ?? null;
    let engine: AllocEngine6;
    let serverDuid: Buffer;
    try {
      engine = new AllocEngine6({ leaseMgr, config, stats: this.stats, loggerName: 'kea-dhcp6' });
      const id = loadServerDuid(config.serverId, config.dataDirectory);
      serverDuid = id.duid;
      this.log.info(MSG.DHCP6_USING_SERVERID, duidText(serverDuid), id.file);
      const ifaces = section['interfaces-config'];
      if (
        (this.o.sockets ?? true) &&
        (old === null || key(old.services.config.section['interfaces-config']) !== key(ifaces))
      ) {
        old?.sockets?.close();
        sockets = Dhcp6Sockets.open({
          config: parseInterfacesConfig(6, ifaces),
          port: this.o.serverPort || 547,
          onPacket: (data, via, src, srcPort) => this.onDatagram(data, via, src, srcPort),
          ...(this.o.detect ? { detect: this.o.detect } : {}),
        });
      }
    } catch (err) {
      if (!reuseDb) await leaseMgr.close();
      throw new KeaError(KEA_ERR_DHCP6_APPLY, (err as Error).message, { cause: err });
    }
    this.stats.applyConfigDefaults(section);
    await engine.initStatistics();
    for (const t of old?.timers ?? []) clearInterval(t);
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
      },
      sockets,
      timers: this.reclaimTimers(
        engine,
        section['expired-leases-processing'] as Record<string, number> | undefined,
      ),
    };
    if (!reuseDb) await old?.services.leaseMgr.close();
    this.log.info(MSG.DHCP6_CONFIG_COMPLETE, this.describe(config));
    if (!this.started) {
      this.started = true;
      this.log.info(MSG.DHCP6_STARTED, VERSION);
    }
  }

  /** Kea's expired-leases-processing timers (reclaim, then flush of reclaimed leases). */
  private reclaimTimers(engine: AllocEngine6, elp: Record<string, number> | undefined): NodeJS.Timeout[] {
    const n = (k: string, d: number) => (typeof elp?.[k] === 'number' ? elp[k] : d);
    const timers: NodeJS.Timeout[] = [];
    const flushWait = n('flush-reclaimed-timer-wait-time', 25);
    const fail = (err: unknown) =>
      this.log.error(MSG.DHCP6_RECLAIM_EXPIRED_LEASES_FAIL, (err as Error).message);
    const reclaimWait = n('reclaim-timer-wait-time', 10);
    if (reclaimWait > 0) {
      const args = [
        n('max-reclaim-leases', 100),
        n('max-reclaim-time', 250),
        flushWait === 0,
        n('unwarned-reclaim-cycles', 5),
      ] as const;
      timers.push(setInterval(() => engine.reclaimExpiredLeases6(...args).catch(fail), reclaimWait * 1000));
    }
    if (flushWait > 0) {
      const hold = n('hold-reclaimed-time', 3600);
      timers.push(
        setInterval(() => engine.deleteExpiredReclaimedLeases6(hold).catch(fail), flushWait * 1000),
      );
    }
    for (const t of timers) t.unref();
    return timers;
  }

  status(): Record<string, JsonValue> {
    return { 'multi-threading-enabled': false, 'packet-queue-size': 64 };
  }

  async stop(): Promise<void> {
    const rt = this.rt;
    this.rt = null;
    this.state.close();
    if (rt === null) return;
    for (const t of rt.timers) clearInterval(t);
    rt.sockets?.close();
    await rt.services.leaseMgr.close();
  }

  async process(raw: Buffer, ingress: Ingress6): Promise<Outgoing6 | null> {
    const rt = this.rt;
    if (rt === null) throw new KeaError(KEA_ERR_DHCP6_NOT_CONFIGURED, 'kea-dhcp6 has no configuration yet');
    if (!this.state.enabled) {
      this.badLog.debug(DBG.PKT_HANDLING, MSG.DHCP6_PACKET_DROP_DHCP_DISABLED, ingress.remoteAddress);
      return null;
    }
    const ex = new Exchange6(rt.services, raw, ingress);
    try {
      if (!(await admit(ex))) return null;
      const data = await handle(ex);
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
    }
  }

  async inject(raw: Buffer, ingress: Ingress6): Promise<Buffer | null> {
    return (await this.process(raw, ingress))?.data ?? null;
  }

  command(cmd: { command: string; arguments?: JsonValue }): Promise<Answer> {
    return this.o.commands.processText(JSON.stringify(cmd));
  }

  private onDatagram(data: Buffer, via: SocketInfo6, src: string, srcPort: number): void {
    const ingress: Ingress6 = {
      iface: via.iface.name,
      localAddress: formatIPv6(via.localAddress),
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
