// The lease statistics the v4 engine keeps, with Kea's names: global ones and "subnet[ID].name".
// Handles are resolved once per subnet so a packet pays a Map lookup and an add, no string building.
// initStatistics does what Kea's CfgSubnets4::removeStatistics / updateStatistics and
// LeaseMgr::recountLeaseStats4 do at startup and on every reconfiguration.
import type { StatHandle, StatsMgr } from '@kea-ts/stats';
import type { Dhcp4Config } from '../cfg/types.js';
import { LEASE_STATE_DECLINED, LEASE_STATE_DEFAULT } from '../lease/lease.js';
import type { LeaseMgr4 } from '../lease/lease-mgr.js';

const SUBNET_NAMES = [
  'total-addresses',
  'assigned-addresses',
  'cumulative-assigned-addresses',
  'declined-addresses',
  'reclaimed-declined-addresses',
  'reclaimed-leases',
  'v4-allocation-fail',
  'v4-allocation-fail-shared-network',
  'v4-allocation-fail-subnet',
  'v4-allocation-fail-no-pools',
  'v4-allocation-fail-classes',
  'v4-reservation-conflicts',
] as const;
export type SubnetStatName = (typeof SUBNET_NAMES)[number];

/** Global lease statistics Kea creates at startup with value 0. */
const GLOBAL_NAMES = [
  'cumulative-assigned-addresses',
  'declined-addresses',
  'reclaimed-declined-addresses',
  'reclaimed-leases',
  'v4-allocation-fail',
  'v4-allocation-fail-shared-network',
  'v4-allocation-fail-subnet',
  'v4-allocation-fail-no-pools',
  'v4-allocation-fail-classes',
  'v4-reservation-conflicts',
] as const;
export type GlobalStatName = (typeof GLOBAL_NAMES)[number];

/** Kea's StatsMgr::generateName("subnet", id, name). */
export function subnetStatName(subnetId: number, name: string): string {
  return `subnet[${subnetId}].${name}`;
}

export class AllocStats {
  private readonly perSubnet = new Map<number, Map<string, StatHandle>>();
  private readonly global = new Map<string, StatHandle>();

  constructor(private readonly stats: StatsMgr) {}

  /** Adds to a subnet's statistic (created when missing, as Kea's addValue does). */
  subnet(subnetId: number, name: SubnetStatName, n: number): void {
    let m = this.perSubnet.get(subnetId);
    if (m === undefined) {
      m = new Map();
      this.perSubnet.set(subnetId, m);
    }
    let h = m.get(name);
    if (h === undefined) {
      h = this.stats.handle(subnetStatName(subnetId, name));
      m.set(name, h);
    }
    h.add(n);
  }

  /** Adds to a global statistic. */
  add(name: GlobalStatName, n: number): void {
    let h = this.global.get(name);
    if (h === undefined) {
      h = this.stats.handle(name);
      this.global.set(name, h);
    }
    h.add(n);
  }

  /** Kea's CfgSubnets4::removeStatistics for the configuration being replaced. */
  removeSubnetStatistics(config: Dhcp4Config): void {
    for (const s of config.subnets) {
      for (const n of [
        'total-addresses',
        'assigned-addresses',
        'cumulative-assigned-addresses',
        'declined-addresses',
        'reclaimed-declined-addresses',
        'reclaimed-leases',
      ]) {
        this.stats.remove(subnetStatName(s.id, n));
      }
    }
  }

  /** Kea's CfgSubnets4::updateStatistics followed by LeaseMgr::recountLeaseStats4. */
  async init(config: Dhcp4Config, leaseMgr: LeaseMgr4): Promise<void> {
    const st = this.stats;
    const setIfMissing = (name: string) => {
      if (st.getObservation(name) === undefined) st.setValue(name, 0);
    };
    for (const n of GLOBAL_NAMES) setIfMissing(n);
    for (const s of config.subnets) {
      const capacity = s.pools.reduce((n, p) => n + (p.last - p.first + 1), 0);
      st.setValue(subnetStatName(s.id, 'total-addresses'), capacity);
      setIfMissing(subnetStatName(s.id, 'cumulative-assigned-addresses'));
      setIfMissing(subnetStatName(s.id, 'v4-reservation-conflicts'));
    }
    if (config.subnets.length === 0) return;
    const rows = await leaseMgr.getStats();
    st.setValue('declined-addresses', 0);
    for (const s of config.subnets) {
      st.setValue(subnetStatName(s.id, 'assigned-addresses'), 0);
      st.setValue(subnetStatName(s.id, 'declined-addresses'), 0);
      setIfMissing(subnetStatName(s.id, 'reclaimed-declined-addresses'));
      setIfMissing(subnetStatName(s.id, 'reclaimed-leases'));
    }
    for (const r of rows) {
      if (r.state === LEASE_STATE_DEFAULT) {
        st.addValue(subnetStatName(r.subnetId, 'assigned-addresses'), r.count);
      } else if (r.state === LEASE_STATE_DECLINED) {
        // Declined leases count as assigned too, as in Kea.
        st.setValue(subnetStatName(r.subnetId, 'declined-addresses'), r.count);
        st.addValue('declined-addresses', r.count);
        st.addValue(subnetStatName(r.subnetId, 'assigned-addresses'), r.count);
      }
    }
  }
}
