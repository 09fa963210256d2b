// The valid corpus of the config6 capture: which of Kea's kea6 examples are used and how they are adapted
// so a real kea-dhcp6 can run them without touching the host (no interfaces, no lease file, logs to
// stdout, server DUID kept in a temp data-directory), plus configs of our own that exercise inheritance
// (global > shared network > subnet), subnet ids, pools and pd-pools, reservations, options, server-id.
import { OWN_SCOPED_CASES } from './own-cases.mjs';
import { OWN_GLOBAL_CASES } from './own-globals-cases.mjs';

export const OWN_CASES = [...OWN_SCOPED_CASES, ...OWN_GLOBAL_CASES];
export const SOCKET = '/tmp/kea-ts-config6/kea6.sock';
export const DATA_DIR = '/tmp/kea-ts-config6/data';

const LATER_KEYS = new Set(['client-class', 'client-classes', 'require-client-classes']);

/** Drops the class keys (classification lands in a later issue) wherever they appear. */
function dropClasses(v) {
  if (Array.isArray(v)) return v.map(dropClasses);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.entries(v)
      .filter(([k]) => !LATER_KEYS.has(k))
      .map(([k, x]) => [k, dropClasses(x)]),
  );
}

export function base(config) {
  const d = config.Dhcp6;
  d['interfaces-config'] = { ...(d['interfaces-config'] ?? {}), interfaces: [] };
  d['lease-database'] = { ...(d['lease-database'] ?? { type: 'memfile' }), persist: false };
  d['control-socket'] = { 'socket-type': 'unix', 'socket-name': SOCKET };
  d['data-directory'] = DATA_DIR;
  for (const l of d.loggers ?? []) for (const o of l.output_options ?? []) o.output = 'stdout';
  // Kea refuses an interface that the host lacks: the examples' eth0/eth1 become the loopback.
  const scoped = [...(d.subnet6 ?? []), ...(d['shared-networks'] ?? [])];
  for (const n of d['shared-networks'] ?? []) scoped.push(...(n.subnet6 ?? []));
  for (const s of scoped) if (s.interface !== undefined) s.interface = 'lo';
  return config;
}

const classless = (config) => base(dropClasses(config));

/** all-keys.json without the later issues' features (SQL, config backend, DDNS, 4o6, hooks, classes). */
function allKeys(config) {
  const d = dropClasses(config).Dhcp6;
  delete d['hosts-databases'];
  delete d['config-control'];
  delete d['hooks-libraries'];
  d['dhcp4o6-port'] = 0;
  d['early-global-reservations-lookup'] = false;
  d['dhcp-ddns']['enable-updates'] = false;
  d['lease-database'] = { type: 'memfile', 'lfc-interval': 3600 };
  // The example's server-id asks for a DUID file in /usr/local/var/lib/kea; keep it in the temp dir.
  d['server-id'].persist = false;
  return base({ Dhcp6: d });
}

/** [example name, adaptation]: only examples whose features are all supported, or made so. */
export const EXAMPLES = [
  ['several-subnets', base],
  ['simple', base],
  ['reservations', classless],
  ['shared-network', base],
  ['multiple-options', base],
  [
    'all-options',
    (c) => {
      // Kea 2.2's config-get never answers (the daemon dies) once option 45 client-data is configured.
      c.Dhcp6['option-data'] = c.Dhcp6['option-data'].filter((o) => o.name !== 'client-data');
      return base(c);
    },
  ],
  ['leases-expiration', base],
  ['global-reservations', classless],
  ['advanced', base],
  ['duid', base],
  ['stateless', base],
  ['tee-times', base],
  ['softwire46', base],
  [
    'comments',
    (c) => {
      // The example's logger lacks the severity Kea 2.2 requires.
      for (const l of c.Dhcp6.loggers) l.severity = 'INFO';
      return classless(c);
    },
  ],
  [
    'with-ddns',
    (c) => {
      c.Dhcp6['dhcp-ddns']['enable-updates'] = false;
      return base(c);
    },
  ],
  [
    'dhcpv4-over-dhcpv6',
    (c) => {
      c.Dhcp6['dhcp4o6-port'] = 0;
      return base(c);
    },
  ],
  ['all-keys', allKeys],
];
