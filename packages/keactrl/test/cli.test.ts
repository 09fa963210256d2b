// keactrl's command line: Kea's commands and options, our -f, and the usage errors.
import t from 'tap';
import { DEFAULT_KEACTRL_CONF, KEACTRL_ERR, parseCommandLine, parseServerList } from '../src/index.js';

t.test('commands and options', async (t) => {
  t.same(parseCommandLine(['status']), {
    kind: 'command',
    command: 'status',
    ctrlConfig: DEFAULT_KEACTRL_CONF,
    servers: ['dhcp4', 'dhcp6', 'dhcp_ddns', 'ctrl_agent'],
    explicit: false,
    foreground: false,
  });
  t.match(parseCommandLine(['start', '-c', '/x/keactrl.conf', '-s', 'ctrl_agent,dhcp4']), {
    command: 'start',
    ctrlConfig: '/x/keactrl.conf',
    servers: ['dhcp4', 'ctrl_agent'],
    explicit: true,
  });
  t.match(parseCommandLine(['stop', '--ctrl-config=/y.conf', '--server', 'all']), {
    ctrlConfig: '/y.conf',
    explicit: false,
  });
  t.match(parseCommandLine(['start', '-f']), { foreground: true });
  t.match(parseCommandLine(['start', '--foreground', '-s', 'dhcp6']), {
    foreground: true,
    servers: ['dhcp6'],
  });
  t.same(parseCommandLine(['-v']), { kind: 'print-version' });
  t.same(parseCommandLine(['--version']), { kind: 'print-version' });
  t.same(parseCommandLine(['-h']), { kind: 'help' });
});

t.test('server lists', async (t) => {
  t.same(parseServerList('dhcp_ddns,dhcp6'), { servers: ['dhcp6', 'dhcp_ddns'], explicit: true });
  t.same(parseServerList('dhcp4,all'), {
    servers: ['dhcp4', 'dhcp6', 'dhcp_ddns', 'ctrl_agent'],
    explicit: false,
  });
});

t.test('usage errors', async (t) => {
  const bad: [string[], RegExp][] = [
    [[], /missing command/],
    [['restart'], /invalid command: restart/],
    [['start', 'now'], /invalid option: now/],
    [['start', '-x'], /invalid option: -x/],
    [['start', '--bogus'], /invalid option: --bogus/],
    [['start', '-s', 'dhcp5'], /invalid server name: dhcp5/],
    [['start', '-s', 'netconf'], /invalid server name: netconf/],
    [['start', '-s', ','], /servers not specified/],
    [['start', '-s'], /-s\|--server needs a value/],
    [['start', '-c'], /-c\|--ctrl-config needs a value/],
    [['stop', '-f'], /only goes with start/],
    [['status', '-v'], /invalid option: -v/],
  ];
  for (const [argv, message] of bad) {
    t.throws(
      () => parseCommandLine(argv),
      { code: KEACTRL_ERR.USAGE, message, showUsage: true },
      argv.join(' '),
    );
  }
});
