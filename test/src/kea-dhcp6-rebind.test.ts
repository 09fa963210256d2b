// Rebind with a real DHCPv6 client: Debian's ISC dhclient -6 (an address) and -6 -P (a delegated prefix)
// bind to kea-dhcp6 with short timers (T1 2 s, T2 5 s). A user hook library loaded by the server (a
// pkt6_receive callout, the way a Kea user would filter traffic) drops every RENEW, so the client's
// RENEWs go unanswered; at T2 it multicasts a REBIND, which the server must answer with the same
// binding. Checked: dhclient's script reports REBIND6 with the address / prefix it had and nothing was
// lost on the way, pkt6-rebind-received counted the REBIND while pkt6-renew-received and
// pkt6-receive-drop show the RENEWs were seen and dropped, no second lease was handed out, and the
// lease's expiry moved on in the CSV. Server and client namespaces (unique per run) joined by a veth
// pair, 2001:db8::/32 only, removed whatever happens. Needs root, iproute2 and dhclient.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { statistic } from './lib/control.js';
import { leaseRows, writeDhcp6Config } from './lib/dhcp6-config.js';
import { bin, startProgram, tempDir, waitForFile } from './lib/harness.js';
import { canUseNetns, netnsPair } from './lib/netns.js';

const canRun = canUseNetns() && existsSync('/usr/sbin/dhclient');

/** The user's hook library: RENEW (type 5) never reaches the server's processing. */
const DROP_RENEW = [
  'export function version() { return 1; }',
  'export function pkt6_receive(handle) {',
  '  if (handle.args.query6.msgType === 5) handle.next = 2; // DROP',
  '  return 0;',
  '}',
].join('\n');

t.test(
  'dhclient -6 keeps its address and its prefix through REBIND',
  { skip: canRun ? false : 'needs root, ip netns and dhclient', timeout: 90_000 },
  async (t) => {
    const dir = tempDir(t, 'kd6rb-');
    const net = await netnsPair(t, 'kd6rb', { ipv6: true });
    const hook = join(dir, 'drop-renew.mjs');
    writeFileSync(hook, DROP_RENEW);

    const { conf, leaseFile, sock } = writeDhcp6Config({
      dir,
      globals: {
        'hooks-libraries': [{ library: hook }],
        'preferred-lifetime': 20,
        'valid-lifetime': 30,
        'renew-timer': 2,
        'rebind-timer': 5,
      },
    });
    const server = startProgram(t, ...net.argv(net.server, bin('kea-dhcp6'), ['-c', conf]), {
      KEA_PIDFILE_DIR: dir,
    });
    await server.waitFor(/DHCP6_STARTED/, 20_000);

    /** dhclient in the foreground until its script saw REBIND6; returns the script's lines. */
    async function rebindWith(name: string, extra: string[]): Promise<string[]> {
      const out = join(dir, `${name}.out`);
      // dhclient gives its script a fresh environment: the output path is written into the script.
      const script = join(dir, `${name}.sh`);
      writeFileSync(
        script,
        '#!/bin/sh\necho "reason=$reason ip6=$new_ip6_address old=$old_ip6_address ' +
          `prefix=$new_ip6_prefix oldprefix=$old_ip6_prefix" >> ${out}\nexit 0\n`,
        { mode: 0o755 },
      );
      const child = net.spawn(
        net.client,
        'dhclient',
        [
          '-6',
          ...extra,
          '-d',
          '-v',
          '-lf',
          join(dir, `${name}.leases`),
          '-pf',
          join(dir, `${name}.pid`),
        ].concat(['-sf', script, 'c0']),
        { stdio: 'ignore' },
      );
      t.teardown(() => {
        child.kill('SIGKILL');
      });
      try {
        await waitForFile(out, /reason=REBIND6 /, 40_000);
      } catch (e) {
        const seen = existsSync(out) ? readFileSync(out, 'utf8') : '(no script call)';
        throw new Error(`${(e as Error).message}\nscript:\n${seen}\nserver:\n${server.output()}`);
      } finally {
        child.kill('SIGKILL');
      }
      return readFileSync(out, 'utf8').trim().split('\n');
    }
    const field = (line: string, key: string) => new RegExp(`(?:^| )${key}=(\\S*)`).exec(line)?.[1] ?? '';
    const byReason = (lines: string[], reason: string) =>
      lines.find((l) => l.startsWith(`reason=${reason} `)) ?? '';

    await t.test('dhclient -6: the same address after REBIND', async (t) => {
      const lines = await rebindWith('na', []);
      const address = field(byReason(lines, 'BOUND6'), 'ip6');
      t.match(address, /^2001:db8:1::1[0-9a-f]{2}$/, `bound to ${address}`);
      const firstExpire = Number(leaseRows(leaseFile).find((r) => r.address === address)?.expire);
      const rebound = byReason(lines, 'REBIND6');
      t.equal(field(rebound, 'ip6'), address, 'REBIND6 with the same address');
      t.equal(field(rebound, 'old'), address, 'which is the one the client had');
      const after = lines.slice(lines.indexOf(byReason(lines, 'BOUND6')) + 1);
      t.same(
        after.map((l) => field(l, 'reason')).filter((r) => r !== 'REBIND6'),
        [],
        'no RENEW6, EXPIRE6 or other script call between BOUND6 and REBIND6 (the RENEWs were dropped)',
      );
      t.ok(((await statistic(sock, 'pkt6-renew-received')) ?? 0) >= 1, 'the RENEWs reached the server');
      t.ok(((await statistic(sock, 'pkt6-receive-drop')) ?? 0) >= 1, 'and were dropped by the hook');
      t.equal(await statistic(sock, 'pkt6-rebind-received'), 1, 'pkt6-rebind-received counts the REBIND');
      t.equal(await statistic(sock, 'subnet[1].assigned-nas'), 1, 'still one address assigned');
      const rows = leaseRows(leaseFile).filter((r) => r.address === address && r.lease_type === '0');
      const lastExpire = Number(rows.at(-1)?.expire);
      t.ok(lastExpire > firstExpire, `the lease expiry moved on in the CSV: ${firstExpire} -> ${lastExpire}`);
      t.equal(rows.at(-1)?.valid_lifetime, '30');
    });

    await t.test('dhclient -6 -P: the same prefix after REBIND', async (t) => {
      const rebindsBefore = (await statistic(sock, 'pkt6-rebind-received')) ?? 0;
      const lines = await rebindWith('pd', ['-P']);
      const prefix = field(byReason(lines, 'BOUND6'), 'prefix');
      t.match(prefix, /^2001:db8:8000:(?:[0-9a-f]{1,2}00:)?:\/56$/, `delegated ${prefix}`);
      const address = prefix.split('/')[0]!;
      const firstExpire = Number(
        leaseRows(leaseFile).find((r) => r.address === address && r.lease_type === '2')?.expire,
      );
      const rebound = byReason(lines, 'REBIND6');
      t.equal(field(rebound, 'prefix'), prefix, 'REBIND6 with the same prefix');
      t.equal(field(rebound, 'oldprefix'), prefix, 'which is the one the client had');
      t.equal(
        await statistic(sock, 'pkt6-rebind-received'),
        rebindsBefore + 1,
        'pkt6-rebind-received counts the REBIND',
      );
      t.equal(await statistic(sock, 'subnet[1].assigned-pds'), 1, 'still one prefix assigned');
      const rows = leaseRows(leaseFile).filter((r) => r.address === address && r.lease_type === '2');
      const lastExpire = Number(rows.at(-1)?.expire);
      t.ok(
        lastExpire > firstExpire,
        `the prefix expiry moved on in the CSV: ${firstExpire} -> ${lastExpire}`,
      );
      t.equal(rows.at(-1)?.prefix_len, '56');
    });
  },
);
