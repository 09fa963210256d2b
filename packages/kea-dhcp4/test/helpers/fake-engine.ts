// A small allocation engine for pipeline tests, used until @kea-ts/dhcpsrv's AllocEngine4 lands: the
// client's lease first, then the requested address, then the first free pool address; reservations by
// hw-address; DISCOVER stores nothing. It makes the pipeline's decisions testable, not the engine's.
import type { Dhcp4Config, Lease4, LeaseMgr4, Subnet4 } from '@kea-ts/dhcpsrv';
import type { Allocator4, AllocResult4, ClientContext4 } from '../../src/index.js';

export class FakeEngine implements Allocator4 {
  released: number[] = [];
  declined: number[] = [];
  reclaimCalls: [number, number, boolean][] = [];

  constructor(
    private readonly leaseMgr: LeaseMgr4,
    private config: Dhcp4Config,
  ) {}

  updateConfig(config: Dhcp4Config): void {
    this.config = config;
  }

  initStatistics(): void {}

  private mine(l: Readonly<Lease4>, ctx: ClientContext4): boolean {
    if (ctx.clientId && l.clientId) return l.clientId.equals(ctx.clientId);
    return ctx.hwaddr !== null && l.hwaddr?.equals(ctx.hwaddr) === true;
  }

  async allocateLease4(ctx: ClientContext4): Promise<AllocResult4> {
    const subnets: Subnet4[] = ctx.subnet.sharedNetwork ? ctx.subnet.sharedNetwork.subnets : [ctx.subnet];
    const now = Math.floor(Date.now() / 1000);
    for (const subnet of subnets) {
      const host = ctx.hwaddr
        ? this.config.lookups.host(subnet.id, 'hw-address', ctx.hwaddr.toString('hex'))
        : undefined;
      const all = await this.leaseMgr.getBySubnet(subnet.id);
      const existing = all.find((l) => this.mine(l, ctx) && l.state === 0);
      const free = async (a: number) => {
        const l = await this.leaseMgr.get(a);
        return l === null || (this.mine(l, ctx) && l.state === 0) || l.cltt + l.validLifetime < now;
      };
      let address: number | null = null;
      if (host?.ipAddress !== undefined) address = host.ipAddress;
      else if (existing) address = existing.address;
      else if (
        ctx.requestedAddress &&
        subnet.pools.some((p) => p.first <= ctx.requestedAddress! && ctx.requestedAddress! <= p.last) &&
        (await free(ctx.requestedAddress))
      ) {
        address = ctx.requestedAddress;
      } else {
        outer: for (const p of subnet.pools) {
          for (let a = p.first; a <= p.last; a++) {
            if (await free(a)) {
              address = a;
              break outer;
            }
          }
        }
      }
      if (address === null) continue;
      if (!ctx.fakeAllocation && ctx.requestedAddress && ctx.requestedAddress !== address) {
        return { lease: null, subnet, reason: 'requested address not available' };
      }
      const valid = subnet.effective['valid-lifetime'];
      const lease: Lease4 = {
        address,
        hwaddr: ctx.hwaddr,
        htype: ctx.htype,
        clientId: ctx.clientId,
        validLifetime: valid,
        cltt: now,
        subnetId: subnet.id,
        fqdnFwd: false,
        fqdnRev: false,
        hostname: ctx.hostname,
        state: 0,
        userContext: null,
      };
      if (!ctx.fakeAllocation) {
        const stored = await this.leaseMgr.get(address);
        if (stored) await this.leaseMgr.update(lease);
        else await this.leaseMgr.add(lease);
      }
      return { lease, subnet, oldLease: existing ?? null };
    }
    return { lease: null, subnet: null, reason: 'no address' };
  }

  async releaseLease4(lease: Readonly<Lease4>): Promise<boolean> {
    this.released.push(lease.address);
    return this.leaseMgr.delete(lease);
  }

  async declineLease4(lease: Readonly<Lease4>, probation: number): Promise<boolean> {
    this.declined.push(lease.address);
    await this.leaseMgr.update({
      ...lease,
      hwaddr: null,
      clientId: null,
      hostname: '',
      validLifetime: probation,
      cltt: Math.floor(Date.now() / 1000),
      state: 1,
    });
    return true;
  }

  async reclaimExpiredLeases4(max: number, timeout: number, remove: boolean): Promise<void> {
    this.reclaimCalls.push([max, timeout, remove]);
  }
}
