// keactrl.conf is read by bash: these tests feed it real shell files (expansions, quoting, case,
// exports, chatter, errors) and check what keactrl makes of them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { isYes, KEACTRL_ERR, readKeactrlConf } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'keactrl-conf-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

function conf(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const KEA_LIKE = `# a keactrl.conf in Kea's own style
prefix=/opt/kea
kea_dhcp4_config_file=\${prefix}/etc/kea/kea-dhcp4.conf
kea_dhcp6_config_file="\${prefix}/etc/kea/kea dhcp6.conf"
kea_dhcp_ddns_config_file=\${prefix}/etc/kea/kea-dhcp-ddns.conf
kea_ctrl_agent_config_file=\${prefix}/etc/kea/kea-ctrl-agent.conf
exec_prefix=\${prefix}
dhcp4_srv=\${exec_prefix}/sbin/kea-dhcp4
dhcp6_srv=\${exec_prefix}/sbin/kea-dhcp6
dhcp_ddns_srv=\${exec_prefix}/sbin/kea-dhcp-ddns
ctrl_agent_srv=\${exec_prefix}/sbin/kea-ctrl-agent
dhcp4=YES
dhcp6=no
dhcp_ddns=Yes
ctrl_agent=yes
kea_verbose=YES
`;

t.test('expands prefix references, keeps quoted spaces, reads yes/no in any case', async (t) => {
  const c = await readKeactrlConf(conf('kea-like.conf', KEA_LIKE));
  t.equal(c.prefix, '/opt/kea');
  t.equal(c.servers.dhcp4.binaryPath, '/opt/kea/sbin/kea-dhcp4');
  t.equal(c.servers.dhcp4.configFile, '/opt/kea/etc/kea/kea-dhcp4.conf');
  t.equal(c.servers.dhcp6.configFile, '/opt/kea/etc/kea/kea dhcp6.conf');
  t.equal(c.servers.ctrl_agent.binaryPath, '/opt/kea/sbin/kea-ctrl-agent');
  t.same(
    [
      c.servers.dhcp4.enabled,
      c.servers.dhcp6.enabled,
      c.servers.dhcp_ddns.enabled,
      c.servers.ctrl_agent.enabled,
    ],
    [true, false, true, true],
  );
  t.equal(c.verbose, true);
  t.same(c.exportedEnv, {});
});

t.test('the shipped configs/keactrl.conf describes the /usr/local layout', async (t) => {
  const c = await readKeactrlConf(new URL('../../../../configs/keactrl.conf', import.meta.url).pathname);
  t.equal(c.prefix, '/usr/local');
  t.equal(c.servers.dhcp4.binaryPath, '/usr/local/sbin/kea-dhcp4');
  t.equal(c.servers.ctrl_agent.configFile, '/usr/local/etc/kea/kea-ctrl-agent.conf');
  t.equal(c.servers.dhcp_ddns.configFile, '/usr/local/etc/kea/kea-dhcp-ddns.conf');
  t.same(
    [
      c.servers.dhcp4.enabled,
      c.servers.dhcp6.enabled,
      c.servers.dhcp_ddns.enabled,
      c.servers.ctrl_agent.enabled,
    ],
    [true, true, false, true],
  );
  t.equal(c.verbose, false);
});

t.test(
  'KEA_* variables the file exports are passed on; output it prints does not corrupt values',
  async (t) => {
    const path = conf(
      'exports.conf',
      `${KEA_LIKE}echo "hello from keactrl.conf"\nexport KEA_PIDFILE_DIR=/srv/run\nNOT_KEA=1\n`,
    );
    const c = await readKeactrlConf(path, { PATH: process.env.PATH });
    t.equal(c.servers.dhcp4.binaryPath, '/opt/kea/sbin/kea-dhcp4');
    t.same(c.exportedEnv, { KEA_PIDFILE_DIR: '/srv/run' });
  },
);

t.test('the caller environment is visible to the file, as when Kea sources it', async (t) => {
  const path = conf('env.conf', KEA_LIKE.replace('prefix=/opt/kea', 'prefix=$KEA_TEST_PREFIX'));
  const c = await readKeactrlConf(path, { PATH: process.env.PATH, KEA_TEST_PREFIX: '/from/env' });
  t.equal(c.servers.dhcp6.binaryPath, '/from/env/sbin/kea-dhcp6');
});

t.test('errors: missing file, missing binary path', async (t) => {
  await t.rejects(readKeactrlConf(join(dir, 'absent.conf')), {
    code: KEACTRL_ERR.CONF,
    message: /does not exist/,
  });
  const path = conf('no-srv.conf', KEA_LIKE.replace(/^ctrl_agent_srv=.*$/m, ''));
  await t.rejects(readKeactrlConf(path), { code: KEACTRL_ERR.CONF_VAR, message: /ctrl_agent_srv parameter/ });
});

t.test('a failing last line does not make a valid file invalid (Kea ignores it too)', async (t) => {
  const c = await readKeactrlConf(conf('last-false.conf', `${KEA_LIKE}[ -f /nonexistent ] && echo x\n`));
  t.equal(c.servers.dhcp4.enabled, true);
});

t.test('isYes', async (t) => {
  for (const v of ['yes', 'YES', 'Yes', ' yes ']) t.equal(isYes(v), true, v);
  for (const v of ['no', 'NO', '', 'y', 'true', '1', undefined]) t.equal(isYes(v), false, String(v));
});
