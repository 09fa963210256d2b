// One set of host-reservation checks that every host data source (the configuration's
// reservations, PostgreSQL, MariaDB) must pass alike: a host reads back as it was added (identifier,
// subnets, address, hostname, classes, boot fields, user context, options with formatted or binary
// values, v6 addresses and prefixes with IAIDs), each lookup finds the same hosts and only them,
// a second host for one identifier and subnet is refused, and a delete takes the host's options
// and reservations with it.
import {
  emptyHost,
  type HostDataSource,
  type HostRecord,
  KEA_ERR_DHCPSRV_DUPLICATE_HOST,
  KEA_ERR_DHCPSRV_HOSTS_READONLY,
  type StoredOption,
} from '@kea-ts/dhcpsrv';
import { parseIPv4 } from '@kea-ts/util';
import type { Test } from 'tap';

export interface HostBackend {
  name: string;
  /** A source over an empty store. */
  fresh(): Promise<HostDataSource>;
  /** A read-only source on the store the last fresh() made (SQL only). */
  readonlyPeer?: () => Promise<HostDataSource>;
}

const hex = (s: string) => Buffer.from(s.replace(/:/g, ''), 'hex');

function option(code: number, over: Partial<StoredOption> = {}): StoredOption {
  return {
    code,
    space: 'dhcp4',
    formattedValue: null,
    value: null,
    persistent: false,
    clientClass: null,
    userContext: null,
    ...over,
  };
}

/** A v4 host with every column in use. */
export function host4(): HostRecord {
  const h = emptyHost('hw-address', hex('00:0c:01:02:03:04'));
  h.ipv4SubnetId = 1;
  h.ipv4Address = parseIPv4('192.0.2.100');
  h.hostname = 'Alpha.example.org';
  h.dhcp4ClientClasses = ['gold', 'silver'];
  h.nextServer = parseIPv4('192.0.2.5');
  h.serverHostname = 'boot.example.org';
  h.bootFileName = '/pxe/boot,1.efi';
  h.userContext = { comment: 'rack 4', ISC: { x: [1, 2] } };
  h.options4 = [
    option(6, { formattedValue: '192.0.2.1, 192.0.2.2', persistent: true }),
    option(15, { formattedValue: 'example.org', userContext: { why: 'search' } }),
    option(254, { value: hex('de:ad:be:ef') }),
  ];
  return h;
}

/** A v6 host: two addresses and a prefix, one with an IAID, options in dhcp6. */
export function host6(): HostRecord {
  const h = emptyHost('duid', hex('00:03:00:01:00:0c:01:02:03:04'));
  h.ipv6SubnetId = 1;
  h.hostname = 'six.example.org';
  h.dhcp6ClientClasses = ['v6-gold'];
  h.authKey = '0123456789abcdef0123456789abcdef';
  h.reservations6 = [
    { type: 0, address: '2001:db8::100', prefixLen: 128, iaid: null },
    { type: 0, address: '2001:db8::101', prefixLen: 128, iaid: 7 },
    { type: 2, address: '2001:db8:1::', prefixLen: 48, iaid: null },
  ];
  h.options6 = [
    option(23, { space: 'dhcp6', formattedValue: '2001:db8::53' }),
    option(24, { space: 'dhcp6', formattedValue: 'example.org', persistent: true }),
  ];
  return h;
}

/** A host reserved in both families, as Kea's ARM shows for one machine (subnet 2 in each). */
function dualHost(): HostRecord {
  const h = emptyHost('hw-address', hex('00:0c:01:02:03:99'));
  h.ipv4SubnetId = 2;
  h.ipv6SubnetId = 2;
  h.ipv4Address = parseIPv4('10.0.0.9');
  h.hostname = 'dual.example.org';
  h.options4 = [option(12, { formattedValue: 'dual-4' })];
  h.options6 = [option(23, { space: 'dhcp6', formattedValue: '2001:db8::35' })];
  h.reservations6 = [{ type: 0, address: '2001:db8:2::9', prefixLen: 128, iaid: null }];
  return h;
}

const v4View = (h: HostRecord): HostRecord => ({ ...h, options6: [], reservations6: [] });
const v6View = (h: HostRecord): HostRecord => ({ ...h, options4: [] });

export async function hostConformance(t: Test, backend: HostBackend): Promise<void> {
  const src = await backend.fresh();
  t.teardown(() => src.close());
  const a = host4();
  const b = host6();
  const d = dualHost();

  await t.test('a v4 host reads back as added, by identifier and by address', async (t) => {
    await src.add(a);
    t.same(await src.get4(1, 'hw-address', a.identifier), v4View(a));
    t.equal(await src.get4(2, 'hw-address', a.identifier), null, 'another subnet');
    t.equal(await src.get4(1, 'client-id', a.identifier), null, 'another identifier type');
    t.equal(await src.get6(1, 'hw-address', a.identifier), null, 'no v6 reservation');
    t.same(await src.getAll4ByAddress(1, a.ipv4Address), [v4View(a)]);
    t.same(await src.getAll4ByAddress(2, a.ipv4Address), [], 'the address in another subnet');
    t.same(await src.getAll4ByAddress(1, a.ipv4Address + 1), [], 'another address');
  });

  await t.test('a v6 host reads back with its addresses, prefix and IAIDs', async (t) => {
    await src.add(b);
    t.same(await src.get6(1, 'duid', b.identifier), v6View(b));
    t.equal(await src.get4(1, 'duid', b.identifier), null, 'no v4 reservation');
    t.same(await src.getAll6ByAddress(1, '2001:db8::101', 128), [v6View(b)], 'by address');
    t.same(await src.getAll6ByAddress(1, '2001:db8:1::', 48), [v6View(b)], 'by prefix');
    t.same(await src.getAll6ByAddress(1, '2001:db8:1::', 56), [], 'another prefix length');
    t.same(await src.getAll6ByAddress(3, '2001:db8::100', 128), [], 'another subnet');
  });

  await t.test('a host of both families: per-family lookups carry their family only', async (t) => {
    await src.add(d);
    t.same(await src.getAll4('hw-address', d.identifier), [v4View(d)]);
    t.same(await src.getAll6('hw-address', d.identifier), [v6View(d)]);
    t.same(await src.getAll4('hw-address', hex('00:00:00:00:00:01')), [], 'unknown identifier');
    t.same(await src.getAllByHostname('DUAL.example.ORG'), [d], 'by hostname, any case, all data');
    t.same(await src.getAllByHostname('alpha.example.org'), [{ ...a }], 'the v4 host by hostname');
  });

  await t.test('a global reservation (subnet 0)', async (t) => {
    const g = emptyHost('client-id', hex('01:00:0c:01:02:03:04'));
    g.ipv4SubnetId = 0;
    g.hostname = 'global';
    await src.add(g);
    t.same(await src.get4(0, 'client-id', g.identifier), g);
    t.same(await src.getAll4('client-id', g.identifier), [g]);
  });

  await t.test('one host per identifier and subnet', async (t) => {
    const again = host4();
    again.ipv4Address = parseIPv4('192.0.2.101');
    await t.rejects(src.add(again), { code: KEA_ERR_DHCPSRV_DUPLICATE_HOST });
    t.same(await src.getAll4('hw-address', a.identifier), [v4View(a)], 'the first host stays alone');
    const other = host4();
    other.ipv4SubnetId = 7;
    await src.add(other);
    t.equal((await src.getAll4('hw-address', a.identifier)).length, 2, 'the same client in another subnet');
  });

  await t.test('delete takes the options and reservations along', async (t) => {
    t.equal(await src.del(4, 1, 'hw-address', a.identifier), true);
    t.equal(await src.get4(1, 'hw-address', a.identifier), null);
    t.equal(await src.del(4, 1, 'hw-address', a.identifier), false, 'nothing left to delete');
    t.equal((await src.getAll4('hw-address', a.identifier)).length, 1, 'subnet 7 keeps its host');
    t.equal(await src.del(6, 1, 'duid', b.identifier), true);
    t.same(await src.getAll6ByAddress(1, '2001:db8::100', 128), [], 'the addresses went with it');
    t.equal(await src.del(6, 2, 'duid', d.identifier), false, 'wrong identifier type deletes nothing');
    t.same(await src.getAllByHostname('dual.example.org'), [d], 'still there');
    // Re-adding the deleted hosts works: no orphan option or reservation row is in the way.
    await src.add(b);
    t.same(await src.get6(1, 'duid', b.identifier), v6View(b), 'a deleted host can come back');
  });

  if (backend.readonlyPeer !== undefined) {
    await t.test('a read-only source reads and refuses writes', async (t) => {
      const ro = await backend.readonlyPeer!();
      t.teardown(() => ro.close());
      t.equal(ro.readonly, true);
      t.same(await ro.get6(1, 'duid', b.identifier), v6View(b));
      await t.rejects(ro.add(host4()), { code: KEA_ERR_DHCPSRV_HOSTS_READONLY });
      await t.rejects(ro.del(6, 1, 'duid', b.identifier), { code: KEA_ERR_DHCPSRV_HOSTS_READONLY });
      t.same(await src.get6(1, 'duid', b.identifier), v6View(b), 'nothing was deleted');
    });
  }
}
