// kea-dhcp6 serving real DHCPv6 clients: the compiled program runs in a network namespace joined by a
// veth pair to a client namespace (2001:db8::/32 only inside them, DAD off so link-local addresses are
// usable at once, both namespaces removed whatever happens), and Debian's ISC dhclient gets an address
// (-6) and a delegated prefix (-6 -P) from it, renews it and releases it (-r), and dhcpcd gets both in one exchange. Checked: what each client
// was given, the lease rows in the CSV, and assigned-nas / assigned-pds over the control socket.
// Needs root, iproute2, dhclient and dhcpcd.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { statistic } from './lib/control.js';
import { leaseRows, serverDuid, writeDhcp6Config } from './lib/dhcp6-config.js';
import { bin, startProgram, tempDir, waitForFile } from './lib/harness.js';
import { canUseNetns, netnsPair } from './lib/netns.js';

const canRun = canUseNetns() && existsSync('/usr/sbin/dhclient') && existsSync('/usr/sbin/dhcpcd');

t.test(
  'dhclient -6 gets an address and dhclient -6 -P a prefix from kea-dhcp6',
  { skip: canRun ? false : 'needs root, ip netns, dhclient and dhcpcd', timeout: 120_000 },
  async (t) => {
    const dir = tempDir(t, 'kd6-');
    const net = await netnsPair(t, 'kd6', {
      ipv6: true,
      clientIPv6: false,
      serverMac: '02:00:00:00:06:01',
      clientMac: '02:00:00:00:06:02',
    });

    const { conf, leaseFile, sock } = writeDhcp6Config({
      dir,
      globals: {
        'preferred-lifetime': 300,
        'valid-lifetime': 600,
        'renew-timer': 2,
        'rebind-timer': 240,
        'option-data': [{ name: 'dns-servers', data: '2001:db8:1::53' }],
      },
    });
    const server = startProgram(t, ...net.argv(net.server, bin('kea-dhcp6'), ['-c', conf]), {
      KEA_PIDFILE_DIR: dir,
    });
    await server.waitFor(/DHCP6_STARTED/);

    /** dhclient in the foreground until it renewed once (T1 is 2 s), then its RELEASE (-r). */
    async function runClient(
      name: string,
      extra: string[],
      onBound: () => Promise<void>,
    ): Promise<{ bound: string; renewed: string; released: string }> {
      const out = join(dir, `${name}.out`);
      const pid = join(dir, `${name}.pid`);
      // dhclient gives its script a fresh environment: the output path is written into the script.
      const script = join(dir, `${name}.sh`);
      writeFileSync(
        script,
        '#!/bin/sh\necho "reason=$reason ip6=$new_ip6_address len=$new_ip6_prefixlen prefix=$new_ip6_prefix ' +
          `dns=$new_dhcp6_name_servers" >> ${out}\nexit 0\n`,
        { mode: 0o755 },
      );
      const common = ['-lf', join(dir, `${name}.leases`), '-pf', pid, '-sf', script, 'c0'];
      const child = net.spawn(net.client, 'dhclient', ['-6', ...extra, '-1', '-d', '-v', ...common], {
        stdio: 'ignore',
      });
      t.teardown(() => {
        child.kill('SIGKILL');
      });
      await waitForFile(out, /reason=BOUND6/, 30_000);
      await onBound();
      await waitForFile(out, /reason=RENEW6/, 30_000);
      child.kill('SIGKILL');
      const release = net.run(net.client, 'dhclient', ['-6', ...extra, '-r', '-v', ...common], {
        timeout: 30_000,
      });
      const lines = readFileSync(out, 'utf8').split('\n');
      const line = (reason: string) => lines.find((l) => l.startsWith(`reason=${reason} `)) ?? '';
      return {
        bound: line('BOUND6'),
        renewed: line('RENEW6'),
        released: release.status === 0 ? line('RELEASE6') : '',
      };
    }

    /** The last row written for a lease: memfile appends, a deletion is a row with valid_lifetime 0. */
    function lastRow(address: string, type: string): Record<string, string> | undefined {
      return leaseRows(leaseFile)
        .filter((r) => r.address === address && r.lease_type === type)
        .at(-1);
    }

    /**
     * The release as real Kea 2.2's memfile writes it (seen in its CSV, see kea-dhcp6-kea-leases): the
     * lease row again with valid and preferred lifetimes 0, expiring at its last transmission time
     * (the previous row's expire minus its valid lifetime), in the default state.
     */
    function checkReleaseRow(t: Test, address: string, type: string): void {
      const rows = leaseRows(leaseFile).filter((r) => r.address === address && r.lease_type === type);
      const [before, last] = rows.slice(-2);
      t.equal(last?.valid_lifetime, '0', 'the release is written to the CSV: valid_lifetime 0');
      t.equal(
        Number(last?.expire),
        Number(before?.expire) - Number(before?.valid_lifetime),
        'expire at the cltt of the lease',
      );
      t.equal(last?.state, '0', 'state 0');
      t.equal(last?.pref_lifetime, '0', 'pref_lifetime 0 as Kea writes it');
    }

    await t.test('dhclient -6: an address', async (t) => {
      const { bound, renewed, released } = await runClient('na', [], async () => {
        t.equal(await statistic(sock, 'subnet[1].assigned-nas'), 1, 'assigned-nas while bound');
      });
      t.match(bound, /ip6=2001:db8:1::1[0-9a-f]{2} /, 'an address from the pool');
      t.match(bound, /dns=2001:db8:1::53/, 'dns-servers');
      const address = /ip6=(\S+)/.exec(bound)![1]!;
      const row = leaseRows(leaseFile).find((r) => r.address === address && r.lease_type === '0');
      t.ok(row, 'the lease row in the CSV');
      t.equal(row?.valid_lifetime, '600');
      t.equal(row?.pref_lifetime, '300');
      t.equal(row?.subnet_id, '1');
      t.equal(row?.prefix_len, '128');
      t.equal(row?.hwaddr, '02:00:00:00:06:02', 'hwaddr from the client DUID-LL(T)');
      t.match(renewed, new RegExp(`ip6=${address} `), 'RENEW keeps the address');
      t.match(released, /reason=RELEASE6/, 'dhclient -r released it');
      checkReleaseRow(t, address, '0');
      t.equal(await statistic(sock, 'subnet[1].assigned-nas'), 0, 'assigned-nas back to 0');
      t.equal(await statistic(sock, 'pkt6-renew-received'), 1);
      t.equal(await statistic(sock, 'pkt6-release-received'), 1);
    });

    await t.test('dhclient -6 -P: a delegated prefix', async (t) => {
      const { bound, renewed, released } = await runClient('pd', ['-P'], async () => {
        t.equal(await statistic(sock, 'subnet[1].assigned-pds'), 1, 'assigned-pds while bound');
      });
      t.match(bound, /prefix=2001:db8:8000:(?:[0-9a-f]{1,2}00:)?:\/56/, 'a /56 from the pd-pool');
      const prefix = /prefix=([^/\s]+)/.exec(bound)![1]!;
      const row = leaseRows(leaseFile).find((r) => r.address === prefix && r.lease_type === '2');
      t.ok(row, 'the prefix row in the CSV');
      t.equal(row?.prefix_len, '56');
      t.match(renewed, new RegExp(`prefix=${prefix}/56`), 'RENEW keeps the prefix');
      t.match(released, /reason=RELEASE6/);
      checkReleaseRow(t, prefix, '2');
      t.equal(await statistic(sock, 'subnet[1].assigned-pds'), 0, 'assigned-pds back to 0');
    });

    await t.test('dhcpcd -6: an address and a prefix in one exchange', async (t) => {
      // dhcpcd keeps its last DHCPv6 lease in /var/lib/dhcpcd/c0.lease6 (interface c0 of this test).
      const stale = '/var/lib/dhcpcd/c0.lease6';
      rmSync(stale, { force: true });
      // Its DUID goes to /var/lib/dhcpcd/duid: removed afterwards when this test created it.
      const duidFile = '/var/lib/dhcpcd/duid';
      const hadDuid = existsSync(duidFile);
      t.teardown(() => {
        rmSync(stale, { force: true });
        if (!hadDuid) rmSync(duidFile, { force: true });
      });
      const conf = join(dir, 'dhcpcd.conf');
      writeFileSync(conf, 'ipv6only\nnoipv6rs\nia_na 1\nia_pd 2 -\n');
      const out = join(dir, 'dhcpcd.out');
      const hook = join(dir, 'dhcpcd.sh');
      writeFileSync(
        hook,
        '#!/bin/sh\necho "reason=$reason na=$new_dhcp6_ia_na1_ia_addr1 pd=$new_dhcp6_ia_pd1_prefix1 ' +
          `pdlen=$new_dhcp6_ia_pd1_prefix1_length vltime=$new_dhcp6_ia_na1_ia_addr1_vltime" >> ${out}\n`,
        { mode: 0o755 },
      );
      const run = net.run(
        net.client,
        'dhcpcd',
        ['-6', '-1', '-B', '-t', '20', '-f', conf, '-c', hook, 'c0'],
        { timeout: 40_000 },
      );
      t.equal(run.status, 0, `dhcpcd bound\n${run.stderr}`);
      const bound = readFileSync(out, 'utf8')
        .split('\n')
        .find((l) => l.startsWith('reason=BOUND6'));
      t.match(bound, /na=2001:db8:1::1[0-9a-f]{2} /, 'an address');
      t.match(bound, /pd=2001:db8:8000:(?:[0-9a-f]{1,2}00:)?: pdlen=56 /, 'and a /56');
      t.match(bound, /vltime=600$/);
      const address = /na=(\S+)/.exec(bound!)![1]!;
      const prefix = /pd=(\S+)/.exec(bound!)![1]!;
      t.equal(lastRow(address, '0')?.valid_lifetime, '600', 'address row in the CSV');
      t.equal(lastRow(prefix, '2')?.prefix_len, '56', 'prefix row in the CSV');
      t.equal(await statistic(sock, 'subnet[1].assigned-nas'), 1);
      t.equal(await statistic(sock, 'subnet[1].assigned-pds'), 1);
    });

    const duid = serverDuid(dir);
    t.match(duid, /^00:01:00:01(:[0-9a-f]{2}){10}$/, 'DUID-LLT of the server kept in kea-dhcp6-serverid');
  },
);
