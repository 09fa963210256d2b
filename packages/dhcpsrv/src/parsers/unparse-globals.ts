// The global part of config-get's Dhcp4 map: Kea 2.2's defaults for every key it always shows, the
// values set, the sub-objects with their defaults (interfaces-config, dhcp-ddns, expired-leases-
// processing, dhcp-queue-control, multi-threading, sanity-checks), loggers as Kea prints them.
import type { JsonValue } from '@kea-ts/cc';
import { toLoggerConfigs } from '@kea-ts/process';
import type { Dhcp4Config } from '../cfg/types.js';
import { withUserContext } from './check-options.js';

type Obj = { [k: string]: JsonValue };

const GLOBAL_DEFAULTS: Obj = {
  authoritative: false,
  'boot-file-name': '',
  'calculate-tee-times': false,
  'ddns-generated-prefix': 'myhost',
  'ddns-override-client-update': false,
  'ddns-override-no-update': false,
  'ddns-qualifying-suffix': '',
  'ddns-replace-client-name': 'never',
  'ddns-send-updates': true,
  'ddns-update-on-renew': false,
  'ddns-use-conflict-resolution': true,
  'decline-probation-period': 86400,
  'dhcp4o6-port': 0,
  'early-global-reservations-lookup': false,
  'echo-client-id': true,
  'hooks-libraries': [],
  'host-reservation-identifiers': ['hw-address', 'duid', 'circuit-id', 'client-id'],
  'hostname-char-replacement': '',
  'hostname-char-set': '[^A-Za-z0-9.-]',
  'ip-reservations-unique': true,
  'match-client-id': true,
  'next-server': '0.0.0.0',
  'option-def': [],
  'parked-packet-limit': 256,
  'reservations-global': false,
  'reservations-in-subnet': true,
  'reservations-lookup-first': false,
  'reservations-out-of-pool': false,
  'server-hostname': '',
  'server-tag': '',
  'statistic-default-sample-age': 0,
  'statistic-default-sample-count': 20,
  'store-extended-info': false,
  't1-percent': 0.5,
  't2-percent': 0.875,
  'valid-lifetime': 7200,
};

// Keys copied as given (after the defaults): the plain global scalars and lists.
const PLAIN = [
  'decline-probation-period',
  'dhcp4o6-port',
  'early-global-reservations-lookup',
  'echo-client-id',
  'host-reservation-identifiers',
  'ip-reservations-unique',
  'parked-packet-limit',
  'reservations-lookup-first',
  'server-tag',
  'statistic-default-sample-age',
  'statistic-default-sample-count',
] as const;

function withUc<T extends object>(o: T): Obj {
  const { comment: _c, 'user-context': _u, ...rest } = o as Obj & { comment?: string };
  const ctx = withUserContext(o as { comment?: string; 'user-context'?: Record<string, unknown> });
  return ctx ? { ...(rest as Obj), 'user-context': ctx as JsonValue } : (rest as Obj);
}

function unparseLoggers(config: Dhcp4Config): JsonValue {
  const entries = config.section.loggers ?? [];
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
    const ctx = withUserContext(entries[i]!);
    if (ctx) out['user-context'] = ctx as JsonValue;
    return out;
  });
}

export function unparseGlobals(config: Dhcp4Config): Obj {
  const s = config.section;
  const out: Obj = { ...GLOBAL_DEFAULTS };
  for (const [k, v] of Object.entries(config.explicit)) if (v !== undefined) out[k] = v as JsonValue;
  for (const k of PLAIN) if (s[k] !== undefined) out[k] = s[k] as JsonValue;
  out['option-def'] = [...config.userDefs]
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
  const ifc = s['interfaces-config'];
  out['interfaces-config'] = ifc
    ? withUc({ interfaces: [], 're-detect': true, ...ifc })
    : { interfaces: [], 're-detect': false };
  out['lease-database'] = withUc(s['lease-database'] ?? { type: 'memfile' });
  const ddns = s['dhcp-ddns'];
  out['dhcp-ddns'] = {
    'enable-updates': ddns?.['enable-updates'] ?? false,
    'max-queue-size': ddns?.['max-queue-size'] ?? 1024,
    'ncr-format': ddns?.['ncr-format'] ?? 'JSON',
    'ncr-protocol': ddns?.['ncr-protocol'] ?? 'UDP',
    'sender-ip': ddns?.['sender-ip'] ?? '0.0.0.0',
    'sender-port': ddns?.['sender-port'] ?? 0,
    'server-ip': ddns?.['server-ip'] ?? '127.0.0.1',
    'server-port': ddns?.['server-port'] ?? 53001,
  };
  const elp = s['expired-leases-processing'] ?? {};
  out['expired-leases-processing'] = withUc({
    'flush-reclaimed-timer-wait-time': 25,
    'hold-reclaimed-time': 3600,
    'max-reclaim-leases': 100,
    'max-reclaim-time': 250,
    'reclaim-timer-wait-time': 10,
    'unwarned-reclaim-cycles': 5,
    ...elp,
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
    'queue-type': 'kea-ring4',
    ...(s['dhcp-queue-control'] ?? {}),
  });
  if (mt['enable-multi-threading']) q['enable-queue'] = false;
  out['dhcp-queue-control'] = q;
  out['sanity-checks'] = withUc({ 'lease-checks': 'warn', ...(s['sanity-checks'] ?? {}) });
  out['hooks-libraries'] = (s['hooks-libraries'] ?? []).map((h) => withUc(h));
  if (s['control-socket']) out['control-socket'] = withUc(s['control-socket']);
  if (s.loggers) out.loggers = unparseLoggers(config);
  const ctx = withUserContext(s);
  if (ctx) out['user-context'] = ctx as JsonValue;
  return out;
}
