// Group commit and crash safety of the lease file: the writes of one event-loop turn go out in
// one write(2) in the order issued, each promise settles only once its row is in the file, and a
// process killed with SIGKILL right after a promise settled still has that row on disk.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { MemfileLeaseMgr4, makeLease4 } from '../src/index.js';

const INDEX = fileURLToPath(new URL('../src/index.js', import.meta.url));

function lease(n: number, valid = 3600) {
  return makeLease4({
    address: 0x0a000000 + n,
    hwaddr: Buffer.from([2, 0, 0, (n >> 16) & 255, (n >> 8) & 255, n & 255]),
    validLifetime: valid,
    cltt: 1_800_000_000,
    subnetId: 1,
  });
}

t.test('N writes in one turn: one write call, in order, settled after the write', async (t) => {
  const name = join(t.testdir(), 'l4.csv');
  const mgr = await MemfileLeaseMgr4.open({ name, 'lfc-interval': 0 });
  t.teardown(() => mgr.close());
  const before = mgr.fileWrites;
  const seenAtSettle: number[] = [];
  const all: Promise<unknown>[] = [];
  for (let i = 0; i < 500; i++) {
    all.push(
      mgr.add(lease(i)).then(() => {
        const text = readFileSync(name, 'utf8');
        if (text.includes(`\n10.0.${(i >> 8) & 255}.${i & 255},`)) seenAtSettle.push(i);
      }),
    );
  }
  for (let i = 0; i < 500; i += 2) all.push(mgr.update({ ...lease(i), hostname: `h${i}` }));
  all.push(mgr.delete(lease(499)));
  t.equal(mgr.fileWrites, before, 'nothing written synchronously');
  await Promise.all(all);
  t.equal(mgr.fileWrites - before, 1, 'one write for the whole turn');
  t.equal(seenAtSettle.length, 500, 'every add promise settled with its row already in the file');
  const rows = readFileSync(name, 'utf8').trimEnd().split('\n').slice(1);
  t.equal(rows.length, 500 + 250 + 1);
  t.match(rows[0], /^10\.0\.0\.0,/);
  t.match(rows[499], /^10\.0\.1\.243,/);
  t.match(rows[500], /^10\.0\.0\.0,.*,h0,0,$/, 'updates follow the adds, in order');
  t.match(rows[750], /^10\.0\.1\.243,[^,]*,,0,/, 'the delete comes last');
});

t.test('writes issued while a write is in flight form the next single write', async (t) => {
  const name = join(t.testdir(), 'l4.csv');
  const mgr = await MemfileLeaseMgr4.open({ name, 'lfc-interval': 0 });
  t.teardown(() => mgr.close());
  const before = mgr.fileWrites;
  const first = mgr.add(lease(1));
  await new Promise((r) => setImmediate(r)); // the first write is now under way
  const rest = [mgr.add(lease(2)), mgr.add(lease(3))];
  await new Promise((r) => setImmediate(r));
  const more = [mgr.add(lease(4))];
  await Promise.all([first, ...rest, ...more]);
  t.ok(mgr.fileWrites - before <= 3, `at most one write per turn (${mgr.fileWrites - before})`);
  const rows = readFileSync(name, 'utf8').trimEnd().split('\n').slice(1);
  t.same(
    rows.map((r) => r.split(',')[0]),
    ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'],
  );
  await mgr.commit();
});

t.test('a settled write survives SIGKILL of the server process', async (t) => {
  const dir = t.testdir();
  const name = join(dir, 'l4.csv');
  const script = join(dir, 'writer.mjs');
  writeFileSync(
    script,
    `import { MemfileLeaseMgr4, makeLease4 } from ${JSON.stringify(INDEX)};
const mgr = await MemfileLeaseMgr4.open({ name: ${JSON.stringify(name)}, 'lfc-interval': 0 });
let n = 0;
for (;;) {
  const burst = [];
  for (let k = 0; k < 20; k++, n++) {
    const i = n;
    burst.push(mgr.add(makeLease4({ address: 0x0a000000 + i, hwaddr: Buffer.from([2, 0, 0, i >> 16 & 255, i >> 8 & 255, i & 255]), validLifetime: 60, cltt: 1, subnetId: 1 }))
      .then(() => process.stdout.write(i + '\\n')));
  }
  await Promise.all(burst);
}
`,
  );
  const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
  t.teardown(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  const acked = await new Promise<number>((resolve) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const lines = out.split('\n');
      if (lines.length > 2000) {
        child.kill('SIGKILL');
        resolve(Number(lines[lines.length - 2]));
      }
    });
  });
  await new Promise((r) => child.once('exit', r));
  const rows = readFileSync(name, 'utf8').trimEnd().split('\n').slice(1);
  t.ok(rows.length >= acked + 1, `file has ${rows.length} rows, ${acked + 1} were acknowledged`);
  const last = `10.0.${(acked >> 8) & 255}.${acked & 255},`;
  t.ok(
    rows.some((r) => r.startsWith(last)),
    'the last acknowledged row is in the file',
  );
  const reloaded = await MemfileLeaseMgr4.open({ name, 'lfc-interval': 0 });
  t.ok(reloaded.count() >= acked + 1, 'and loads back');
  await reloaded.close();
});
