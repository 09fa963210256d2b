// validateLoggers: every rejected shape names its key path; Kea-valid configs pass.

import t from 'tap';
import { configureLoggers, KEA_ERR_LOG_CONFIG, validateLoggers } from '../src/index.js';

t.test('valid configurations', async (t) => {
  t.equal(validateLoggers([]), null);
  t.equal(
    validateLoggers([
      {
        name: 'kea-dhcp4',
        severity: 'INFO',
        debuglevel: 0,
        comment: 'main',
        'user-context': { owner: 'ops' },
        output_options: [
          { output: '/var/log/kea/x.log', pattern: '%m\n', flush: false, maxsize: 0, maxver: 3 },
        ],
      },
      { name: 'kea-dhcp4.packets', severity: 'debug', 'output-options': [{ output: 'syslog:local7' }] },
      { name: 'kea-dhcp4.leases' },
    ]),
    null,
  );
});

t.test('rejected configurations', async (t) => {
  const cases: [unknown, string][] = [
    [{}, 'loggers: expected a list'],
    [[1], 'loggers[0]: expected a map'],
    [[{ severity: 'INFO' }], 'loggers[0].name: required'],
    [[{ name: '' }], 'loggers[0].name: expected a non-empty string'],
    [
      [{ name: 'a', severity: 'LOUD' }],
      'loggers[0].severity: expected one of FATAL, ERROR, WARN, INFO, DEBUG, NONE',
    ],
    [
      [{ name: 'a', severity: 3 }],
      'loggers[0].severity: expected one of FATAL, ERROR, WARN, INFO, DEBUG, NONE',
    ],
    [[{ name: 'a', debuglevel: 100 }], 'loggers[0].debuglevel: expected an integer from 0 to 99'],
    [[{ name: 'a', debuglevel: 1.5 }], 'loggers[0].debuglevel: expected an integer from 0 to 99'],
    [[{ name: 'a', debuglevel: -1 }], 'loggers[0].debuglevel: expected an integer from 0 to 99'],
    [[{ name: 'a' }, { name: 'b', colour: 'red' }], 'loggers[1].colour: unknown key'],
    [[{ name: 'a', output_options: {} }], 'loggers[0].output_options: expected a list'],
    [[{ name: 'a', output_options: [{}] }], 'loggers[0].output_options[0].output: required'],
    [
      [{ name: 'a', output_options: [{ output: 7 }] }],
      'loggers[0].output_options[0].output: expected a non-empty string',
    ],
    [
      [{ name: 'a', output_options: [{ output: 'stdout', color: true }] }],
      'loggers[0].output_options[0].color: unknown key',
    ],
    [
      [{ name: 'a', output_options: [{ output: 'stdout', flush: 'yes' }] }],
      'loggers[0].output_options[0].flush: expected true or false',
    ],
    [
      [{ name: 'a', 'output-options': [{ output: 'x', maxsize: -1 }] }],
      'loggers[0].output-options[0].maxsize: expected an integer >= 0 (bytes; values below 204800 disable rotation)',
    ],
    [
      [{ name: 'a', output_options: [{ output: 'x', maxver: 0 }] }],
      'loggers[0].output_options[0].maxver: expected an integer >= 1',
    ],
    [
      [{ name: 'a', output_options: [{ output: 'x', pattern: 1 }] }],
      'loggers[0].output_options[0].pattern: expected a string',
    ],
    [
      [{ name: 'a', output_options: [{ output: 'syslog:' }] }],
      "loggers[0].output_options[0].output: missing facility name after 'syslog:'",
    ],
    [
      [{ name: 'a', output_options: [], 'output-options': [] }],
      'loggers[0]: output_options and output-options are the same key; give only one',
    ],
    [[{ name: 'a', comment: 1 }], 'loggers[0].comment: expected a string'],
    [[{ name: 'a', 'user-context': 'x' }], 'loggers[0].user-context: expected a map'],
  ];
  for (const [value, text] of cases) t.equal(validateLoggers(value), text, text);
});

t.test('configureLoggers refuses what validateLoggers rejects', async (t) => {
  t.throws(() => configureLoggers([{ name: 'a', severity: 'LOUD' as 'INFO' }]), {
    code: KEA_ERR_LOG_CONFIG,
    message: 'loggers[0].severity: expected one of FATAL, ERROR, WARN, INFO, DEBUG, NONE',
  });
});
