// Bad input over the socket under load: while Debian's perfdhcp -6 runs SARR exchanges from the client
// namespace, a sender there sends 100,000 mutated DHCPv6 packets to the server (to ff02::1:2 and to its
// link-local address; client-style from port 546, relay-style from 547): valid SOLICIT/REQUEST/RENEW
// truncated or with flipped bytes, wrong option lengths, IAADDR/IAPREFIX nested in themselves, options
// nested in options, RELAY-FORW nested up to 40 layers, empty or garbage relay-msg, huge options, other
// message types. perfdhcp keeps being served meanwhile. Afterwards the daemon is up and completes a
// normal exchange; every packet it read was either parsed into a message type or counted in
// pkt6-parse-failed (compared with pkt6-received, so kernel loss is allowed); and every pkt6-receive-drop
// is in the log with its DHCP6_* ID.
// Needs root, iproute2 and perfdhcp.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { settledStatistics } from './lib/control.js';
import { LOAD_POOLS, serverDuid, writeDhcp6Config } from './lib/dhcp6-config.js';
import { bin, startProgram, tempDir, waitForFile } from './lib/harness.js';
import { canUseNetns, netnsPair } from './lib/netns.js';

const canRun = canUseNetns() && existsSync('/usr/sbin/perfdhcp');

// argv: server and client link-local addresses, server DUID (hex). Prints how many sends succeeded, per kind.
const SENDER = `
import dgram from 'node:dgram';
const [serverLl, clientLl, sidHex] = process.argv.slice(2);
const sid = Buffer.from(sidHex, 'hex');
const answers = {}; // message type -> answers the server sent back to the sender
const sock = async (port) => {
  const s = dgram.createSocket({ type: 'udp6', reuseAddr: true });
  await new Promise((r) => s.bind(port, clientLl + '%c0', r));
  s.on('message', (m) => { answers[m[0]] = (answers[m[0]] ?? 0) + 1; });
  return s;
};
const client = await sock(546), relay = await sock(547);
let seed = 4242;
const rnd = (n) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
const bytes = (n) => Buffer.from(Array.from({ length: n }, () => rnd(256)));
const u32 = (n) => { const b = Buffer.alloc(4); b.writeUInt32BE(n >>> 0); return b; };
const opt = (code, ...parts) => {
  const body = Buffer.concat(parts.map((p) => (Buffer.isBuffer(p) ? p : Buffer.from(p))));
  const h = Buffer.alloc(4); h.writeUInt16BE(code); h.writeUInt16BE(body.length & 0xffff, 2);
  return Buffer.concat([h, body]);
};
const addr = (i) => Buffer.concat([Buffer.from('20010db8000100000000000000010000', 'hex').subarray(0, 14), Buffer.from([(i >> 8) & 255, i & 255])]);
const iaaddr = (i, ...inner) => opt(5, addr(i), u32(3000), u32(4000), ...inner);
const iaprefix = (i, ...inner) => opt(26, u32(3000), u32(4000), [64], Buffer.from([0x30, 0, 0, 0, 0, 0, (i >> 8) & 255, i & 255]), Buffer.alloc(8), ...inner);
const ia = (code, iaid, ...inner) => opt(code, u32(iaid), u32(0), u32(0), ...inner);
const duid = (i) => Buffer.from([0, 3, 0, 1, 2, 0xfd, (i >> 24) & 255, (i >> 16) & 255, (i >> 8) & 255, i & 255]);
const msg = (type, i, ...opts) => Buffer.concat([Buffer.from([type, (i >> 16) & 255, (i >> 8) & 255, i & 255]), ...opts]);
function base(i) {
  const type = [1, 3, 5][rnd(3)];
  const o = [opt(1, duid(i)), opt(8, [0, 0]), opt(6, [0, 23, 0, 24]), ia(3, i, type === 1 ? [] : iaaddr(i)), ia(25, i, type === 1 ? [] : iaprefix(i))];
  if (type !== 1) o.splice(1, 0, opt(2, sid));
  return msg(type, i, ...o);
}
const forw = (inner, hop, ...extra) => Buffer.concat([Buffer.from([12, hop]), Buffer.from('20010db8000100000000000000000002', 'hex'), Buffer.alloc(16), ...extra, opt(9, inner)]);
function nested(code, depth, leaf) { // an option whose body holds itself, depth times
  let o = leaf;
  for (let d = 0; d < depth; d++) o = code === 5 ? iaaddr(d, o) : code === 26 ? iaprefix(d, o) : code === 3 || code === 25 ? ia(code, d, o) : opt(code, o);
  return o;
}
// Returns [packet, fromRelayPort].
function mutate(i) {
  const p = base(i);
  switch (i % 10) {
    case 0: return [p.subarray(0, rnd(p.length)), false]; // truncated, maybe inside the header
    case 1: { for (let k = 0, n = 1 + rnd(8); k < n; k++) p[rnd(p.length)] = rnd(256); return [p, false]; }
    case 2: { // one option length wrong: past the end, short by one, or zero
      let off = 4; for (let k = rnd(5); k > 0 && off + 4 < p.length; k--) off += 4 + p.readUInt16BE(off + 2);
      const len = p.readUInt16BE(off + 2);
      p.writeUInt16BE([len + 1 + rnd(600), Math.max(0, len - 1), 0, 65535][rnd(4)], off + 2);
      return [p, false];
    }
    case 3: { // IA_NA / IA_PD holding IAADDR / IAPREFIX nested in themselves, or IAs in IAs
      const code = [5, 26, 3, 25][rnd(4)];
      const inner = nested(code, 1 + rnd(40), rnd(2) ? bytes(rnd(6)) : Buffer.alloc(0));
      const outer = code === 5 || code === 3 ? ia(3, i, inner) : ia(25, i, inner);
      return [msg([1, 3, 5][rnd(3)], i, opt(1, duid(i)), opt(2, sid), outer), false];
    }
    case 4: { // options nested in options: vendor options, status codes, option 9 outside a relay
      const leaf = [opt(13, [0, 1], bytes(rnd(20))), opt(17, u32(4491), opt(1, bytes(rnd(9)))), opt(9, base(i + 1))][rnd(3)];
      return [msg(1, i, opt(1, duid(i)), ia(3, i, iaaddr(i, nested([13, 17, 9, 3][rnd(4)], 1 + rnd(30), leaf)))), false];
    }
    case 5: { // RELAY-FORW nested 1 to 40 layers (Kea's hop limit is 32) around a valid message
      let q = base(i);
      for (let d = 0, n = 1 + rnd(40); d < n; d++) q = forw(q, d, rnd(2) ? opt(18, bytes(1 + rnd(8))) : Buffer.alloc(0));
      return [q, true];
    }
    case 6: { // relay-msg empty, garbage, missing or a relay header cut short
      const inner = [Buffer.alloc(0), bytes(1 + rnd(60)), forw(Buffer.alloc(0), 1)][rnd(3)];
      const q = [forw(inner, 0), forw(inner, 0).subarray(0, 34), Buffer.concat([Buffer.from([12, 0]), Buffer.alloc(32), opt(18, [1])]), forw(base(i), 0).subarray(0, 20 + rnd(40))][rnd(4)];
      return [q, true];
    }
    case 7: { // huge options: a few kB in one option (fragmented on the wire), or many large ones
      const big = rnd(4) === 0 ? [opt(16, bytes(2000 + rnd(6000)))] : Array.from({ length: 1 + rnd(6) }, () => opt(1000 + rnd(100), Buffer.alloc(200 + rnd(55), i & 255)));
      return [Buffer.concat([p, ...big]), false];
    }
    case 8: { // other message types, server-to-client ones and unassigned ones, with valid options
      p[0] = [2, 4, 6, 7, 8, 9, 10, 11, 13, 14, 20, 21, 35, 255][rnd(14)];
      return [p, p[0] === 13];
    }
    default: return [p, false]; // unmodified
  }
}
const counts = {};
for (let i = 0; i < 100000; i++) {
  const [packet, fromRelay] = mutate(i);
  const to = rnd(2) ? 'ff02::1:2%c0' : serverLl + '%c0';
  await new Promise((r) => (fromRelay ? relay : client).send(packet, 547, to, (e) => {
    const k = e ? e.code : 'ok'; counts[k] = (counts[k] ?? 0) + 1; r();
  }));
  if (i % 200 === 199) await new Promise((r) => setTimeout(r, 3));
}
await new Promise((r) => setTimeout(r, 500));
process.stdout.write(JSON.stringify({ sent: counts, answers }) + '\\n');
client.close(); relay.close();
`;

/** perfdhcp's counters: [solicits sent, advertises, requests sent, replies]. */
function perfCounts(out: string): number[] | undefined {
  const m =
    /sent packets: (\d+)[\s\S]*?received packets: (\d+)[\s\S]*?sent packets: (\d+)[\s\S]*?received packets: (\d+)/.exec(
      out,
    );
  return m?.slice(1).map(Number);
}

t.test(
  '100,000 mutated DHCPv6 packets under perfdhcp load leave kea-dhcp6 up, every drop counted and logged',
  { skip: canRun ? false : 'needs root, ip netns and perfdhcp', timeout: 120_000 },
  async (t) => {
    const dir = tempDir(t, 'kd6fz-');
    const net = await netnsPair(t, 'kd6fz', { ipv6: true });
    const log = join(dir, 'kea-dhcp6.log');
    // Every drop is logged: by kea-dhcp6.bad-packets at debug levels 15 and 40, a full packet queue
    // (DHCP6_PACKET_QUEUE_FULL) by kea-dhcp6.dhcp6 at 40.
    const loggers = [
      { name: 'kea-dhcp6', severity: 'INFO', output_options: [{ output: log, maxsize: 0 }] },
      ...['kea-dhcp6.bad-packets', 'kea-dhcp6.dhcp6'].map((name) => ({
        name,
        severity: 'DEBUG',
        debuglevel: 40,
        output_options: [{ output: log, maxsize: 0 }],
      })),
    ];
    const { conf, sock } = writeDhcp6Config({ dir, ...LOAD_POOLS, log: loggers });
    const server = startProgram(t, ...net.argv(net.server, bin('kea-dhcp6'), ['-c', conf]), {
      KEA_PIDFILE_DIR: dir,
      KEA_LOCKFILE_DIR: dir,
    });
    await waitForFile(log, /DHCP6_STARTED/, 20_000);
    const sid = serverDuid(dir).replace(/:/g, '');
    const ll = /inet6 (fe80::[0-9a-f:]+)\//.exec(
      net.run(net.server, 'ip', ['-6', 'addr', 'show', 'dev', 's0']).stdout,
    )?.[1];
    t.ok(ll, `server link-local ${ll}`);
    // perfdhcp -6 -l c0 binds the global address of c0 (port 546): the sender uses c0's link-local one.
    const clientLl = /inet6 (fe80::[0-9a-f:]+)\//.exec(
      net.run(net.client, 'ip', ['-6', 'addr', 'show', 'dev', 'c0']).stdout,
    )?.[1];

    // perfdhcp -6: 200 SARR/s (IA_NA + IA_PD) for 20 s from c0's link-local address.
    const perfArgs = ['-6', '-l', 'c0', '-e', 'address-and-prefix'];
    const perf = net.start(net.client, 'perfdhcp', [
      ...perfArgs,
      '-r',
      '200',
      '-R',
      '1000000',
      '-p',
      '20',
      '-d',
      '1',
      '-W',
      '1000000',
    ]);
    await new Promise((r) => setTimeout(r, 2000));

    const script = join(dir, 'sender.mjs');
    writeFileSync(script, SENDER);
    const sent = net.run(net.client, process.execPath, [script, ll ?? '::', clientLl ?? '::', sid], {
      timeout: 60_000,
    });
    t.equal(sent.status, 0, `sender ran\n${sent.stderr}`);
    const { sent: sends, answers } = JSON.parse(sent.stdout || '{}');
    t.same(sends, { ok: 100000 }, 'the sender sent 100,000 mutated packets');
    // Answers to the valid ones among them, RELAY-REPL (13) too: relayed queries were served.
    t.ok(answers?.[7] > 0 && answers?.[13] > 0, `answers to the sender by type: ${JSON.stringify(answers)}`);
    await perf.exited;
    const perfOut = perf.output();

    t.equal(server.child.exitCode, null, 'the daemon is still running');
    const counts = perfCounts(perfOut);
    t.ok(counts, `perfdhcp report\n${perfOut.slice(perfOut.indexOf('***Rate'))}`);
    const [solicits, advertises, requests, replies] = counts ?? [0, 0, 0, 0];
    // The fuzz must not starve real clients: most exchanges still complete (not all: 2 busy cores).
    t.ok(
      replies! >= solicits! / 4,
      `under fuzz: ${solicits} SOLICIT, ${advertises} ADVERTISE, ${requests} REQUEST, ${replies} REPLY`,
    );

    // Let the queue drain, then read the figures.
    const s = await settledStatistics(sock, 'pkt6-received');
    const received = s['pkt6-received'] ?? 0;
    const parseFailed = s['pkt6-parse-failed'] ?? 0;
    const receiveDrop = s['pkt6-receive-drop'] ?? 0;
    const typed = Object.entries(s)
      .filter(([k]) => /^pkt6-.+-received$/.test(k))
      .reduce((sum, [, v]) => sum + v, 0);
    t.comment(JSON.stringify(Object.fromEntries(Object.entries(s).filter(([k]) => k.startsWith('pkt6-')))));
    const fuzzArrived = received - solicits! - requests!;
    t.ok(
      fuzzArrived > 20_000,
      `${fuzzArrived} of the mutated packets reached the server (pkt6-received ${received})`,
    );
    t.ok(fuzzArrived <= 100_000, 'no more than were sent');
    t.ok(
      parseFailed > 10_000 && receiveDrop > parseFailed,
      `pkt6-parse-failed ${parseFailed}, pkt6-receive-drop ${receiveDrop}`,
    );
    // Every drop is in the log with its ID, the parse failures with DHCP6_PACKET_DROP_PARSE_FAIL; a
    // datagram that found the packet queue full was read and dropped before parsing.
    const text = readFileSync(log, 'utf8');
    const ids = new Map<string, number>();
    for (const m of text.matchAll(/\[kea-dhcp6\.bad-packets\/[\d.]+\] (DHCP6_[A-Z0-9_]+)/g))
      ids.set(m[1]!, (ids.get(m[1]!) ?? 0) + 1);
    const queueFull = text.match(/\[kea-dhcp6\.dhcp6\/[\d.]+\] DHCP6_PACKET_QUEUE_FULL /g)?.length ?? 0;
    t.comment(`drop IDs in the log: ${JSON.stringify(Object.fromEntries(ids))}, queue full ${queueFull}`);
    t.equal(
      typed + parseFailed + queueFull,
      received,
      `every packet read was parsed into a type (${typed}), failed to parse or found the queue full`,
    );
    t.equal(
      ids.get('DHCP6_PACKET_DROP_PARSE_FAIL'),
      parseFailed,
      'one DHCP6_PACKET_DROP_PARSE_FAIL per parse failure',
    );
    const logged = [...ids.values()].reduce((x, y) => x + y, 0);
    t.equal(logged + queueFull, receiveDrop, 'one logged drop per pkt6-receive-drop');
    t.match(
      text.split('\n').find((l) => l.includes('DHCP6_PACKET_DROP_PARSE_FAIL')),
      /DEBUG \[kea-dhcp6\.bad-packets\/\d+\.\d+\] DHCP6_PACKET_DROP_PARSE_FAIL failed to parse packet from fe80::\S+ to \S+, received over interface s0, reason: /,
    );

    // Still serving: a short perfdhcp run completes its exchanges.
    const after = net.run(net.client, 'perfdhcp', [...perfArgs, '-r', '20', '-p', '2'], {
      timeout: 20_000,
    });
    const last = perfCounts(after.stdout);
    t.ok(last && last[3]! > 0, `a normal exchange after the fuzzing: ${last?.[3]} REPLY\n${after.stdout}`);
    t.equal(server.child.exitCode, null, 'the daemon is still running at the end');
  },
);
