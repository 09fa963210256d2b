// The lease statistics of the v6 engine with Kea's names (global and "subnet[ID].name"), resolved to
// handles once per subnet. init() is Kea's CfgSubnets6::removeStatistics / updateStatistics plus
// LeaseMgr::recountLeaseStats6. total-nas / total-pds follow Kea 2.2's int64 cast of the saturated
// uint64 capacity (see addr6.ts).
import type { StatHandle, StatsMgr } from '@kea-ts/stats';
import { subnetStatName } from '../alloc/alloc-stats.js';
import type { Dhcp6Config } from '../cfg/types6.js';
import { LEASE_STATE_DECLINED, LEASE_STATE_DEFAULT } from '../lease/lease.js';
import type { LeaseMgr6 } from '../lease/lease-mgr.js';
import { capacityStat, poolCapacity } from './addr6.js';

export type SubnetStatName6 =
  | 'total-nas'
  | 'assigned-nas'
  | 'cumulative-assigned-nas'
  | 'total-pds'
  | 'assigned-pds'
  | 'cumulative-assigned-pds'
  | 'declined-addresses'
  | 'reclaimed-declined-addresses'
  | 'reclaimed-leases'
  | 'v6-allocation-fail'
  | 'v6-allocation-fail-shared-network'
  | 'v6-allocation-fail-subnet'
  | 'v6-allocation-fail-no-pools'
  | 'v6-allocation-fail-classes';

const GLOBAL_NAMES = [
  'cumulative-assigned-nas',
  'cumulative-assigned-pds',
  'declined-addresses',
  'reclaimed-declined-addresses',
  'reclaimed-leases',
  'v6-allocation-fail',
  'v6-allocation-fail-shared-network',
  'v6-allocation-fail-subnet',
  'v6-allocation-fail-no-pools',
  'v6-allocation-fail-classes',
] as const;
export type GlobalStatName6 = (typeof GLOBAL_NAMES)[number];

/** Per-subnet statistics Kea deletes when the configuration is replaced. */
const REMOVED = [
  'total-nas',
  'assigned-nas',
  'cumulative-assigned-nas',
  'total-pds',
  'assigned-pds',
  'cumulative-assigned-pds',
  'declined-addresses',
  'reclaimed-declined-addresses',
  'reclaimed-leases',
];

export class AllocStats6 {
  private readonly perSubnet = new Map<number, Map<string, StatHandle>>();
  private readonly global = new Map<string, StatHandle>();

  constructor(private readonly stats: StatsMgr) {}

  subnet(subnetId: number, name: SubnetStatName6, n: number): void {
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

  add(name: GlobalStatName6, n: number): void {
    let h = this.global.get(name);
    if (h === undefined) {
      h = this.stats.handle(name);
      this.global.set(name, h);
    }
    h.add(n);
  }

  /** assigned-nas or assigned-pds, and the cumulative ones, as Kea counts a new assignment. */
  assigned(subnetId: number, type: number): void {
    const pd = type === 2;
    this.subnet(subnetId, pd ? 'assigned-pds' : 'assigned-nas', 1);
    this.subnet(subnetId, pd ? 'cumulative-assigned-pds' : 'cumulative-assigned-nas', 1);
    this.add(pd ? 'cumulative-assigned-pds' : 'cumulative-assigned-nas', 1);
  }

  unassigned(subnetId: number, type: number): void {
    this.subnet(subnetId, type === 2 ? 'assigned-pds' : 'assigned-nas', -1);
  }

  removeSubnetStatistics(config: Dhcp6Config): void {
    for (const s of config.subnets) for (const n of REMOVED) this.stats.remove(subnetStatName(s.id, n));
  }

  async init(config: Dhcp6Config, leaseMgr: LeaseMgr6): Promise<void> {
    const st = this.stats;
    const setIfMissing = (name: string) => {
      if (st.getObservation(name) === undefined) st.setValue(name, 0);
    };
    for (const s of config.subnets) {
      st.setValue(subnetStatName(s.id, 'total-nas'), capacityStat(poolCapacity(s, 0)));
      st.setValue(subnetStatName(s.id, 'total-pds'), capacityStat(poolCapacity(s, 2)));
      setIfMissing(subnetStatName(s.id, 'cumulative-assigned-nas'));
      setIfMissing(subnetStatName(s.id, 'cumulative-assigned-pds'));
    }
    // Kea creates the v6-allocation-fail* globals at server startup, the others in the recount.
    for (const n of GLOBAL_NAMES) setIfMissing(n);
    if (config.subnets.length === 0) return;
    st.setValue('declined-addresses', 0);
    for (const s of config.subnets) {
      st.setValue(subnetStatName(s.id, 'assigned-nas'), 0);
      st.setValue(subnetStatName(s.id, 'declined-addresses'), 0);
      setIfMissing(subnetStatName(s.id, 'reclaimed-declined-addresses'));
      st.setValue(subnetStatName(s.id, 'assigned-pds'), 0);
      setIfMissing(subnetStatName(s.id, 'reclaimed-leases'));
    }
    for (const r of await leaseMgr.getStats()) {
      if (r.type === 0) {
        if (r.state === LEASE_STATE_DEFAULT) {
          st.addValue(subnetStatName(r.subnetId, 'assigned-nas'), r.count);
        } else if (r.state === LEASE_STATE_DECLINED) {
          // Declined addresses count as assigned too, as in Kea.
          st.setValue(subnetStatName(r.subnetId, 'declined-addresses'), r.count);
          st.addValue('declined-addresses', r.count);
          st.addValue(subnetStatName(r.subnetId, 'assigned-nas'), r.count);
        }
      } else if (r.type === 2 && r.state === LEASE_STATE_DEFAULT) {
        st.setValue(subnetStatName(r.subnetId, 'assigned-pds'), r.count);
      }
    }
  }
}
