// kea-lfc on real lease files: files written by our memfile manager are compacted by our
// kea-lfc and by Kea 2.2's /usr/sbin/kea-lfc into byte-identical results; the finish-file and
// PID-file rules; and a full LFC cycle driven by the memfile manager's lfc-interval timer.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemfileLeaseMgr4, MemfileLeaseMgr6, makeLease4, makeLease6 } from '@kea-ts/dhcpsrv';
import t from 'tap';
import { haveRealLfc, OUR_LFC, REAL_LFC, runLfcOn } from './helpers.js';

const T0 = 1_800_000_000;

async function writeV4(name: string, from: number, to: number): Promise<void> {
  const mgr = await MemfileLeaseMgr4.open({ name, 'lfc-interval': 0 });
  for (let i = from; i < to; i++) {
    await mgr.add(
      makeLease4({
        address: 0xc0000000 + ((i * 7919) % 65536),
        hwaddr: i % 5 === 0 ? null : Buffer.from([0x1a, 0x1b, 0x1c, 0x1d, i >> 8, i & 255]),
        clientId: i % 3 === 0 ? Buffer.from([1, i & 255, 9]) : null,
        validLifetime: 4000,
        cltt: T0 + i,
        subnetId: 1 + (i % 4),
        fqdnFwd: i % 2 === 0,
        hostname: i % 7 === 0 ? `h${i},x&y` : '',
        state: i % 5 === 0 ? 1 : i % 11 === 0 ? 2 : 0,
        userContext: i % 6 === 0 ? { a: i, b: 'x,y', c: [1, { d: null }], e: 0.5 } : null,
      }),
    );
  }
  // Renew some, delete some: only the last row of an address may survive.
  for (let i = from; i < to; i += 10) {
    const l = await mgr.get(0xc0000000 + ((i * 7919) % 65536));
    if (l !== null) await mgr.update({ ...l, cltt: l.cltt + 100, hostname: 'renewed' });
  }
  for (let i = from + 3; i < to; i += 13)
    await mgr.delete(makeLease4({ address: 0xc0000000 + ((i * 7919) % 65536) }));
  await mgr.close();
}

async function writeV6(name: string, from: number, to: number): Promise<void> {
  const mgr = await MemfileLeaseMgr6.open({ name, 'lfc-interval': 0 });
  for (let i = from; i < to; i++) {
    const address = Buffer.alloc(16);
    address.writeUInt32BE(0x20010db8, 0);
    address.writeUInt32BE((i * 7919) % 65536, 12);
    const pd = i % 4 === 0;
    await mgr.add(
      makeLease6({
        address,
        type: pd ? 2 : 0,
        prefixLen: pd ? 64 : 128,
        iaid: i,
        duid: i % 9 === 0 && i % 5 === 0 ? Buffer.from([0]) : Buffer.from([0, 1, 0, 1, i >> 8, i & 255]),
        preferredLifetime: 3000,
        validLifetime: 4000,
        cltt: T0 + i,
        subnetId: 1 + (i % 3),
        hostname: i % 7 === 0 ? `h${i},x` : '',
        hwaddr: i % 2 === 0 ? Buffer.from([0x1a, 0, 0, 0, i >> 8, i & 255]) : null,
        hwtype: 1,
        hwaddrSource: i % 2 === 0 ? 4 : 0,
        state: i % 9 === 0 && i % 5 === 0 ? 1 : 0,
        userContext: i % 6 === 0 ? { k: `v${i}`, n: [i] } : null,
      }),
    );
  }
  for (let i = from + 3; i < to; i += 13) {
    const address = Buffer.alloc(16);
    address.writeUInt32BE(0x20010db8, 0);
    address.writeUInt32BE((i * 7919) % 65536, 12);
    await mgr.delete(makeLease6({ address }));
  }
  await mgr.close();
}

/** .2 from one memfile session, .1 from a second that overlaps it. */
async function lfcInput(dir: string, family: 4 | 6): Promise<string> {
  const name = join(dir, `l${family}.csv`);
  const write = family === 4 ? writeV4 : writeV6;
  await write(join(dir, 'prev.csv'), 0, 600);
  renameSync(join(dir, 'prev.csv'), `${name}.2`);
  await write(join(dir, 'copy.csv'), 400, 1000);
  renameSync(join(dir, 'copy.csv'), `${name}.1`);
  return name;
}

for (const family of [4, 6] as const) {
  t.test(
    `v${family}: our kea-lfc and Kea's produce the same file`,
    { skip: !haveRealLfc() && 'no Kea' },
    async (t) => {
      const base = t.testdir({ ours: {}, theirs: {} });
      const ours = join(base, 'ours');
      const name = await lfcInput(ours, family);
      const theirs = join(base, 'theirs');
      cpSync(ours, theirs, { recursive: true });
      const a = runLfcOn(OUR_LFC, family, name);
      const b = runLfcOn(REAL_LFC, family, join(theirs, `l${family}.csv`));
      t.equal(a.status, 0, a.out);
      t.equal(b.status, 0, b.out);
      t.same(readdirSync(ours).sort(), readdirSync(theirs).sort(), 'same files left');
      t.notOk(existsSync(`${name}.1`), 'copy removed');
      t.notOk(existsSync(`${name}.completed`), 'finish renamed');
      t.notOk(existsSync(`${name}.pid`), 'PID file removed');
      const mine = readFileSync(`${name}.2`, 'utf8');
      t.ok(mine.split('\n').length > 500, 'a real amount of leases');
      t.equal(mine, readFileSync(join(theirs, `l${family}.csv.2`), 'utf8'), 'byte-identical .2');
    },
  );
}

t.test('an existing finish file is only rotated; a live PID file stops the run', async (t) => {
  const dir = t.testdir();
  const name = join(dir, 'l4.csv');
  const H =
    'address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context';
  writeFileSync(`${name}.completed`, `${H}\n10.0.0.9,01:02,,5,6,1,0,0,,0,\n`);
  writeFileSync(`${name}.1`, `${H}\n10.0.0.1,01:02,,5,6,1,0,0,,0,\n`);
  const sleeper = spawn('sleep', ['30'], { stdio: 'ignore' });
  t.teardown(() => sleeper.kill());
  writeFileSync(`${name}.pid`, `${sleeper.pid}\n`);
  const blocked = runLfcOn(OUR_LFC, 4, name);
  t.equal(blocked.status, 0);
  t.match(blocked.out, /LFC_RUNNING/);
  t.ok(existsSync(`${name}.1`), 'nothing touched');
  sleeper.kill();
  await new Promise((r) => sleeper.once('exit', r));
  const r = runLfcOn(OUR_LFC, 4, name);
  t.equal(r.status, 0, r.out);
  t.equal(readFileSync(`${name}.2`, 'utf8'), `${H}\n10.0.0.9,01:02,,5,6,1,0,0,,0,\n`);
  t.notOk(existsSync(`${name}.1`));
  t.notOk(existsSync(`${name}.pid`));
});

t.test('lfc-interval drives a full cycle with our kea-lfc while leases keep being written', async (t) => {
  const dir = t.testdir();
  const name = join(dir, 'l4.csv');
  const mgr = await MemfileLeaseMgr4.open({ name, 'lfc-interval': 1, lfcExecutable: OUR_LFC });
  t.teardown(() => mgr.close());
  const mk = (i: number, host = '') =>
    makeLease4({
      address: 0x0a000000 + i,
      hwaddr: Buffer.from([2, 0, 0, 0, 0, i]),
      validLifetime: 600,
      cltt: T0,
      subnetId: 1,
      hostname: host,
    });
  for (let i = 1; i <= 50; i++) await mgr.add(mk(i));
  for (let i = 1; i <= 50; i++) await mgr.update(mk(i, 'v2'));
  // Keep serving until the cycle has happened.
  let i = 51;
  while (!existsSync(`${name}.2`) || existsSync(`${name}.1`)) {
    await mgr.add(mk(i++ % 250));
    await new Promise((r) => setTimeout(r, 20));
  }
  await mgr.lfc!.settle();
  t.equal(mgr.lfc!.lastExitCode, 0);
  const prev = readFileSync(`${name}.2`, 'utf8').trimEnd().split('\n');
  t.ok(prev.length >= 51, 'the compacted file has one row per lease');
  t.equal(new Set(prev.map((r) => r.split(',')[0])).size, prev.length, 'no address twice');
  const current = readFileSync(name, 'utf8').split('\n');
  t.equal(current[0]!.split(',')[0], 'address', 'a fresh current file starts with the header');
  const inMemory = (await mgr.getAll()).map((l) => `${l.address}:${l.hostname}`);
  await mgr.close();
  const reloaded = await MemfileLeaseMgr4.open({ name, 'lfc-interval': 0 });
  t.same(
    (await reloaded.getAll()).map((l) => `${l.address}:${l.hostname}`),
    inMemory,
    'reload after LFC loses nothing',
  );
  await reloaded.close();
});
