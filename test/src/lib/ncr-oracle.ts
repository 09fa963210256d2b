// The DDNS oracle tests' shared parts (v4 and v6): a UDP listener standing in for D2 in the server
// namespace (one JSON line per NameChangeRequest, with its 2-byte length prefix checked), one play of the
// scenarios against a server program (real Kea's or ours) with it, the lease file's last row per address
// (expire aside), and the field-by-field comparison of two NCR sequences.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Test } from 'tap';
import { startProgram, writeJson } from './harness.js';
import type { NetnsPair } from './netns.js';

export const NCR_PORT = 53001;

const LISTENER = `
import dgram from 'node:dgram';
import { appendFileSync } from 'node:fs';
const s = dgram.createSocket('udp4');
s.on('message', (m) => {
  appendFileSync(process.argv[2], JSON.stringify({ len: m.readUInt16BE(0), size: m.length, json: m.subarray(2).toString('utf8') }) + '\\n');
});
s.bind(${NCR_PORT}, '127.0.0.1', () => console.log('listening'));
`;

export interface ReceivedNcr {
  /** The length prefix, the datagram's size and the JSON after the prefix. */
  len: number;
  size: number;
  json: string;
}

export interface Played {
  answers: (string | null)[][];
  ncrs: ReceivedNcr[];
  leases: Record<string, string>;
  /** The server's output (its loggers write to stdout). */
  log: string;
}

function readNcrs(path: string): ReceivedNcr[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ReceivedNcr);
}

/** The last row of each address in a lease file, without the expire column. */
function leaseRows(path: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
  const expire = lines[0]!.split(',').indexOf('expire');
  for (const l of lines.slice(1)) {
    const cols = l.split(',');
    cols.splice(expire, 1);
    out[cols[0]!] = cols.join(',');
  }
  return out;
}

/**
 * Starts the listener and `program` (with the config `config(leaseFile)`) in the server namespace, plays
 * the sender script from the client namespace (asynchronously, so the daemons' output pipes are drained
 * meanwhile), stops both and returns the answers, the NCRs received and the lease file's rows.
 * KEA_TS_KEEP_LOGS=<dir> keeps the daemon's output there.
 */
export async function playWithNcrListener(
  t: Test,
  net: NetnsPair,
  dir: string,
  o: {
    who: string;
    program: string;
    config: (leaseFile: string) => unknown;
    started: RegExp;
    sender: string;
    input: string;
  },
): Promise<Played> {
  const listener = join(dir, 'ncr-listener.mjs');
  writeFileSync(listener, LISTENER);
  const ncrFile = join(dir, `${o.who}-ncr.jsonl`);
  const l = startProgram(t, ...net.argv(net.server, process.execPath, [listener, ncrFile]));
  await l.waitFor(/listening/, 10_000);
  const leaseFile = join(dir, `${o.who}-leases.csv`);
  const conf = writeJson(join(dir, `${o.who}.conf`), o.config(leaseFile));
  const env = { KEA_PIDFILE_DIR: dir, KEA_LOCKFILE_DIR: dir };
  const server = startProgram(t, ...net.argv(net.server, o.program, ['-c', conf]), env);
  await server.waitFor(o.started, 20_000);
  const run = net.start(net.client, process.execPath, [o.sender, o.input]);
  await run.exited;
  await new Promise((res) => setTimeout(res, 500));
  await server.stop();
  await l.stop();
  const keep = process.env.KEA_TS_KEEP_LOGS;
  if (keep) writeFileSync(join(keep, `${o.who}.log`), server.output());
  if (run.child.exitCode !== 0) throw new Error(`sender failed: ${run.output()}`);
  const played = {
    answers: JSON.parse(run.output()),
    ncrs: readNcrs(ncrFile),
    leases: leaseRows(leaseFile),
    log: server.output(),
  };
  if (keep) writeFileSync(join(keep, `${o.who}-played.json`), JSON.stringify(played, null, 1));
  return played;
}

/** The message IDs `logger` wrote, in order (DEBUG lines included). */
export function loggerIds(log: string, logger: string): string[] {
  const at = `[${logger}/`;
  return log
    .split('\n')
    .filter((l) => l.includes(at))
    .map((l) => /\] ([A-Z0-9_]+) /.exec(l.slice(l.indexOf(at)))?.[1] ?? '?');
}

/** Kea's lease-expires-on text (YYYYMMDDHHMMSS, UTC) as seconds. */
function expiresOn(v: unknown): number {
  const s = String(v);
  if (!/^\d{14}$/.test(s)) return Number.NaN;
  const n = (a: number, b: number) => Number(s.slice(a, b));
  return Date.UTC(n(0, 4), n(4, 6) - 1, n(6, 8), n(8, 10), n(10, 12), n(12, 14)) / 1000;
}

/** Ours equal to Kea's one by one: the prefix, the members and their order, every field (times near). */
export function compareNcrs(t: Test, ours: ReceivedNcr[], kea: ReceivedNcr[], atLeast: number): void {
  t.ok(kea.length >= atLeast, `Kea sent ${kea.length} NameChangeRequests`);
  t.equal(ours.length, kea.length, 'as many NameChangeRequests as Kea');
  for (let i = 0; i < Math.min(ours.length, kea.length); i++) {
    const o = ours[i]!;
    const oj = JSON.parse(o.json) as Record<string, unknown>;
    const kj = JSON.parse(kea[i]!.json) as Record<string, unknown>;
    t.equal(o.len, o.size - 2, `NCR ${i + 1}: length prefix is the JSON's length`);
    t.same(Object.keys(oj), Object.keys(kj), `NCR ${i + 1}: Kea's members in Kea's order`);
    const oe = expiresOn(oj['lease-expires-on']);
    const ke = expiresOn(kj['lease-expires-on']);
    t.ok(
      Math.abs(oe - ke) < 120,
      `NCR ${i + 1}: lease-expires-on ${String(oj['lease-expires-on'])} near Kea's`,
    );
    delete oj['lease-expires-on'];
    delete kj['lease-expires-on'];
    t.same(
      oj,
      kj,
      `NCR ${i + 1} (${String(kj['change-type'])} ${String(kj.fqdn)} ${String(kj['ip-address'])})`,
    );
  }
}

/** Every answer of ours equal to Kea's after `decode`; returns how many Kea gave (not silence). */
export function compareAnswers(
  t: Test,
  list: readonly { name: string; steps: readonly unknown[] }[],
  ours: Played,
  kea: Played,
  decode: (hex: string | null) => unknown,
): number {
  let answered = 0;
  list.forEach((sc, i) => {
    sc.steps.forEach((_, j) => {
      const k = kea.answers[i]![j]!;
      if (k !== null) answered++;
      t.same(decode(ours.answers[i]![j]!), decode(k), `${sc.name} step ${j + 1}`);
    });
  });
  return answered;
}

/** The message IDs `logger` wrote: ours the same as Kea's, in the same order. */
export function compareLoggerIds(t: Test, ours: Played, kea: Played, logger: string, atLeast: number): void {
  const keaIds = loggerIds(kea.log, logger);
  t.ok(keaIds.length >= atLeast, `Kea wrote ${keaIds.length} ${logger} lines`);
  t.same(loggerIds(ours.log, logger), keaIds, `${logger}: the same message IDs in the same order`);
}
