// The parts of config-get's answer that Dhcp4 and Dhcp6 print the same way: option-data grouped by space
// (csv text or upper-case hex), option-def, loggers, and the global sub-objects with Kea 2.2's defaults
// (interfaces-config, lease-database, dhcp-ddns, expired-leases-processing, multi-threading,
// dhcp-queue-control, sanity-checks, hooks-libraries, control-socket, user-context).
import type { JsonValue } from '@kea-ts/cc';
import type { OptionDefinition } from '@kea-ts/dhcp';
import { toLoggerConfigs } from '@kea-ts/process';
import { formatHex } from '@kea-ts/util';
import type { ClassGuard } from '../cfg/classes.js';
import type { CfgOption } from '../cfg/types.js';
import { hostDatabases } from '../host/host-mgr.js';
import { withUserContext } from './check-options.js';
import { defaultSenderIp } from './dhcp-ddns.js';

export type Obj = { [k: string]: JsonValue };

export function uc(o: Obj, userContext: Record<string, unknown> | undefined): Obj {
  if (userContext) o['user-context'] = userContext as JsonValue;
  return o;
}

function bySpace<T extends { space: string }>(list: readonly T[]): T[] {
  return [...list]
    .map((x, i) => ({ x, i }))
    .sort((a, b) => (a.x.space < b.x.space ? -1 : a.x.space > b.x.space ? 1 : a.i - b.i))
    .map((e) => e.x);
}

export function unparseOptions(options: readonly CfgOption[]): JsonValue {
  return bySpace(options).map((o) => {
    const csv = o.csvFormat && o.data !== '' && o.def !== undefined;
    const out: Obj = {
      'always-send': o.alwaysSend,
      code: o.code,
      'csv-format': csv,
      data: csv ? o.data : formatHex(o.payload).toUpperCase(),
      space: o.space,
    };
    if (o.def) out.name = o.def.name;
    return uc(out, o.userContext);
  });
}

/** A sub-object as given, its comment folded into user-context as Kea does. */
/** client-class and require-client-classes of a scope, as Kea prints them: only when set. */
export function guardOut(g: ClassGuard): Obj {
  const out: Obj = {};
  if (g.clientClass !== undefined) out['client-class'] = g.clientClass;
  if (g.requireClasses.length > 0) out['require-client-classes'] = [...g.requireClasses];
  return out;
}

export function withUc<T extends object>(o: T): Obj {
  const { comment: _c, 'user-context': _u, ...rest } = o as Obj & { comment?: string };
  const ctx = withUserContext(o as { comment?: string; 'user-context'?: Record<string, unknown> });
  return ctx ? { ...(rest as Obj), 'user-context': ctx as JsonValue } : (rest as Obj);
}

type LoggerEntries = Parameters<typeof toLoggerConfigs>[0];

function unparseLoggers(entries: LoggerEntries): JsonValue {
  return toLoggerConfigs(entries).map((l, i) => {
    const out: Obj = {
      debuglevel: l.debuglevel ?? 0,
      name: l.name,
      output_options: (l.output_options ?? []).map((o) => {
        const opt: Obj = { flush: o.flush ?? true, output: o.output, pattern: o.pattern ?? '' };
        // Kea shows file rotation figures only for file outputs.
        if (!['stdout', 'stderr'].includes(o.output) && !o.output.startsWith('syslog')) {
          opt.maxsize = o.maxsize ?? 10240000;
          opt.maxver = o.maxver ?? 1;
        }
        return opt;
      }),
      severity: l.severity ?? 'INFO',
    };
    const given = entries?.[i] as {
      comment?: string;
      'user-context'?: Record<string, unknown>;
      output_options?: unknown;
    };
    // Kea (both daemons share its logging library) prints no output_options for a logger given none.
    if (given.output_options === undefined) delete out.output_options;
    const ctx = withUserContext(given);
    if (ctx) out['user-context'] = ctx as JsonValue;
    return out;
  });
}

export type UserDef = { def: OptionDefinition; userContext?: Record<string, unknown> };

export function unparseOptionDefs(userDefs: readonly UserDef[]): JsonValue {
  return [...userDefs]
    .map((u, i) => ({ u, i }))
    .sort((a, b) => (a.u.def.space < b.u.def.space ? -1 : a.u.def.space > b.u.def.space ? 1 : a.i - b.i))
    .map(({ u: { def, userContext } }) => {
      const d: Obj = {
        array: def.array,
        code: def.code,
        encapsulate: def.encapsulate,
        name: def.name,
        'record-types': def.recordTypes.join(', '),
        space: def.space,
        type: def.type,
      };
      if (userContext) d['user-context'] = userContext as JsonValue;
      return d;
    });
}

/** The global keys both daemons share, as a structural view of either checked section. */
export interface SharedSection {
  'interfaces-config'?: object | undefined;
  'lease-database'?: object | undefined;
  'hosts-database'?: object | undefined;
  'hosts-databases'?: readonly object[] | undefined;
  'dhcp-ddns'?:
    | {
        'enable-updates': boolean;
        comment?: string | undefined;
        'user-context'?: Record<string, unknown> | undefined;
        'max-queue-size'?: number | undefined;
        'ncr-format'?: string | undefined;
        'ncr-protocol'?: string | undefined;
        'sender-ip'?: string | undefined;
        'sender-port'?: number | undefined;
        'server-ip'?: string | undefined;
        'server-port'?: number | undefined;
      }
    | undefined;
  'expired-leases-processing'?: object | undefined;
  'multi-threading'?: { 'enable-multi-threading'?: boolean | undefined } | undefined;
  'dhcp-queue-control'?: object | undefined;
  'sanity-checks'?: object | undefined;
  'hooks-libraries'?: readonly object[] | undefined;
  'control-socket'?: object | undefined;
  loggers?: LoggerEntries | undefined;
  comment?: string | undefined;
  'user-context'?: Record<string, unknown> | undefined;
}

export function unparseSharedGlobals(s: SharedSection, userDefs: readonly UserDef[], queueType: string): Obj {
  const out: Obj = {};
  out['option-def'] = unparseOptionDefs(userDefs);
  const ifc = s['interfaces-config'];
  out['interfaces-config'] = ifc
    ? withUc({ interfaces: [], 're-detect': true, ...ifc })
    : { interfaces: [], 're-detect': false };
  out['lease-database'] = withUc(s['lease-database'] ?? { type: 'memfile' });
  // Kea 2.2 lists the host databases as hosts-databases, one or several, and omits the key for none.
  const hostDbs = hostDatabases(s);
  if (hostDbs.length > 0) out['hosts-databases'] = hostDbs.map((d) => withUc(d));
  const ddns = s['dhcp-ddns'];
  out['dhcp-ddns'] = uc(
    {
      'enable-updates': ddns?.['enable-updates'] ?? false,
      'max-queue-size': ddns?.['max-queue-size'] ?? 1024,
      'ncr-format': ddns?.['ncr-format'] ?? 'JSON',
      'ncr-protocol': ddns?.['ncr-protocol'] ?? 'UDP',
      'sender-ip': ddns?.['sender-ip'] ?? defaultSenderIp(ddns?.['server-ip'] ?? '127.0.0.1'),
      'sender-port': ddns?.['sender-port'] ?? 0,
      'server-ip': ddns?.['server-ip'] ?? '127.0.0.1',
      'server-port': ddns?.['server-port'] ?? 53001,
    },
    ddns ? withUserContext(ddns) : undefined,
  );
  out['expired-leases-processing'] = withUc({
    'flush-reclaimed-timer-wait-time': 25,
    'hold-reclaimed-time': 3600,
    'max-reclaim-leases': 100,
    'max-reclaim-time': 250,
    'reclaim-timer-wait-time': 10,
    'unwarned-reclaim-cycles': 5,
    ...(s['expired-leases-processing'] ?? {}),
  });
  const mt = {
    'enable-multi-threading': false,
    'packet-queue-size': 64,
    'thread-pool-size': 0,
    ...(s['multi-threading'] ?? {}),
  };
  out['multi-threading'] = withUc(mt);
  // Kea 2.2 turns the packet queue off when multi-threading is on.
  const q = withUc({
    capacity: 64,
    'enable-queue': false,
    'queue-type': queueType,
    ...(s['dhcp-queue-control'] ?? {}),
  });
  if (mt['enable-multi-threading']) q['enable-queue'] = false;
  out['dhcp-queue-control'] = q;
  out['sanity-checks'] = withUc({ 'lease-checks': 'warn', ...(s['sanity-checks'] ?? {}) });
  out['hooks-libraries'] = (s['hooks-libraries'] ?? []).map((h) => withUc(h));
  if (s['control-socket']) out['control-socket'] = withUc(s['control-socket']);
  if (s.loggers) out.loggers = unparseLoggers(s.loggers);
  const ctx = withUserContext(s);
  if (ctx) out['user-context'] = ctx as JsonValue;
  return out;
}
