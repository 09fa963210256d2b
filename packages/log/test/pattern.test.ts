// Pattern rendering with a fixed clock: default line shape, padding, dates, escapes.

import t from 'tap';
import {
  compilePattern,
  DEFAULT_PATTERN,
  DEFAULT_SYSLOG_PATTERN,
  defineMessages,
  LogRecord,
} from '../src/index.js';

const M = defineMessages({ PATTERN_TEST_STARTED: 'server version %1 started on %2' });
// 2026-11-21 04:33:51.679123 UTC
const T = Date.UTC(2026, 10, 21, 4, 33, 51, 679) + 0.123;
const rec = (severity: 'INFO' | 'WARN' | 'DEBUG' = 'INFO') =>
  new LogRecord(T, severity, 'kea-ctrl-agent.ctrl-agent', M.PATTERN_TEST_STARTED, ['2.2.0', 'lo']);

t.test('default pattern gives Kea line shape', async (t) => {
  const line = compilePattern(DEFAULT_PATTERN)(rec());
  t.match(
    line,
    /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} INFO {2}\[kea-ctrl-agent\.ctrl-agent\/\d+\.1\] PATTERN_TEST_STARTED server version 2\.2\.0 started on lo\n$/,
  );
  t.ok(line.includes(`/${process.pid}.1]`));
  t.equal(
    compilePattern(DEFAULT_SYSLOG_PATTERN)(rec('WARN')),
    `WARN  [kea-ctrl-agent.ctrl-agent.1] PATTERN_TEST_STARTED server version 2.2.0 started on lo\n`,
  );
});

t.test('UTC date conversions, %q and %Q', async (t) => {
  t.equal(compilePattern('%d{%Y-%m-%d %H:%M:%S.%q}')(rec()), '2026-11-21 04:33:51.679');
  t.equal(compilePattern('%d{%Q}')(rec()), '679.123');
  t.equal(
    compilePattern('%d{%y %b %B %a %A %j %e %I %p %s %T %F %%}')(rec()),
    `26 Nov November Sat Saturday 325 21 04 AM ${Math.floor(T / 1000)} 04:33:51 2026-11-21 %`,
  );
  t.equal(compilePattern('%d')(rec()), '2026-11-21 04:33:51,679');
});

t.test('local time follows TZ', async (t) => {
  const d = new Date(Math.floor(T));
  const local = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  t.equal(compilePattern('%D{%H:%M}')(rec()), local);
});

t.test('padding and truncation', async (t) => {
  t.equal(compilePattern('[%-7p]')(rec()), '[INFO   ]');
  t.equal(compilePattern('[%7p]')(rec()), '[   INFO]');
  t.equal(compilePattern('[%.5c]')(rec()), '[agent]');
  t.equal(compilePattern('[%-12.5c]')(rec()), '[agent       ]');
  t.equal(compilePattern('[%c{1}]')(rec()), '[ctrl-agent]');
  t.equal(compilePattern('[%c{5}]')(rec()), '[kea-ctrl-agent.ctrl-agent]');
});

t.test('literals, unknown conversions and escapes', async (t) => {
  t.equal(
    compilePattern('100%% %m%n')(rec()),
    '100% PATTERN_TEST_STARTED server version 2.2.0 started on lo\n',
  );
  t.equal(compilePattern('%Z %p{x}')(rec()), '%Z INFO{x}');
  t.equal(compilePattern('end %')(rec()), 'end %');
  t.equal(compilePattern('%i %t')(rec()), `${process.pid} 1`);
  t.equal(compilePattern('%E{KEA_TEST_UNSET_VAR}|')(rec()), '|');
});

t.test('message formatting', async (t) => {
  const r = new LogRecord(T, 'INFO', 'x', M.PATTERN_TEST_STARTED, ['2.2.0']);
  t.equal(
    r.text,
    'PATTERN_TEST_STARTED server version 2.2.0 started on %2',
    'missing argument stays visible',
  );
  t.equal(
    new LogRecord(T, 'INFO', 'x', 'NOT_DEFINED_ANYWHERE', [1, 'a', null]).text,
    'NOT_DEFINED_ANYWHERE 1 a null',
  );
  t.equal(new LogRecord(T, 'INFO', 'x', 'NOT_DEFINED_ANYWHERE', []).text, 'NOT_DEFINED_ANYWHERE');
  const objs = new LogRecord(T, 'INFO', 'x', 'NOT_DEFINED_ANYWHERE', [
    { a: 1 },
    Buffer.from([1, 171]),
    new Error('boom'),
  ]);
  t.equal(objs.text, 'NOT_DEFINED_ANYWHERE {"a":1} 01ab boom');
});
