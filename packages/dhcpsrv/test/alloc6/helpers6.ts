// Test rig for the v6 engine: a config checked by checkDhcp6Config, a memfile persist:false lease
// manager, a StatsMgr, a settable clock, and a builder for one-IA client contexts.
import { configureLoggers, initLogging } from '@kea-ts/log';
import { StatsMgr } from '@kea-ts/stats';
import { formatIPv6, parseIPv6 } from '@kea-ts/util';
import {
  AllocEngine6,
  type ClientContext6,
  checkDhcp6Config,
  type Dhcp6Config,
  type Lease6,
  MemfileLeaseMgr6,
  type Subnet6,
} from '../../src/index.js';

export const T0 = 1_700_000_000;

initLogging('kea-dhcp6');
configureLoggers([{ name: 'kea-dhcp6', severity: 'FATAL' }]);

export interface Rig6 {
  engine: AllocEngine6;
  leaseMgr: MemfileLeaseMgr6;
  stats: StatsMgr;
  config: Dhcp6Config;
  clock: { now: number };
  subnet(id: number): Subnet6;
  ctx(client: number, fields?: Partial<ClientContext6> & { subnetId?: number }): ClientContext6;
  stat(name: string): number | undefined;
}

export function check6(dhcp6: Record<string, unknown>): Dhcp6Config {
  return checkDhcp6Config(dhcp6 as never, { file: 'alloc6-test.json', positions: new Map() });
}

export async function rig6(dhcp6: Record<string, unknown>): Promise<Rig6> {
  const config = check6(dhcp6);
  const clock = { now: T0 };
  const leaseMgr = await MemfileLeaseMgr6.open({ persist: false, clock: () => clock.now });
  const stats = new StatsMgr();
  const engine = new AllocEngine6({
    leaseMgr,
    config,
    stats,
    loggerName: 'kea-dhcp6',
    clock: () => clock.now,
  });
  await engine.initStatistics();
  const r: Rig6 = {
    engine,
    leaseMgr,
    stats,
    config,
    clock,
    subnet: (id) => r.engine.config.lookups.subnetById(id)!,
    ctx: (client, fields = {}) => {
      const { subnetId, ...rest } = fields;
      return {
        subnet: r.subnet(subnetId ?? r.engine.config.subnets[0]!.id),
        duid: duidOf(client),
        iaid: 1,
        type: 0,
        hints: [],
        hwaddr: null,
        hostname: '',
        fqdnFwd: false,
        fqdnRev: false,
        fakeAllocation: false,
        now: clock.now,
        ...rest,
      };
    },
    stat: (name) => stats.getValue(name) as number | undefined,
  };
  return r;
}

/** DUID-LL style identifiers numbered by test: 00:03:00:01 then a 6-byte number. */
export function duidOf(n: number): Buffer {
  const b = Buffer.alloc(10);
  b.writeUInt32BE(0x00030001, 0);
  b.writeUInt32BE(n >>> 0, 6);
  return b;
}

export const ip6 = parseIPv6;
export const txt = (l: Lease6 | undefined | null) => (l ? `${formatIPv6(l.address)}/${l.prefixLen}` : 'none');
