// keactrl and the control agent with our real kea-dhcp-ddns: keactrl start/status/reload/stop handle it
// like the other daemons (keactrl.conf in a temp dir, dhcp_ddns=yes), and the agent forwards commands to
// it through control-sockets.d2 (list-commands, statistic-get-all, config-get).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { runKeactrl } from './fixtures/keactrl-fixture.js';
import { bin, curl, freePort, tempDir, writeJson } from './lib/harness.js';

t.test('keactrl and kea-ctrl-agent with kea-dhcp-ddns', async (t) => {
  const root = tempDir(t, 'kea-ts-d2k-');
  const run = join(root, 'run');
  mkdirSync(run);
  const ncrPort = await freePort();
  const httpPort = await freePort();
  const d2sock = join(root, 'd2.sock');
  const d2conf = writeJson(join(root, 'kea-dhcp-ddns.conf'), {
    DhcpDdns: {
      'ip-address': '127.0.0.1',
      port: ncrPort,
      'control-socket': { 'socket-type': 'unix', 'socket-name': d2sock },
      loggers: [
        { name: 'kea-dhcp-ddns', severity: 'INFO', output_options: [{ output: join(root, 'd2.log') }] },
      ],
    },
  });
  const caconf = writeJson(join(root, 'kea-ctrl-agent.conf'), {
    'Control-agent': {
      'http-host': '127.0.0.1',
      'http-port': httpPort,
      'control-sockets': { d2: { 'socket-type': 'unix', 'socket-name': d2sock } },
      loggers: [
        { name: 'kea-ctrl-agent', severity: 'INFO', output_options: [{ output: join(root, 'ca.log') }] },
      ],
    },
  });
  const conf = join(root, 'keactrl.conf');
  writeFileSync(
    conf,
    `kea_dhcp4_config_file=${root}/kea-dhcp4.conf
kea_dhcp6_config_file=${root}/kea-dhcp6.conf
kea_dhcp_ddns_config_file=${d2conf}
kea_ctrl_agent_config_file=${caconf}
dhcp4_srv=${bin('kea-dhcp4')}
dhcp6_srv=${bin('kea-dhcp6')}
dhcp_ddns_srv=${bin('kea-dhcp-ddns')}
ctrl_agent_srv=${bin('kea-ctrl-agent')}
dhcp4=no
dhcp6=no
dhcp_ddns=yes
ctrl_agent=yes
kea_verbose=no
`,
  );
  writeFileSync(join(root, 'kea-dhcp4.conf'), '{}\n');
  writeFileSync(join(root, 'kea-dhcp6.conf'), '{}\n');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KEA_PIDFILE_DIR: run,
    KEA_LOGGER_DESTINATION: join(root, 'kea.log'),
  };
  delete env.NODE_OPTIONS;
  t.teardown(async () => {
    await runKeactrl(['stop', '-c', conf], env);
  });

  const start = await runKeactrl(['start', '-c', conf], env);
  t.equal(start.code, 0, `${start.stdout}\n${start.stderr}`);
  t.match(start.stdout, `INFO/keactrl: Starting ${bin('kea-dhcp-ddns')} -c ${d2conf}`);
  t.match(start.stdout, /INFO\/keactrl: kea-dhcp-ddns started, PID \d+\./);
  const status = await runKeactrl(['status', '-c', conf], env);
  t.match(status.stdout, /^DHCP DDNS: active$/m);
  t.match(status.stdout, /^Control Agent: active$/m);
  t.match(status.stdout, `Kea DHCP DDNS configuration file: ${d2conf}`);

  const url = `http://127.0.0.1:${httpPort}/`;
  const call = async (body: unknown) => {
    // The agent may still be binding right after keactrl returned.
    for (let i = 0; ; i++) {
      const r = curl([url, '-H', 'Content-Type: application/json', '-d', JSON.stringify(body)]);
      if (r.status === 200 || i >= 50)
        return r.json as { result: number; text?: string; arguments?: unknown }[];
      await new Promise((res) => setTimeout(res, 100));
    }
  };
  const list = await call({ command: 'list-commands', service: ['d2'] });
  t.equal(list[0]?.result, 0);
  const names = (list[0]?.arguments ?? []) as string[];
  t.equal(names.length, 14, "D2's 14 commands through the agent");
  t.ok(names.includes('statistic-reset-all'));
  const stats = await call({ command: 'statistic-get-all', service: ['d2'] });
  t.match(stats[0], {
    result: 0,
    arguments: { 'ncr-received': [[0, String]], 'update-timeout': [[0, String]] },
  });
  const cfg = await call({ command: 'config-get', service: ['d2'] });
  t.match(cfg[0], { result: 0, arguments: { DhcpDdns: { port: ncrPort, 'dns-server-timeout': 100 } } });

  const reload = await runKeactrl(['reload', '-c', conf, '-s', 'dhcp_ddns'], env);
  t.equal(reload.code, 0, reload.stderr);
  t.match(reload.stdout, /Reloading kea-dhcp-ddns \(PID \d+\)/);

  const stop = await runKeactrl(['stop', '-c', conf], env);
  t.equal(stop.code, 0, stop.stderr);
  t.match(stop.stdout, 'INFO/keactrl: kea-dhcp-ddns stopped.');
  const after = await runKeactrl(['status', '-c', conf], env);
  t.match(after.stdout, /^DHCP DDNS: inactive$/m);
});
