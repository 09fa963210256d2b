// `keactrl status` text: Kea's lines exactly, plus "not installed" and the "(died: ...)" hint.
import t from 'tap';
import { type DaemonState, renderStatus, SERVERS, type ServerStatus, statusWord } from '../src/index.js';

const active: DaemonState = { state: 'active', pid: 42, pidFile: '/run/kea/a.kea-dhcp4.pid' };
const inactive: DaemonState = { state: 'inactive', pidFile: '/run/kea/b.pid' };
const died: DaemonState = { state: 'died', pid: 43, pidFile: '/run/kea/kea-ctrl-agent.kea-ctrl-agent.pid' };

t.test('status words', async (t) => {
  t.equal(statusWord({ installed: true, state: active }), 'active');
  t.equal(statusWord({ installed: true, state: inactive }), 'inactive');
  t.equal(
    statusWord({ installed: true, state: died }),
    'inactive (died: stale PID file /run/kea/kea-ctrl-agent.kea-ctrl-agent.pid)',
  );
  t.equal(statusWord({ installed: false, state: inactive }), 'not installed');
  t.equal(statusWord({ installed: false, state: died }), 'not installed');
  // A daemon still running after its binary went away is still running.
  t.equal(statusWord({ installed: false, state: active }), 'active');
});

t.test('full status text in Kea order and wording', async (t) => {
  const states: [boolean, DaemonState][] = [
    [true, active],
    [false, inactive],
    [true, inactive],
    [true, died],
  ];
  const statuses: ServerStatus[] = SERVERS.map((server, i) => ({
    server,
    installed: states[i]![0],
    state: states[i]![1],
    configFile: `/etc/kea/${server.binary}.conf`,
  }));
  t.same(renderStatus(statuses, '/etc/kea/keactrl.conf'), [
    'DHCPv4 server: active',
    'DHCPv6 server: not installed',
    'DHCP DDNS: inactive',
    'Control Agent: inactive (died: stale PID file /run/kea/kea-ctrl-agent.kea-ctrl-agent.pid)',
    'Kea DHCPv4 configuration file: /etc/kea/kea-dhcp4.conf',
    'Kea DHCPv6 configuration file: /etc/kea/kea-dhcp6.conf',
    'Kea DHCP DDNS configuration file: /etc/kea/kea-dhcp-ddns.conf',
    'Kea Control Agent configuration file: /etc/kea/kea-ctrl-agent.conf',
    'keactrl configuration file: /etc/kea/keactrl.conf',
  ]);
});
