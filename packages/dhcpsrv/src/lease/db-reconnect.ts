// Losing a lease or hosts database and getting it back, as Kea 2.2 does for its SQL backends: the
// first query that fails on the connection (not on the SQL) marks the manager or host data source
// unusable and starts the recovery; the server is told at each step (lost, recovered, failed) and decides from on-fail
// whether the service stops meanwhile and whether the process exits when the tries run out.
// Recovery tries at once, then every reconnect-wait-time ms, max-reconnect-tries times.
import { defineMessages, getComponentLogger, getLogger } from '@kea-ts/log';
import { KeaError } from '@kea-ts/util';
import { KEA_ERR_DHCPSRV_DB_UNUSABLE } from '../errors.js';

export type OnFailAction = 'stop-retry-exit' | 'serve-retry-exit' | 'serve-retry-continue';
export const ON_FAIL_ACTIONS: readonly OnFailAction[] = [
  'stop-retry-exit',
  'serve-retry-exit',
  'serve-retry-continue',
];

/** Kea's ReconnectCtl: the recovery parameters of one backend and the tries left. */
export class ReconnectCtl {
  private left: number;

  constructor(
    readonly maxRetries: number,
    /** Milliseconds between two tries. */
    readonly retryInterval: number,
    readonly onFail: OnFailAction,
  ) {
    this.left = maxRetries;
  }

  get retriesLeft(): number {
    return this.left;
  }

  /** Uses up one try; false when it was the last one (Kea counts the immediate try as the first). */
  checkRetries(): boolean {
    if (this.left === 0) return false;
    this.left--;
    return this.left > 0;
  }

  resetRetries(): void {
    this.left = this.maxRetries;
  }

  /** Only stop-retry-exit stops the service while the connection is down. */
  get alterServiceState(): boolean {
    return this.onFail === 'stop-retry-exit';
  }

  get exitOnFailure(): boolean {
    return this.onFail !== 'serve-retry-continue';
  }
}

/** What the server does at each step (Kea's db_lost / db_recovered / db_failed callbacks). */
export interface DbLossHandler {
  /** The connection is down (at each try). False: no reconnect is to be tried. */
  lost(ctl: ReconnectCtl): boolean;
  recovered(ctl: ReconnectCtl): void;
  failed(ctl: ReconnectCtl): void;
  /** The backend is closed (a new configuration replaced it) while its connection was down. */
  abandoned(ctl: ReconnectCtl): void;
}

export const DB_MESSAGES = defineMessages({
  DATABASE_MYSQL_FATAL_ERROR: 'Unrecoverable MySQL error occurred: %1 for <%2>, reason: %3 (error code: %4).',
  DATABASE_PGSQL_FATAL_ERROR:
    'Unrecoverable PostgreSQL error occurred: Statement: <%1>, reason: %2 (error code: %3).',
  DHCPSRV_MYSQL_HOST_DB_RECONNECT_ATTEMPT_FAILED: 'database reconnect failed: %1',
  DHCPSRV_MYSQL_HOST_DB_RECONNECT_ATTEMPT_SCHEDULE: 'scheduling attempt %1 of %2 in %3 milliseconds',
  DHCPSRV_MYSQL_HOST_DB_RECONNECT_FAILED:
    'maximum number of database reconnect attempts: %1, has been exhausted without success',
  DHCPSRV_MYSQL_LEASE_DB_RECONNECT_ATTEMPT_FAILED: 'database reconnect failed: %1',
  DHCPSRV_MYSQL_LEASE_DB_RECONNECT_ATTEMPT_SCHEDULE: 'scheduling attempt %1 of %2 in %3 milliseconds',
  DHCPSRV_MYSQL_LEASE_DB_RECONNECT_FAILED:
    'maximum number of database reconnect attempts: %1, has been exhausted without success',
  DHCPSRV_MYSQL_NO_TLS: 'TLS was required but is not used',
  DHCPSRV_MYSQL_TLS_CIPHER: 'TLS cipher: %1',
  DHCPSRV_PGSQL_HOST_DB_RECONNECT_ATTEMPT_FAILED: 'database reconnect failed: %1',
  DHCPSRV_PGSQL_HOST_DB_RECONNECT_ATTEMPT_SCHEDULE: 'scheduling attempt %1 of %2 in %3 milliseconds',
  DHCPSRV_PGSQL_HOST_DB_RECONNECT_FAILED:
    'maximum number of database reconnect attempts: %1, has been exhausted without success',
  DHCPSRV_PGSQL_LEASE_DB_RECONNECT_ATTEMPT_FAILED: 'database reconnect failed: %1',
  DHCPSRV_PGSQL_LEASE_DB_RECONNECT_ATTEMPT_SCHEDULE: 'scheduling attempt %1 of %2 in %3 milliseconds',
  DHCPSRV_PGSQL_LEASE_DB_RECONNECT_FAILED:
    'maximum number of database reconnect attempts: %1, has been exhausted without success',
  // Kea 2.2 logs this (with the redacted access string) when it opens a PostgreSQL database with TLS keys.
  DHCPSRV_PGSQL_TLS_SUPPORT: 'Attempt to configure TLS: %1',
  // Ours: Kea 2.2 passes no TLS keys to libpq and so has no message for a PostgreSQL connection's
  // cipher or for one in clear text; these two mirror DHCPSRV_MYSQL_TLS_CIPHER / DHCPSRV_MYSQL_NO_TLS.
  DHCPSRV_PGSQL_NO_TLS: 'TLS was required but is not used',
  DHCPSRV_PGSQL_TLS_CIPHER: 'TLS cipher: %1',
});

/** Kea's DHCPSRV_DBG_TRACE. */
const DBG_TRACE = 40;

/**
 * For each new MySQL connection of a backend configured with TLS keys: the cipher it uses (debug),
 * or an error when the connection is in clear text after all (Kea logs both on its connection).
 */
export function reportMysqlTls(cipher: string | null): void {
  reportTls('MYSQL', cipher);
}

/** The same for a PostgreSQL connection (our own message IDs: see DB_MESSAGES). */
export function reportPgsqlTls(cipher: string | null): void {
  reportTls('PGSQL', cipher);
}

function reportTls(kind: 'MYSQL' | 'PGSQL', cipher: string | null): void {
  const log = getComponentLogger('dhcpsrv');
  if (cipher === null) log.error(DB_MESSAGES[`DHCPSRV_${kind}_NO_TLS`]);
  else if (log.isDebugEnabled(DBG_TRACE))
    log.debug(DBG_TRACE, DB_MESSAGES[`DHCPSRV_${kind}_TLS_CIPHER`], cipher);
}

let pgsqlTlsReported = false;

/**
 * The first time a PostgreSQL database is opened with TLS keys: Kea's info line with the access
 * string (Kea logs it once per process, whichever database comes first).
 */
export function reportPgsqlTlsConfigured(accessString: string): void {
  if (pgsqlTlsReported) return;
  pgsqlTlsReported = true;
  getComponentLogger('dhcpsrv').info(DB_MESSAGES.DHCPSRV_PGSQL_TLS_SUPPORT, accessString);
}

/** The error every query gets while the connection is known to be down (Kea's DbConnectionUnusable). */
export function dbUnusable(why = 'Attempt to use an invalid connection'): KeaError {
  return new KeaError(KEA_ERR_DHCPSRV_DB_UNUSABLE, why);
}

export function isDbUnusable(err: unknown): boolean {
  return err instanceof KeaError && err.code === KEA_ERR_DHCPSRV_DB_UNUSABLE;
}

/** Kea's connection recovery keys of a database map. */
export interface DbReconnectParams {
  'max-reconnect-tries'?: number;
  /** Milliseconds. */
  'reconnect-wait-time'?: number;
  'on-fail'?: OnFailAction;
}

/** Which store a recovery is for: its message IDs are DHCPSRV_<backend>_<store>_DB_RECONNECT_*. */
export type DbStore = 'LEASE' | 'HOST';

/**
 * The recovery loop of one lease manager or host data source. `reopen` checks that the database answers again (and
 * has the schema this backend speaks); the pool then makes fresh connections by itself.
 */
export class DbRecovery {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private closed = false;
  /** The server was told of the current loss and not yet of its end. */
  private told = false;
  private readonly log;
  private readonly prefix: string;

  constructor(
    readonly ctl: ReconnectCtl,
    backend: 'postgresql' | 'mysql',
    family: 4 | 6,
    private readonly reopen: () => Promise<void>,
    private readonly done: () => void,
    private readonly handler: DbLossHandler,
    store: DbStore = 'LEASE',
  ) {
    this.log = getLogger(`kea-dhcp${family}.dhcpsrv`);
    this.prefix = `DHCPSRV_${backend === 'postgresql' ? 'PGSQL' : 'MYSQL'}_${store}_DB`;
  }

  /** The connection was found down: start recovering, unless a recovery already runs. */
  start(): void {
    if (this.running || this.closed) return;
    this.running = true;
    setImmediate(() => void this.attempt());
  }

  close(): void {
    if (this.told && !this.closed) this.handler.abandoned(this.ctl);
    this.closed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private async attempt(): Promise<void> {
    this.timer = null;
    if (this.closed) return;
    const ctl = this.ctl;
    // No reconnect configured: the connection stays unusable (the server has exited unless
    // on-fail is serve-retry-continue).
    this.told = true;
    if (!this.handler.lost(ctl)) {
      this.running = false;
      return;
    }
    try {
      await this.reopen();
    } catch (err) {
      if (this.closed) return;
      this.log.error(`${this.prefix}_RECONNECT_ATTEMPT_FAILED`, (err as Error).message);
      if (!ctl.checkRetries()) {
        this.log.error(`${this.prefix}_RECONNECT_FAILED`, ctl.maxRetries);
        this.running = false;
        this.handler.failed(ctl);
        return;
      }
      this.log.info(
        `${this.prefix}_RECONNECT_ATTEMPT_SCHEDULE`,
        ctl.maxRetries - ctl.retriesLeft + 1,
        ctl.maxRetries,
        ctl.retryInterval,
      );
      // setTimeout takes at most 2^31-1 ms.
      this.timer = setTimeout(() => void this.attempt(), Math.min(ctl.retryInterval, 0x7fffffff));
      return;
    }
    if (this.closed) return;
    this.running = false;
    this.told = false;
    this.done();
    this.handler.recovered(ctl);
  }
}

/**
 * The connection state of one SQL lease manager or host data source: once watched, a driver error
 * that is a connection loss (`loss` tells which, with the log arguments of the backend's fatal-error
 * message) marks it down, logs Kea's fatal error once and starts the recovery; until the recovery
 * finds the database back every query fails at once with KEA_ERR_DHCPSRV_DB_UNUSABLE.
 */
export class ConnectionWatch {
  private down = false;
  private recovery: DbRecovery | null = null;
  private family: 4 | 6 = 4;

  constructor(
    private readonly backend: 'postgresql' | 'mysql',
    private readonly store: DbStore,
    private readonly loss: (err: unknown) => unknown[] | null,
  ) {}

  /** True while the connection is known to be down. */
  get lost(): boolean {
    return this.down;
  }

  /**
   * Watches with Kea's recovery parameters, telling `handler` at each step; `reopen` checks that the
   * database answers again. A second call replaces them (the retry count starts afresh).
   */
  watch(params: DbReconnectParams, handler: DbLossHandler, family: 4 | 6, reopen: () => Promise<void>): void {
    this.recovery?.close();
    this.family = family;
    const ctl = new ReconnectCtl(
      params['max-reconnect-tries'] ?? 0,
      params['reconnect-wait-time'] ?? 0,
      params['on-fail'] ?? 'stop-retry-exit',
    );
    const done = () => {
      this.down = false;
    };
    this.recovery = new DbRecovery(ctl, this.backend, family, reopen, done, handler, this.store);
  }

  /**
   * For a driver call's rejection: a connection loss (first one: logged, recovery started) becomes
   * KEA_ERR_DHCPSRV_DB_UNUSABLE; any other error passes unchanged.
   */
  readonly failed = (err: unknown): never => {
    if (this.recovery === null || isDbUnusable(err)) throw err;
    const report = this.loss(err);
    if (report === null) throw err;
    if (!this.down) {
      this.down = true;
      getLogger(`kea-dhcp${this.family}.database`).error(
        this.backend === 'postgresql'
          ? DB_MESSAGES.DATABASE_PGSQL_FATAL_ERROR
          : DB_MESSAGES.DATABASE_MYSQL_FATAL_ERROR,
        ...report,
      );
      this.recovery.start();
    }
    throw dbUnusable('fatal database error or connectivity lost');
  };

  close(): void {
    this.recovery?.close();
    this.recovery = null;
  }
}
