// The agent forwards commands to a real Kea 2.2 kea-dhcp4 (Debian's) over its UNIX control socket and
// returns its answer in a list; with that daemon stopped, the answer says so and the agent keeps serving.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { bin, curl, freePort, startProgram, tempDir, writeJson } from './lib/harness.js';

const KEA_DHCP4 = '/usr/sbin/kea-dhcp4';

t.test('forwarding config-get to a real Kea 2.2 kea-dhcp4', async (t) => {
  t.ok(existsSync(KEA_DHCP4), `${KEA_DHCP4} is installed (scripts/test installs Debian's kea-dhcp4-server)`);
  const dir = tempDir(t);
  const kea4Socket = join(dir, 'kea4.sock');
  const keaConfig = writeJson(join(dir, 'kea-dhcp4.conf'), {
    Dhcp4: {
      'interfaces-config': { interfaces: [] },
      'control-socket': { 'socket-type': 'unix', 'socket-name': kea4Socket },
      'lease-database': { type: 'memfile', persist: false },
      'valid-lifetime': 1234,
      loggers: [{ name: 'kea-dhcp4', severity: 'INFO', output_options: [{ output: 'stdout' }] }],
    },
  });
  const kea = startProgram(t, KEA_DHCP4, ['-c', keaConfig], { KEA_PIDFILE_DIR: dir, KEA_LOCKFILE_DIR: dir });
  await kea.waitFor(/DHCP4_STARTED/);

  const port = await freePort();
  const agentConfig = writeJson(join(dir, 'kea-ctrl-agent.conf'), {
    'Control-agent': {
      'http-host': '127.0.0.1',
      'http-port': port,
      'control-sockets': {
        dhcp4: { 'socket-type': 'unix', 'socket-name': kea4Socket },
        dhcp6: { 'socket-type': 'unix', 'socket-name': join(dir, 'kea6.sock') },
      },
      loggers: [{ name: 'kea-ctrl-agent', severity: 'INFO', output_options: [{ output: 'stdout' }] }],
    },
  });
  const agent = startProgram(t, bin('kea-ctrl-agent'), ['-c', agentConfig], { KEA_PIDFILE_DIR: dir });
  await agent.waitFor(/CTRL_AGENT_STARTED/);
  t.match(
    agent.output(),
    /CTRL_AGENT_HTTP_SERVICE_UNAUTHENTICATED/,
    'an agent without authentication warns at start',
  );
  const url = `http://127.0.0.1:${port}/`;
  const call = (body: unknown) =>
    curl([url, '-H', 'Content-Type: application/json', '-d', JSON.stringify(body)]).json as {
      result: number;
      text?: string;
      arguments?: { Dhcp4?: { 'valid-lifetime': number } };
    }[];

  const got = call({ command: 'config-get', service: ['dhcp4'] });
  t.equal(got.length, 1, 'one answer per service');
  t.equal(got[0]?.result, 0);
  t.equal(got[0]?.arguments?.Dhcp4?.['valid-lifetime'], 1234, "real Kea's own config came back");

  const two = call({ command: 'version-get', service: ['dhcp4', 'dhcp6', 'd2'] });
  t.equal(two.length, 3);
  t.match(two[0], { result: 0, text: /^2\.2\.0/ });
  t.match(two[1], { result: 1, text: /unable to forward command to the dhcp6 service: .*offline/ });
  t.match(two[2], { result: 1, text: 'forwarding socket is not configured for the server type d2' });

  // Bad requests stop at the agent; the agent and the daemon behind it keep serving.
  const post = (body: string) =>
    curl([url, '-H', 'Content-Type: application/json', '--data-binary', '@-'], body);
  t.equal(post('{"command": "config-get", "service": ["dhcp4"]').status, 400, 'garbage JSON');
  t.equal(
    post(`{"command":"config-get","service":["dhcp4"],"x":"${'a'.repeat(10_000_000)}"}`).status,
    413,
    '10 MB body',
  );
  const deep = `{"command":"config-get","service":["dhcp4"],"arguments":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
  t.equal(post(deep).status, 400, 'JSON nested 100,000 levels deep');
  t.match(
    call({ command: 'config-get', service: ['dhcp4'] })[0],
    { result: 0 },
    'the real daemon still answers through the agent',
  );

  await kea.stop();
  const down = call({ command: 'config-get', service: ['dhcp4'] });
  t.match(down[0], { result: 1, text: /unable to forward command to the dhcp4 service/ });
  const own = call({ command: 'status-get' });
  t.match(own[0], { result: 0 }, 'the agent keeps serving');
});
