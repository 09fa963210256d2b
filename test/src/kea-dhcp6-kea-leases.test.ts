// Lease file interchange, real Kea 2.2 -> ours: Debian's /usr/sbin/kea-dhcp6 serves clients from a
// client namespace (hand-built rapid-commit SOLICITs with IA_NA, IA_PD or both; one client then RELEASEs,
// one DECLINEs), is stopped, and our kea-dhcp6 starts on Kea's lease file and Kea's kea-dhcp6-serverid.
// Checked: our lease statistics equal Kea's before it stopped, our answers carry Kea's server DUID, and
// every client of Kea's that RENEWs its binding (with Kea's server id) gets the same address and prefix
// back with fresh lifetimes; a RELEASE and a DECLINE on ours write the rows Kea wrote for its own.
// Namespaces over a veth pair (2001:db8::/32 only), removed whatever happens.
// Needs root, iproute2 and kea-dhcp6-server.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { statistics } from './lib/control.js';
import { leaseRows, serverDuid, writeDhcp6Config } from './lib/dhcp6-config.js';
import { elapsed, ia, message, opt, options, rapid } from './lib/dhcp6-packets.js';
import { bin, type RunningDaemon, startProgram, tempDir } from './lib/harness.js';
import { canUseNetns, type NetnsPair, netnsPair } from './lib/netns.js';

const KEA = '/usr/sbin/kea-dhcp6';
const canRun = canUseNetns() && existsSync(KEA);

const clientId = (n: number) => opt(1, `0003000102000000a${n.toString(16).padStart(3, '0')}`);
let xid = 0x4200;
const msg = (type: number, ...options: Buffer[]) => message(type, ++xid, ...options);

/** What an answer binds: 'na <address>' and 'pd <prefix>/<len>' with their valid lifetimes. */
function bindings(answer: Buffer): { what: string; valid: number }[] {
  const out: { what: string; valid: number }[] = [];
  for (const [code, raw] of options(answer)) {
    if (code !== 3 && code !== 25) continue;
    for (const [sub, s] of options(raw, 16)) {
      if (sub === 5) out.push({ what: `na ${hex6(s.subarray(4, 20))}`, valid: s.readUInt32BE(24) });
      if (sub === 26) out.push({ what: `pd ${hex6(s.subarray(13, 29))}/${s[12]}`, valid: s.readUInt32BE(8) });
    }
  }
  return out;
}
const duidText = (n: number) =>
  clientId(n)
    .subarray(4)
    .toString('hex')
    .replace(/(..)(?!$)/g, '$1:');
const hex6 = (b: Buffer) => b.toString('hex').replace(/(.{4})(?!$)/g, '$1:');

// Runs in the client namespace: sends each packet (after a warm-up INFORMATION-REQUEST once the server
// answers) and waits up to 2 s for the answer with its transaction id; prints the answers (hex or null).
const SENDER = `
import dgram from 'node:dgram';
import { readFileSync } from 'node:fs';
const packets = JSON.parse(readFileSync(process.argv[2], 'utf8')).map((h) => Buffer.from(h, 'hex'));
const s = dgram.createSocket({ type: 'udp6', reuseAddr: true });
await new Promise((r) => s.bind(546, '::', r));
let waiter = null;
s.on('message', (m) => { if (waiter) waiter(m); });
const ask = (p, ms) => new Promise((resolve) => {
  const timer = setTimeout(() => { waiter = null; resolve(null); }, ms);
  waiter = (m) => { if (m.readUIntBE(1, 3) !== p.readUIntBE(1, 3)) return; clearTimeout(timer); waiter = null; resolve(m); };
  s.send(p, 547, 'ff02::1:2%c0');
});
const warm = Buffer.from('0b0000010001000a0003000102000000afff000800020000', 'hex');
for (let i = 0; i < 40 && !(await ask(warm, 250)); i++);
const out = [];
for (const p of packets) { const a = await ask(p, 2000); out.push(a ? a.toString('hex') : null); }
process.stdout.write(JSON.stringify(out));
process.exit(0);
`;

function play(net: NetnsPair, dir: string, packets: Buffer[]): (Buffer | null)[] {
  const input = join(dir, `packets-${xid}.json`);
  writeFileSync(input, JSON.stringify(packets.map((p) => p.toString('hex'))));
  const r = net.run(net.client, process.execPath, [join(dir, 'sender.mjs'), input], { timeout: 60_000 });
  if (r.status !== 0) throw new Error(`sender failed: ${r.stderr}`);
  return (JSON.parse(r.stdout) as (string | null)[]).map((h) => (h === null ? null : Buffer.from(h, 'hex')));
}

/** The lease statistics (not the cumulative counters, which start at 0 in every run). */
function leaseStats(all: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(all).filter(
      ([k]) => /(assigned|total|declined)-(nas|pds|addresses)$/.test(k) && !k.includes('cumulative'),
    ),
  );
}

t.test(
  "our kea-dhcp6 takes over real Kea 2.2's lease file and server DUID",
  { skip: canRun ? false : 'needs root, ip netns and kea-dhcp6-server', timeout: 90_000 },
  async (t) => {
    const dir = tempDir(t, 'kd6kl-');
    const net = await netnsPair(t, 'kd6kl', { ipv6: true });
    writeFileSync(join(dir, 'sender.mjs'), SENDER);
    const { conf, leaseFile, sock } = writeDhcp6Config({
      dir,
      globals: { 'preferred-lifetime': 3000, 'valid-lifetime': 4000 },
      subnet: { 'rapid-commit': true },
    });
    const env = { KEA_PIDFILE_DIR: dir, KEA_LOCKFILE_DIR: dir };
    const started = async (d: RunningDaemon) => {
      await d.waitFor(/DHCP6_STARTED/, 20_000);
      return d;
    };

    // Kea serves nine clients: IA_NA only, IA_PD only, and both (two of each IA in client 9).
    const ias = (n: number): Buffer[] => {
      const na = ia(3, n);
      const pd = ia(25, 100 + n);
      if (n === 9) return [na, ia(3, 50), pd, ia(25, 150)];
      return n % 3 === 0 ? [na] : n % 3 === 1 ? [pd] : [na, pd];
    };
    const clients = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    const kea = await started(startProgram(t, ...net.argv(net.server, KEA, ['-c', conf]), env));
    const replies = play(
      net,
      dir,
      clients.map((n) => msg(1, clientId(n), elapsed, rapid, ...ias(n))),
    );
    const keaDuid = serverDuid(dir);
    const given = new Map<number, { reply: Buffer; serverId: Buffer; bound: string[] }>();
    clients.forEach((n, i) => {
      const reply = replies[i];
      if (reply?.[0] !== 7) throw new Error(`Kea gave client ${n} no REPLY: ${reply?.toString('hex')}`);
      const serverId = options(reply).find(([c]) => c === 2)![1];
      given.set(n, { reply, serverId, bound: bindings(reply).map((b) => b.what) });
    });
    t.equal(
      given.get(1)!.serverId.subarray(4).toString('hex'),
      keaDuid.replaceAll(':', ''),
      `Kea answers with the DUID of its kea-dhcp6-serverid (${keaDuid})`,
    );
    t.equal([...given.values()].flatMap((g) => g.bound).length, 15, 'Kea bound 15 addresses and prefixes');

    // Client 7 releases its prefix, client 6 declines its address.
    const iaOptions = (reply: Buffer) =>
      options(reply)
        .filter(([c]) => c === 3 || c === 25)
        .map(([, raw]) => raw);
    const [released, declined] = play(net, dir, [
      msg(8, clientId(7), given.get(7)!.serverId, elapsed, ...iaOptions(given.get(7)!.reply)),
      msg(9, clientId(6), given.get(6)!.serverId, elapsed, ...iaOptions(given.get(6)!.reply)),
    ]);
    t.equal(released?.[0], 7, 'Kea answered the RELEASE');
    t.equal(declined?.[0], 7, 'Kea answered the DECLINE');
    const keaStats = leaseStats(await statistics(sock));
    t.comment(JSON.stringify(keaStats));
    t.equal(keaStats['subnet[1].assigned-nas'], 7, "Kea's assigned-nas (the declined address included)");
    t.equal(keaStats['subnet[1].assigned-pds'], 7, "Kea's assigned-pds (one released)");
    t.equal(keaStats['subnet[1].declined-addresses'], 1, "Kea's declined-addresses");
    await kea.stop();

    const ours = await started(startProgram(t, ...net.argv(net.server, bin('kea-dhcp6'), ['-c', conf]), env));
    t.same(leaseStats(await statistics(sock)), keaStats, "our lease statistics on Kea's file equal Kea's");
    t.equal(serverDuid(dir), keaDuid, 'kea-dhcp6-serverid kept as Kea wrote it');

    // Every client of Kea's still bound renews with Kea's server id and the IAs Kea gave it.
    const renewing = clients.filter((n) => n !== 6 && n !== 7);
    const renewed = play(
      net,
      dir,
      renewing.map((n) =>
        msg(5, clientId(n), given.get(n)!.serverId, elapsed, ...iaOptions(given.get(n)!.reply)),
      ),
    );
    renewing.forEach((n, i) => {
      const reply = renewed[i];
      if (!reply) {
        t.fail(`client ${n}: no answer to its RENEW\n${ours.output()}`);
        return;
      }
      t.equal(reply[0], 7, `client ${n}: REPLY`);
      t.same(
        options(reply).find(([c]) => c === 2)?.[1],
        given.get(n)!.serverId,
        `client ${n}: with Kea's server id`,
      );
      const b = bindings(reply);
      t.same(
        b.map((x) => x.what),
        given.get(n)!.bound,
        `client ${n}: the same bindings (${given.get(n)!.bound.join(', ')})`,
      );
      t.ok(
        b.every((x) => x.valid === 4000),
        `client ${n}: every binding renewed for the valid-lifetime`,
      );
    });
    t.same(leaseStats(await statistics(sock)), keaStats, 'renewing took no new lease');

    // A RELEASE is written as Kea 2.2 wrote client 7's: the row kept with valid and preferred lifetimes
    // 0, expiring at its last transmission time, in the default state.
    const rowsOf = (n: number, iaid: number) =>
      leaseRows(leaseFile).filter((r) => r.duid === duidText(n) && r.iaid === String(iaid));
    const asReleased = (rows: Record<string, string>[]) => {
      const [before, last] = rows.slice(-2) as [Record<string, string>, Record<string, string>];
      return {
        valid: last.valid_lifetime,
        preferred: last.pref_lifetime,
        state: last.state,
        expiresAtCltt: Number(last.expire) === Number(before.expire) - Number(before.valid_lifetime),
      };
    };
    const releaseRow = { valid: '0', preferred: '0', state: '0', expiresAtCltt: true };
    t.same(asReleased(rowsOf(7, 107)), releaseRow, "Kea's release row of client 7's prefix");
    const [ourRelease] = play(net, dir, [
      msg(
        8,
        clientId(8),
        given.get(8)!.serverId,
        elapsed,
        ...iaOptions(given.get(8)!.reply).filter((o) => o.readUInt16BE(0) === 25),
      ),
    ]);
    t.equal(ourRelease?.[0], 7, 'our REPLY to the RELEASE of client 8');
    const ourRow = asReleased(rowsOf(8, 108));
    t.same(
      ourRow,
      releaseRow,
      "our release row of client 8's prefix is Kea's: both lifetimes 0, expire at cltt, state 0",
    );
    t.equal(
      (await statistics(sock))['subnet[1].assigned-pds'],
      (keaStats['subnet[1].assigned-pds'] ?? 0) - 1,
      'assigned-pds one less',
    );

    // A DECLINE is written as Kea wrote client 6's: no DUID ("00") nor hardware address, the probation
    // period as valid lifetime from now, preferred lifetime 0, state 1 (declined).
    const asDeclined = (r: Record<string, string> | undefined) => ({
      duid: r?.duid,
      valid: r?.valid_lifetime,
      preferred: r?.pref_lifetime,
      hwaddr: r?.hwaddr,
      state: r?.state,
      fromNow: Math.abs(Number(r?.expire) - Number(r?.valid_lifetime) - Date.now() / 1000) < 30,
    });
    const declinedRow = { duid: '00', valid: '86400', preferred: '0', hwaddr: '', state: '1', fromNow: true };
    const keaDeclined = leaseRows(leaseFile).filter((r) => r.state === '1');
    t.same(asDeclined(keaDeclined.at(-1)), declinedRow, "Kea's decline row of client 6's address");
    const [ourDecline] = play(net, dir, [
      msg(
        9,
        clientId(9),
        given.get(9)!.serverId,
        elapsed,
        ...iaOptions(given.get(9)!.reply).filter((o) => o.readUInt32BE(4) === 50),
      ),
    ]);
    t.equal(ourDecline?.[0], 7, 'our REPLY to the DECLINE of client 9');
    const ourDeclined = leaseRows(leaseFile).filter((r) => r.state === '1');
    t.equal(ourDeclined.length, keaDeclined.length + 1, 'one more declined row');
    t.same(asDeclined(ourDeclined.at(-1)), declinedRow, 'ours is alike');
    t.equal(
      (await statistics(sock))['subnet[1].declined-addresses'],
      (keaStats['subnet[1].declined-addresses'] ?? 0) + 1,
      'declined-addresses one more',
    );
  },
);
