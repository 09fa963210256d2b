// Cross-compatibility with the real Kea 2.2 servers (memfile, lease_cmds hook, no interfaces):
// a lease file written by our memfile loads in kea-dhcp4/kea-dhcp6 and lease4-get-all /
// lease6-get-all report exactly our leases; a file written by Kea (lease*-add, -update, -del
// over its control socket) loads in ours with identical fields.
import { join } from 'node:path';
import { formatHex, formatIPv4, formatIPv6 } from '@kea-ts/util';
import t from 'tap';
import {
  type Lease4,
  type Lease6,
  MemfileLeaseMgr4,
  MemfileLeaseMgr6,
  makeLease4,
  makeLease6,
} from '../src/index.js';
import { haveRealKea, startRealKea } from './helpers/real-kea.js';

const skip = !haveRealKea() && 'Kea 2.2 is not installed';
const NOW = Math.floor(Date.now() / 1000);
const TYPES = ['IA_NA', 'IA_TA', 'IA_PD'];

/** Our lease in the shape of Kea's Lease4::toElement(). */
function asKea4(l: Lease4): Record<string, unknown> {
  return {
    'ip-address': formatIPv4(l.address),
    'hw-address': l.hwaddr === null ? '' : formatHex(l.hwaddr, ':'),
    ...(l.clientId === null ? {} : { 'client-id': formatHex(l.clientId, ':') }),
    'valid-lft': l.validLifetime,
    cltt: l.cltt,
    'subnet-id': l.subnetId,
    'fqdn-fwd': l.fqdnFwd,
    'fqdn-rev': l.fqdnRev,
    hostname: l.hostname,
    state: l.state,
    ...(l.userContext === null ? {} : { 'user-context': l.userContext }),
  };
}

function asKea6(l: Lease6): Record<string, unknown> {
  return {
    'ip-address': formatIPv6(l.address),
    type: TYPES[l.type],
    ...(l.type === 2 ? { 'prefix-len': l.prefixLen } : {}),
    iaid: l.iaid,
    duid: formatHex(l.duid, ':'),
    'preferred-lft': l.preferredLifetime,
    'valid-lft': l.validLifetime,
    cltt: l.cltt,
    'subnet-id': l.subnetId,
    'fqdn-fwd': l.fqdnFwd,
    'fqdn-rev': l.fqdnRev,
    hostname: l.hostname,
    ...(l.hwaddr === null ? {} : { 'hw-address': formatHex(l.hwaddr, ':') }),
    state: l.state,
    ...(l.userContext === null ? {} : { 'user-context': l.userContext }),
  };
}

const byIp = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  String(a['ip-address']).localeCompare(String(b['ip-address']));

t.test('v4: our file loads in kea-dhcp4 with the same leases', { skip }, async (t) => {
  const dir = t.testdir();
  const name = join(dir, 'ours4.csv');
  const mgr = await MemfileLeaseMgr4.open({ name, 'lfc-interval': 0 });
  for (let i = 1; i <= 40; i++) {
    await mgr.add(
      makeLease4({
        address: 0xc0000200 + i,
        hwaddr: i % 5 === 0 ? null : Buffer.from([0x1a, 0x1b, 0x1c, 0x1d, 0x1e, i]),
        clientId: i % 3 === 0 || i % 5 === 0 ? Buffer.from([1, 2, i]) : null,
        validLifetime: 4000 + i,
        cltt: NOW - i,
        subnetId: 1 + (i % 2),
        fqdnFwd: i % 2 === 0,
        fqdnRev: i % 4 === 0,
        hostname: i % 7 === 0 ? `host${i}.example.org,odd&name` : i % 2 ? '' : `h${i}`,
        state: i % 10 === 0 ? 1 : 0,
        userContext: i % 6 === 0 ? { a: i, b: 'x,y&z', c: [1, { d: null }], e: true, f: 0.25 } : null,
      }),
    );
  }
  for (let i = 1; i <= 40; i += 9)
    await mgr.update({ ...(await mgr.get(0xc0000200 + i))!, hostname: 'renewed' });
  await mgr.delete(makeLease4({ address: 0xc0000200 + 2 }));
  const ours = (await mgr.getAll()).map(asKea4).sort(byIp);
  await mgr.close();
  const kea = await startRealKea(4, name);
  t.teardown(() => kea.stop());
  const answer = await kea.command('lease4-get-all');
  t.equal(answer.result, 0, answer.text ?? '');
  t.equal(ours.length, 39);
  t.same(answer.arguments?.leases?.sort(byIp), ours);
});

t.test('v4: a file written by kea-dhcp4 loads in ours with identical fields', { skip }, async (t) => {
  const dir = t.testdir();
  const name = join(dir, 'kea4.csv');
  const kea = await startRealKea(4, name);
  t.teardown(() => kea.stop());
  const adds = [
    {
      'ip-address': '192.0.2.150',
      'hw-address': '1a:1b:1c:1d:1e:1f',
      'client-id': '01:02:03',
      'valid-lft': 4000,
      hostname: 'host.example.org',
      'fqdn-fwd': true,
      'user-context': { a: 1 },
    },
    {
      'ip-address': '192.0.2.160',
      'hw-address': '1a:1b:1c:1d:1e:2f',
      'valid-lft': 4000,
      hostname: 'a,b',
      state: 1,
      'user-context': { a: 1, b: 'x,y&z', l: [1, 2.5, { n: null }] },
    },
    {
      'ip-address': '198.51.100.7',
      'hw-address': '0a:0b:0c:0d:0e:0f',
      'client-id': 'ff:00:01:02',
      'valid-lft': 7200,
      'fqdn-rev': true,
      hostname: 'seven',
    },
    { 'ip-address': '198.51.100.8', 'hw-address': '0a:0b:0c:0d:0e:10', 'valid-lft': 7200 },
  ];
  for (const a of adds) t.equal((await kea.command('lease4-add', a)).result, 0);
  t.equal(
    (
      await kea.command('lease4-update', {
        'ip-address': '198.51.100.7',
        'hw-address': '0a:0b:0c:0d:0e:0f',
        hostname: 'updated',
        'valid-lft': 100,
      })
    ).result,
    0,
  );
  t.equal((await kea.command('lease4-del', { 'ip-address': '198.51.100.8' })).result, 0);
  const theirs = (await kea.command('lease4-get-all')).arguments?.leases?.sort(byIp);
  await kea.stop();
  const mgr = await MemfileLeaseMgr4.open({ name, 'lfc-interval': 0 });
  t.teardown(() => mgr.close());
  t.equal(mgr.count(), 3);
  t.same((await mgr.getAll()).map(asKea4), theirs);
});

t.test('v6: our file loads in kea-dhcp6 with the same leases', { skip }, async (t) => {
  const dir = t.testdir();
  const name = join(dir, 'ours6.csv');
  const mgr = await MemfileLeaseMgr6.open({ name, 'lfc-interval': 0 });
  for (let i = 1; i <= 30; i++) {
    const pd = i % 3 === 0;
    const address = Buffer.from(
      pd ? `20010db8000800${(i + 16).toString(16)}0000000000000000` : '20010db8000100000000000000000000',
      'hex',
    );
    if (!pd) address[15] = i;
    await mgr.add(
      makeLease6({
        address,
        type: pd ? 2 : 0,
        prefixLen: pd ? 64 : 128,
        iaid: 1000 + i,
        duid: Buffer.from([0, 1, 0, 1, 9, i]),
        preferredLifetime: 3000,
        validLifetime: 4000 + i,
        cltt: NOW - i,
        subnetId: pd ? 2 : 1,
        fqdnFwd: i % 2 === 0,
        hostname: i % 4 === 0 ? `h${i},x&y` : '',
        hwaddr: i % 2 === 0 ? Buffer.from([0x1a, 0, 0, 0, 0, i]) : null,
        hwaddrSource: i % 2 === 0 ? 4 : 0,
        state: i === 5 ? 1 : 0,
        userContext: i % 5 === 0 ? { k: `v${i}`, l: [i, 'a,b'] } : null,
      }),
    );
  }
  const ours = (await mgr.getAll()).map(asKea6).sort(byIp);
  await mgr.close();
  const kea = await startRealKea(6, name);
  t.teardown(() => kea.stop());
  const answer = await kea.command('lease6-get-all');
  t.equal(answer.result, 0, answer.text ?? '');
  t.equal(ours.length, 30);
  t.same(answer.arguments?.leases?.sort(byIp), ours);
});

t.test('v6: a file written by kea-dhcp6 loads in ours with identical fields', { skip }, async (t) => {
  const dir = t.testdir();
  const name = join(dir, 'kea6.csv');
  const kea = await startRealKea(6, name);
  t.teardown(() => kea.stop());
  const adds = [
    {
      'ip-address': '2001:db8:1::150',
      duid: '01:02:03:04:05:06:07:08',
      iaid: 1234,
      'hw-address': '1a:1b:1c:1d:1e:1f',
      'valid-lft': 7200,
      'preferred-lft': 7200,
      hostname: 'a,b',
      'user-context': { q: 'x,y' },
    },
    {
      'ip-address': '2001:db8:8:100::',
      type: 'IA_PD',
      'prefix-len': 64,
      'subnet-id': 2,
      duid: '01:02:03:04:05:06:07:08',
      iaid: 1234,
      'valid-lft': 7200,
      'preferred-lft': 3600,
    },
    {
      'ip-address': '2001:db8:1::151',
      duid: '0a:0b',
      iaid: 1,
      'valid-lft': 100,
      'preferred-lft': 50,
      'fqdn-fwd': true,
      'fqdn-rev': true,
      hostname: 'x.example',
    },
    { 'ip-address': '2001:db8:1::152', duid: '0a:0c', iaid: 2, 'valid-lft': 100 },
  ];
  for (const a of adds) t.equal((await kea.command('lease6-add', a)).result, 0);
  t.equal(
    (
      await kea.command('lease6-update', {
        'ip-address': '2001:db8:1::151',
        duid: '0a:0b',
        iaid: 9,
        hostname: 'y.example',
      })
    ).result,
    0,
  );
  t.equal((await kea.command('lease6-del', { 'ip-address': '2001:db8:1::152' })).result, 0);
  const theirs = (await kea.command('lease6-get-all')).arguments?.leases?.sort(byIp);
  await kea.stop();
  const mgr = await MemfileLeaseMgr6.open({ name, 'lfc-interval': 0 });
  t.teardown(() => mgr.close());
  t.equal(mgr.count(), 3);
  t.same((await mgr.getAll()).map(asKea6).sort(byIp), theirs);
});
