// The real Kea 2.2 daemons as oracle: `kea-dhcp4 -t` / `kea-dhcp6 -t` (config check only: no sockets,
// no files written besides our temporary config) accept or refuse option-def and option-data entries
// exactly where our registry does, with the same refusal text, and resolve vendor-4491 per universe.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import {
  DhcpConfigError,
  defineOption,
  type OptionDataType,
  standardRegistry,
  type Universe,
} from '../../src/index.js';

const BIN: Record<Universe, string> = { 4: '/usr/sbin/kea-dhcp4', 6: '/usr/sbin/kea-dhcp6' };
const missing = !existsSync(BIN[4]) || !existsSync(BIN[6]);

interface DefEntry {
  name: string;
  code: number;
  type: OptionDataType;
  space: string;
  encapsulate?: string;
}

const dir = missing ? '' : mkdtempSync(join(tmpdir(), 'kea-defs-'));
t.teardown(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs the daemon's config check; returns '' when accepted, else the error text. */
function keaCheck(universe: Universe, body: object): string {
  const file = join(dir, `check${universe}.json`);
  writeFileSync(file, JSON.stringify({ [`Dhcp${universe}`]: body }));
  const run = spawnSync(BIN[universe], ['-t', file], { encoding: 'utf8', timeout: 10_000 });
  if (run.status === 0) return '';
  const line = `${run.stdout}\n${run.stderr}`.split('\n').find((l) => l.startsWith('Error encountered: '));
  return (line ?? `exit ${run.status}`)
    .replace('Error encountered: ', '')
    .replace(/ \([^()]*:\d+:\d+\)$/, '');
}

/** Our verdict on the same option-def list: '' when accepted, else the DhcpConfigError text. */
function ourCheck(universe: Universe, defs: DefEntry[]): string {
  try {
    standardRegistry(universe).extend(defs.map((d) => defineOption(d.space, d)));
    return '';
  } catch (err) {
    if (err instanceof DhcpConfigError) return err.message;
    throw err;
  }
}

const DEF_CASES: [Universe, DefEntry[]][] = [
  [4, [{ name: 'my-routers', code: 3, type: 'uint8', space: 'dhcp4' }]],
  [4, [{ name: 'routers', code: 200, type: 'uint8', space: 'dhcp4' }]],
  [4, [{ name: 'vendor-encapsulated-options', code: 43, type: 'empty', space: 'dhcp4', encapsulate: 'pxe' }]],
  [4, [{ name: 'x', code: 1, type: 'uint8', space: 'vendor-4491' }]],
  [4, [{ name: 'x', code: 1, type: 'uint8', space: 'docsis3-v4' }]],
  [4, [{ name: 'x', code: 1, type: 'uint8', space: 'dhcp6' }]],
  [4, [{ name: 'x', code: 1, type: 'uint8', space: 'dhcp-agent-options-space' }]],
  [
    4,
    [
      { name: 'a', code: 1, type: 'uint8', space: 'mine' },
      { name: 'b', code: 1, type: 'uint8', space: 'mine' },
    ],
  ],
  [
    4,
    [
      { name: 'a', code: 1, type: 'uint8', space: 'mine' },
      { name: 'a', code: 2, type: 'uint8', space: 'mine' },
    ],
  ],
  [6, [{ name: 'x', code: 93, type: 'uint8', space: 's46-rule-options' }]],
  [6, [{ name: 'x', code: 60000, type: 'uint8', space: '4o6' }]],
  [6, [{ name: 'x', code: 60000, type: 'uint8', space: 'vendor-2495' }]],
  [6, [{ name: 'x', code: 1, type: 'uint8', space: 'docsis3-v6' }]],
  [6, [{ name: 'clientid', code: 200, type: 'uint8', space: 'dhcp6' }]],
  [6, [{ name: 's46-priority', code: 111, type: 'uint16', space: 'dhcp6' }]],
  [6, [{ name: 'x', code: 1, type: 'uint8', space: 'dhcp4' }]],
];

t.test(
  'option-def verdicts match kea-dhcp4/kea-dhcp6 -t',
  { skip: missing && 'Kea 2.2 not installed' },
  (t) => {
    for (const [universe, defs] of DEF_CASES) {
      const label = `v${universe} ${defs.map((d) => `${d.space}.${d.name}/${d.code}`).join(', ')}`;
      const kea = keaCheck(universe, { 'option-def': defs });
      t.equal(ourCheck(universe, defs), kea, label);
    }
    t.end();
  },
);

t.test(
  'vendor-4491 names resolve per universe, as in Kea',
  { skip: missing && 'Kea 2.2 not installed' },
  (t) => {
    const cases: [Universe, string, string][] = [
      [4, 'tftp-servers', '192.0.2.1'],
      [4, 'device-type', 'abc'],
      [6, 'device-type', 'abc'],
      [6, 'tftp-servers', '2001:db8::1'],
      [6, 'cmts-cm-mac', '000102030405'],
      [4, 'cmts-cm-mac', '000102030405'],
    ];
    for (const [universe, name, data] of cases) {
      const accepted = keaCheck(universe, { 'option-data': [{ space: 'vendor-4491', name, data }] }) === '';
      const known = standardRegistry(universe).getByName('vendor-4491', name) !== undefined;
      t.equal(known, accepted, `v${universe} vendor-4491.${name}`);
    }
    t.end();
  },
);
