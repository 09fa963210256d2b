// Our schema and kea-admin against real Kea 2.2's, on the machine's PostgreSQL and MariaDB: a
// database our db-init made is accepted by real kea-admin (db-version, db-upgrade, lease-dump) and
// one real db-init made serves our lease managers; for the same rows the lease dumps of both
// programs are byte-equal and the statistics tables agree; lease-upload stores the same rows.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LEASE4_SCHEMA, parseLease4Row } from '@kea-ts/dhcpsrv';
import { parseIPv4 } from '@kea-ts/util';
import t from 'tap';
import { tempDir } from './lib/harness.js';
import { scratchMysql, scratchPgsql } from './lib/scratch-db.js';
import {
  admin,
  BACKENDS,
  type Backend,
  LEASES4,
  LEASES6,
  open4,
  open6,
  tableRows,
} from './lib/sql-compat.js';

const LATEST: Record<Backend, string> = { pgsql: '13.0', mysql: '14.0' };
const scratch = (t: Parameters<typeof scratchPgsql>[0], b: Backend) =>
  b === 'pgsql' ? scratchPgsql(t) : scratchMysql(t);
const STAT_TABLES = [
  'lease4_stat',
  'lease6_stat',
  'lease4_stat_by_client_class',
  'lease6_stat_by_client_class',
];

/** Writes the lease sets through our managers, then changes some so every trigger path runs. */
async function writeLeases(b: Backend, name: string): Promise<void> {
  const m4 = await open4(b, name);
  const m6 = await open6(b, name);
  try {
    for (const l of LEASES4) await m4.add(l);
    for (const l of LEASES6) await m6.add(l);
    await m4.update({ ...LEASES4[1]!, state: 2 });
    await m6.update({ ...LEASES6[1]!, subnetId: 3 });
    await m4.add({ ...LEASES4[1]!, address: LEASES4[1]!.address + 100 });
    await m4.delete({ ...LEASES4[1]!, address: LEASES4[1]!.address + 100 });
  } finally {
    await m4.close();
    await m6.close();
  }
}

for (const b of BACKENDS) {
  t.test(b, async (t) => {
    const ours = await scratch(t, b);
    const theirs = await scratch(t, b);
    const dir = tempDir(t);

    await t.test('db-init by each program; db-version and db-upgrade by the other', async (t) => {
      const init = admin('ours', 'db-init', b, ours);
      t.equal(init.status, 0, init.stdout + init.stderr);
      t.match(init.stdout, `Database version reported after initialization: ${LATEST[b]}\n`);
      t.equal(admin('real', 'db-init', b, theirs).status, 0);
      const real = admin('real', 'db-version', b, ours);
      t.equal(real.status, 0, real.stderr);
      t.equal(
        real.stdout,
        b === 'mysql' ? `${LATEST[b]}\n\n` : `${LATEST[b]}\n`,
        'real kea-admin reads our version',
      );
      t.equal(admin('ours', 'db-version', b, theirs).stdout, real.stdout, 'ours prints what real prints');
      const up = admin('real', 'db-upgrade', b, ours);
      t.equal(up.status, 0, up.stderr);
      t.match(up.stdout, `Database version reported after upgrade: ${LATEST[b]}`);
      t.notMatch(up.stdout, /ERROR/);
      const ourUp = admin('ours', 'db-upgrade', b, theirs);
      t.equal(ourUp.status, 0);
      t.match(ourUp.stdout, `already at the latest version (${LATEST[b]})`);
      const again = admin('ours', 'db-init', b, theirs);
      t.equal(again.status, b === 'pgsql' ? 2 : 1, 'db-init refuses a database with tables');
      t.match(again.stdout, `ERROR/kea-admin: Expected empty database ${theirs}.`);
    });

    await t.test('the same writes give byte-equal dumps and equal statistics', async (t) => {
      await writeLeases(b, ours);
      await writeLeases(b, theirs);
      for (const family of [4, 6] as const) {
        const dumps = new Map<string, string>();
        for (const which of ['real', 'ours'] as const) {
          for (const db of [ours, theirs]) {
            const file = join(dir, `${which}-${db}-${family}.csv`);
            const r = admin(which, 'lease-dump', b, db, [`-${family}`, '-o', file, '-y']);
            t.equal(r.status, 0, r.stdout + r.stderr);
            dumps.set(`${which} kea-admin on ${db === ours ? 'our' : "Kea's"} schema`, readText(file));
          }
        }
        const [first, ...rest] = [...dumps.entries()];
        for (const [label, text] of rest) t.equal(text, first![1], `v${family}: ${label} = ${first![0]}`);
        t.equal(first![1].split('\n').length, 5, `v${family}: header, three leases, final newline`);
        if (family === 4) {
          // The dump is a memfile file: its rows read back as the leases written.
          const lines = first![1].trim().split('\n');
          t.equal(lines[0], LEASE4_SCHEMA.header);
          const byAddr = new Map(
            lines
              .slice(1)
              .map((l) => parseLease4Row(l.split(',')))
              .map((l) => [l.address, l]),
          );
          t.strictSame(byAddr.get(LEASES4[0]!.address), LEASES4[0]);
        }
      }
      for (const table of STAT_TABLES) {
        const sql = `SELECT * FROM ${table} ORDER BY ${table === 'lease6_stat' ? '1, 2, 3' : '1, 2'}`;
        t.same(await tableRows(b, ours, sql), await tableRows(b, theirs, sql), `${table} agrees`);
      }
      t.same(
        await tableRows(b, ours, 'SELECT subnet_id, state, leases FROM lease4_stat ORDER BY 1, 2'),
        [
          [1, 0, 1],
          [2, 1, 1],
        ],
        'lease4_stat: subnet 1 has one assigned lease, subnet 2 one declined',
      );
    });

    await t.test('stats-recount and an existing dump file, as real kea-admin', async (t) => {
      const stats = 'SELECT * FROM lease4_stat ORDER BY 1, 2';
      const want = await tableRows(b, theirs, stats);
      for (const db of [ours, theirs]) await tableRows(b, db, 'UPDATE lease4_stat SET leases = 99');
      const real = admin('real', 'stats-recount', b, theirs);
      const mine = admin('ours', 'stats-recount', b, ours);
      t.equal(mine.status, real.status);
      t.equal(mine.stdout, real.stdout);
      t.same(await tableRows(b, ours, stats), want, 'our recount restores the counts');
      t.same(await tableRows(b, theirs, stats), want, "Kea's recount agrees");
      const file = join(dir, 'exists.csv');
      writeFileSync(file, 'keep me\n');
      const r = admin('real', 'lease-dump', b, ours, ['-4', '-o', file]);
      const o = admin('ours', 'lease-dump', b, ours, ['-4', '-o', file]);
      t.equal(o.status, 1);
      t.equal(o.status, r.status);
      t.equal(o.stdout, r.stdout, 'the same question and refusal without a terminal');
      t.equal(readText(file), 'keep me\n');
    });

    await t.test('our leases read back from the schema Kea made', async (t) => {
      const m4 = await open4(b, theirs);
      const m6 = await open6(b, theirs);
      t.teardown(async () => {
        await m4.close();
        await m6.close();
      });
      t.strictSame(await m4.get(LEASES4[0]!.address), LEASES4[0]);
      t.strictSame(await m6.get(0, LEASES6[0]!.address), LEASES6[0]);
      // Address order without our own index or column: what the allocator's pool survey asks.
      const v6 = (await m6.getAll()).map((l) => Buffer.from(l.address).toString('hex'));
      t.same(v6, [...v6].sort(), 'getAll in address order');
      t.same((await m6.getPage(LEASES6[2]!.address, 10)).length, 2, 'the page after 2001:db8::9');
      t.same(
        (await m4.getPage(null, 2)).map((l) => l.address),
        [parseIPv4('10.0.0.1'), parseIPv4('192.0.2.9')],
      );
    });

    await t.test('lease-upload stores the same rows as real kea-admin', async (t) => {
      for (const db of [ours, theirs]) await tableRows(b, db, 'DELETE FROM lease4');
      const csv = join(dir, 'upload4.csv');
      writeFileSync(
        csv,
        `${LEASE4_SCHEMA.header}\n` +
          '192.0.2.1,01:02:03:04:05:06,,100,1800000100,1,0,0,a&#x2cb,0,\n' +
          '192.0.2.2,01:02:03:04:05:07,01:aa,100,1800000100,1,1,1,,0,{ "x": 1 }\n' +
          '192.0.2.1,01:02:03:04:05:06,,200,1800000200,1,0,0,c,0,\n' +
          '192.0.2.2,01:02:03:04:05:07,01:aa,0,1800000100,1,1,1,,0,\n' +
          '192.0.2.3,,,100,1800000100,2,0,0,,1,\n',
      );
      const real = admin('real', 'lease-upload', b, theirs, ['-4', '-i', csv, '-y']);
      t.equal(real.status, 0, real.stdout + real.stderr);
      const mine = admin('ours', 'lease-upload', b, ours, ['-4', '-i', csv]);
      t.equal(mine.status, 0, mine.stdout + mine.stderr);
      t.match(mine.stdout, 'INFO/kea-admin: Successfully updated table lease4.');
      const a = join(dir, 'up-ours.csv');
      const c = join(dir, 'up-theirs.csv');
      admin('real', 'lease-dump', b, ours, ['-4', '-o', a, '-y']);
      admin('real', 'lease-dump', b, theirs, ['-4', '-o', c, '-y']);
      t.equal(readText(a), readText(c));
      t.equal(readText(a).split('\n').length, 4, 'two leases survive the reduction');
    });
  });
}

function readText(file: string): string {
  return readFileSync(file, 'utf8');
}
