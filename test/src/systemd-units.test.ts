// The systemd units and scripts/install. scripts/install --root stages an install in a temp dir (links
// for built programs, configs, runtime dirs, units); each staged unit is then checked by the real
// `systemd-analyze verify`, which exits 0 even on unknown keys or bad values, so its output must not
// mention the unit at all. verify insists the ExecStart binary exists on this machine, so the only
// change made to the unit before verifying is pointing ExecStart's /usr/local/sbin at the staged sbin;
// a daemon not built yet gets a placeholder executable there (systemd-analyze only checks that ExecStart exists), and the test says so.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const DAEMONS = ['kea-dhcp4', 'kea-dhcp6', 'kea-dhcp-ddns', 'kea-ctrl-agent'];
const root = mkdtempSync(join(tmpdir(), 'kea-install-'));
t.teardown(() => rmSync(root, { recursive: true, force: true }));

const install = () =>
  spawnSync(join(repo, 'scripts', 'install'), ['--root', root, '--systemd'], { encoding: 'utf8' });
const isBuilt = (name: string) =>
  existsSync(join(repo, 'packages', name, 'bin', name)) &&
  existsSync(join(repo, 'packages', name, 'dist', 'src', 'main.js'));

/** Lines of systemd-analyze verify's output about the given unit file (empty when it is clean). */
function verify(unitPath: string, unitName: string): { status: number | null; complaints: string[] } {
  const r = spawnSync('systemd-analyze', ['verify', '--man=no', unitPath], { encoding: 'utf8' });
  const lines = `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => l.includes(unitName));
  return { status: r.status, complaints: lines };
}

function stageForVerify(unitText: string): string {
  return unitText.replace(/^ExecStart=\/usr\/local\/sbin\//m, `ExecStart=${root}/usr/local/sbin/`);
}

t.test('systemd-analyze is available (Debian package systemd, installed by scripts/test)', async (t) => {
  const r = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
  t.equal(r.status, 0, r.error?.message ?? r.stderr);
});

t.test('scripts/install --root stages the layout and says what it did', async (t) => {
  const r = install();
  t.equal(r.status, 0, r.stderr);
  const prefix = join(root, 'usr', 'local');
  for (const d of ['run', 'lib', 'log']) {
    t.equal(statSync(join(prefix, 'var', d, 'kea')).mode & 0o777, 0o750, `var/${d}/kea is 0750`);
  }
  const keactrl = join(prefix, 'sbin', 'keactrl');
  t.ok(lstatSync(keactrl).isSymbolicLink(), 'keactrl is linked');
  t.equal(realpathSync(keactrl), realpathSync(join(repo, 'packages', 'keactrl', 'bin', 'keactrl')));
  for (const name of DAEMONS) {
    const link = join(prefix, 'sbin', name);
    if (isBuilt(name)) {
      t.equal(realpathSync(link), realpathSync(join(repo, 'packages', name, 'bin', name)), `${name} linked`);
    } else {
      t.notOk(existsSync(link), `${name} is not built, so not linked`);
    }
  }
  for (const conf of readdirSync(join(repo, 'configs')).filter((f) => f.endsWith('.conf'))) {
    t.equal(
      readFileSync(join(prefix, 'etc', 'kea', conf), 'utf8'),
      readFileSync(join(repo, 'configs', conf), 'utf8'),
      `${conf} copied`,
    );
  }
  for (const unit of readdirSync(join(repo, 'systemd'))) {
    t.equal(
      readFileSync(join(root, 'etc', 'systemd', 'system', unit), 'utf8'),
      readFileSync(join(repo, 'systemd', unit), 'utf8'),
      `${unit} installed`,
    );
  }
  t.match(r.stdout, /install: linked in .*sbin: .*keactrl/);
});

t.test('scripts/install again keeps a user-edited config and changes nothing else', async (t) => {
  const conf = join(root, 'usr', 'local', 'etc', 'kea', 'keactrl.conf');
  writeFileSync(conf, `${readFileSync(conf, 'utf8')}# edited by the user\n`);
  const r = install();
  t.equal(r.status, 0, r.stderr);
  t.match(readFileSync(conf, 'utf8'), '# edited by the user', 'not overwritten');
  t.match(r.stdout, /kept existing .*keactrl\.conf/);
  t.match(r.stdout, 'copied none');
});

t.test('every unit verifies cleanly with systemd-analyze', async (t) => {
  const units = readdirSync(join(repo, 'systemd')).filter((f) => f.endsWith('.service'));
  t.same(units.sort(), DAEMONS.map((d) => `${d}.service`).sort(), 'one unit per daemon');
  const dir = join(root, 'verify');
  mkdirSync(dir);
  for (const unit of units) {
    const binary = unit.replace(/\.service$/, '');
    const staged = join(root, 'usr', 'local', 'sbin', binary);
    if (!existsSync(staged)) {
      t.comment(`${binary} is not built yet: verifying its unit against a placeholder executable`);
      writeFileSync(staged, '#!/bin/sh\nexit 0\n');
      chmodSync(staged, 0o755);
    }
    const path = join(dir, unit);
    writeFileSync(path, stageForVerify(readFileSync(join(root, 'etc', 'systemd', 'system', unit), 'utf8')));
    const v = verify(path, unit);
    t.equal(v.status, 0, `${unit}: systemd-analyze verify exit status`);
    t.same(v.complaints, [], `${unit}: no warnings`);
  }
});

t.test('the check catches a typo (so it can fail)', async (t) => {
  const dir = join(root, 'typo');
  mkdirSync(dir);
  const text = stageForVerify(readFileSync(join(repo, 'systemd', 'kea-ctrl-agent.service'), 'utf8'));
  for (const [from, to] of [
    ['ProtectSystem=strict', 'ProtectSystm=strict'],
    ['Restart=on-failure', 'Restart=on-falure'],
    ['AF_INET6', 'AF_INETT6'],
  ] as const) {
    const path = join(dir, 'kea-ctrl-agent.service');
    writeFileSync(path, text.replace(from, to));
    t.not(verify(path, 'kea-ctrl-agent.service').complaints.length, 0, `${to} is reported`);
  }
});

t.test('unit contents: binary, config, user, capabilities, address families, no W^X ban', async (t) => {
  for (const d of DAEMONS) {
    const text = readFileSync(join(repo, 'systemd', `${d}.service`), 'utf8');
    const directives = text.split('\n').filter((l) => !l.startsWith('#'));
    const has = (line: string) => t.ok(directives.includes(line), `${d}: ${line}`);
    has(`ExecStart=/usr/local/sbin/${d} -c /usr/local/etc/kea/${d}.conf`);
    has('ExecReload=/bin/kill -HUP $MAINPID');
    has('User=kea');
    has('Environment=KEA_PIDFILE_DIR=/usr/local/var/run/kea');
    has('ProtectSystem=strict');
    has('ReadWritePaths=/usr/local/var/run/kea /usr/local/var/lib/kea /usr/local/var/log/kea');
    has('NoNewPrivileges=yes');
    t.notOk(
      directives.some((l) => l.startsWith('MemoryDenyWriteExecute')),
      `${d}: V8 needs W+X pages`,
    );
    const dhcp = d === 'kea-dhcp4' || d === 'kea-dhcp6';
    const caps = dhcp ? 'CAP_NET_BIND_SERVICE CAP_NET_RAW CAP_NET_BROADCAST' : 'CAP_NET_BIND_SERVICE';
    has(`CapabilityBoundingSet=${caps}`);
    has(`AmbientCapabilities=${caps}`);
    if (dhcp) has('RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK AF_PACKET');
    if (d === 'kea-ctrl-agent') has('RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6');
  }
});
