// Test rig for the v4 engine: a config checked by checkDhcp4Config, a memfile persist:false lease
// manager, a StatsMgr, a settable clock, and a builder for client contexts.
import { configureLoggers, initLogging } from '@kea-ts/log';
import { StatsMgr } from '@kea-ts/stats';
import { parseIPv4 } from '@kea-ts/util';
import {
  AllocEngine4,
  type ClientContext4,
  checkDhcp4Config,
  type Dhcp4Config,
  MemfileLeaseMgr4,
  type Subnet4,
} from '../../src/index.js';

export const T0 = 1_700_000_000;

// Allocation failures warn by design; tests that look at messages configure their own loggers.
initLogging('kea-dhcp4');
configureLoggers([{ name: 'kea-dhcp4', severity: 'FATAL' }]);

export interface Rig {
  engine: AllocEngine4;
  leaseMgr: MemfileLeaseMgr4;
  stats: StatsMgr;
  config: Dhcp4Config;
  clock: { now: number };
  subnet(id: number): Subnet4;
  ctx(mac: number, fields?: Partial<ClientContext4> & { subnetId?: number }): ClientContext4;
  stat(name: string): number | undefined;
}

export function check(dhcp4: Record<string, unknown>): Dhcp4Config {
  return checkDhcp4Config(dhcp4 as never, { file: 'alloc-test.json', positions: new Map() });
}

export async function rig(dhcp4: Record<string, unknown>): Promise<Rig> {
  const config = check(dhcp4);
  const clock = { now: T0 };
  const leaseMgr = await MemfileLeaseMgr4.open({ persist: false, clock: () => clock.now });
  const stats = new StatsMgr();
  const engine = new AllocEngine4({
    leaseMgr,
    config,
    stats,
    loggerName: 'kea-dhcp4',
    clock: () => clock.now,
  });
  await engine.initStatistics();
  const r: Rig = {
    engine,
    leaseMgr,
    stats,
    config,
    clock,
    subnet: (id) => r.engine.config.lookups.subnetById(id)!,
    ctx: (mac, fields = {}) => {
      const { subnetId, ...rest } = fields;
      return {
        subnet: r.subnet(subnetId ?? r.engine.config.subnets[0]!.id),
        hwaddr: macOf(mac),
        htype: 1,
        clientId: null,
        requestedAddress: null,
        hostname: '',
        fqdnFwd: false,
        fqdnRev: false,
        fakeAllocation: false,
        validLifetimeHint: null,
        now: clock.now,
        ...rest,
      };
    },
    stat: (name) => stats.getValue(name) as number | undefined,
  };
  return r;
}

/** 00:00:00:00:xx:xx style addresses numbered by test. */
export function macOf(n: number): Buffer {
  const b = Buffer.alloc(6);
  b.writeUInt32BE(n >>> 0, 2);
  return b;
}

export const ip = parseIPv4;
