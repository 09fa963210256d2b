// Loading as Kea's loadLeasesFromFiles: .completed alone if present, else .2 then .1, then the
// current file; the last row per address wins; valid_lifetime 0 erases; old headers load with
// defaults; bad rows against max-row-errors; a live kea-lfc PID file blocks loading.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { MemfileLeaseMgr4, MemfileLeaseMgr6 } from '../src/index.js';

const H4 =
  'address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context';
const row = (ip: string, host: string, valid = 100) =>
  `${ip},01:02:03:04:05:06,,${valid},2000000000,1,0,0,${host},0,`;

function files(dir: string, content: Record<string, string[]>) {
  for (const [suffix, rows] of Object.entries(content)) {
    writeFileSync(join(dir, `l4.csv${suffix}`), `${[H4, ...rows].join('\n')}\n`);
  }
}

async function hosts(name: string, opts = {}) {
  const mgr = await MemfileLeaseMgr4.open({ name, 'lfc-interval': 0, ...opts });
  const all = (await mgr.getAll()).map((l) => `${l.address & 255}:${l.hostname}`);
  await mgr.close();
  return all;
}

t.test('.2 then .1 then current, last row wins, valid 0 erases', async (t) => {
  const dir = t.testdir();
  files(dir, {
    '.2': [row('10.0.0.1', 'prev'), row('10.0.0.2', 'prev'), row('10.0.0.3', 'prev')],
    '.1': [row('10.0.0.2', 'copy'), row('10.0.0.3', 'x', 0)],
    '': [row('10.0.0.4', 'cur'), row('10.0.0.1', 'cur'), row('10.0.0.4', 'cur2')],
  });
  t.same(await hosts(join(dir, 'l4.csv')), ['1:cur', '2:copy', '4:cur2']);
});

t.test('.completed replaces .2 and .1', async (t) => {
  const dir = t.testdir();
  files(dir, {
    '.completed': [row('10.0.0.9', 'done')],
    '.2': [row('10.0.0.1', 'prev')],
    '.1': [row('10.0.0.2', 'copy')],
    '': [row('10.0.0.3', 'cur')],
  });
  t.same(await hosts(join(dir, 'l4.csv')), ['3:cur', '9:done']);
});

t.test('a missing current file is created with the header; blank lines are skipped', async (t) => {
  const dir = t.testdir();
  writeFileSync(join(dir, 'l4.csv.2'), `\n${H4}\n\n${row('10.0.0.1', 'a')}\n\n`);
  t.same(await hosts(join(dir, 'l4.csv')), ['1:a']);
  t.equal(readFileSync(join(dir, 'l4.csv'), 'utf8'), `${H4}\n`);
});

t.test('older and newer headers', async (t) => {
  const dir = t.testdir();
  // Schema 1.0 (up to hostname): state 0 and no user context by default.
  writeFileSync(
    join(dir, 'old.csv'),
    'address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname\n' +
      '10.0.0.1,01:02:03:04:05:06,,100,2000000000,1,0,0,old\n',
  );
  const mgr = await MemfileLeaseMgr4.open({
    name: join(dir, 'old.csv'),
    'lfc-interval': 0,
    lfcExecutable: '/bin/true',
  });
  const l = await mgr.get(0x0a000001);
  t.equal(l?.state, 0);
  t.equal(l?.userContext, null);
  t.ok(mgr.lfc, 'a conversion schedules an LFC run at once, as Kea');
  await mgr.lfc?.settle();
  await mgr.close();
  // A header with an extra trailing column loses that column.
  writeFileSync(
    join(dir, 'new.csv'),
    `${H4},future\n10.0.0.2,01:02:03:04:05:06,,100,2000000000,1,0,0,n,0,,zzz\n`,
  );
  t.same(await hosts(join(dir, 'new.csv'), { lfcExecutable: '/bin/true' }), ['2:n']);
  writeFileSync(join(dir, 'bad.csv'), 'address,hwaddr,client_id\n');
  await t.rejects(MemfileLeaseMgr4.open({ name: join(dir, 'bad.csv') }), {
    code: 'KEA_ERR_DHCPSRV_BAD_HEADER',
  });
  // v6 schema 1.0 header.
  writeFileSync(
    join(dir, 'old6.csv'),
    'address,duid,valid_lifetime,expire,subnet_id,pref_lifetime,lease_type,iaid,prefix_len,fqdn_fwd,fqdn_rev,hostname\n' +
      '2001:db8::1,01:02:03,100,2000000000,1,50,0,7,128,0,0,h6\n',
  );
  const m6 = await MemfileLeaseMgr6.open({
    name: join(dir, 'old6.csv'),
    'lfc-interval': 0,
    lfcExecutable: '/bin/true',
  });
  const l6 = (await m6.getAll())[0];
  t.equal(l6?.hostname, 'h6');
  t.equal(l6?.hwaddr, null);
  await m6.lfc?.settle();
  await m6.close();
});

t.test('bad rows: skipped up to max-row-errors, then the load fails', async (t) => {
  const dir = t.testdir();
  const name = join(dir, 'l4.csv');
  files(dir, {
    '': [row('10.0.0.1', 'a'), 'garbage', row('10.0.0.999', 'b'), row('10.0.0.2', 'c'), '1,2,3'],
  });
  t.same(await hosts(name), ['1:a', '2:c'], 'max-row-errors 0: any number');
  t.same(await hosts(name, { 'max-row-errors': 3 }), ['1:a', '2:c']);
  await t.rejects(MemfileLeaseMgr4.open({ name, 'max-row-errors': 2 }), {
    code: 'KEA_ERR_DHCPSRV_TOO_MANY_ROW_ERRORS',
  });
});

t.test('a live kea-lfc named by <name>.pid blocks loading; a dead one does not', async (t) => {
  const dir = t.testdir();
  const name = join(dir, 'l4.csv');
  const sleeper = spawn('sleep', ['30'], { stdio: 'ignore' });
  t.teardown(() => sleeper.kill());
  writeFileSync(`${name}.pid`, `${sleeper.pid}\n`);
  await t.rejects(MemfileLeaseMgr4.open({ name }), { code: 'KEA_ERR_DHCPSRV_LFC_RUNNING' });
  sleeper.kill();
  await new Promise((r) => sleeper.once('exit', r));
  const mgr = await MemfileLeaseMgr4.open({ name, 'lfc-interval': 0 });
  await mgr.close();
});
