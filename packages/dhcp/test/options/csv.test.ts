import t from 'tap';
import { joinCsv, splitCsv } from '../../src/options/csv.js';

t.test("Kea's csv tokenizing of option data", (t) => {
  t.same(splitCsv('192.0.2.1, 192.0.2.2'), ['192.0.2.1', ' 192.0.2.2'], 'fields are not trimmed here');
  t.same(splitCsv(''), []);
  t.same(splitCsv(',,a,,b,'), ['a', 'b'], 'empty fields vanish');
  t.same(splitCsv('EST5EDT4\\,M3.2.0/02:00\\,M11.1.0/02:00'), ['EST5EDT4,M3.2.0/02:00,M11.1.0/02:00']);
  t.same(splitCsv('a\\\\b'), ['a\\b'], 'an escaped backslash is one backslash');
  t.same(splitCsv('a\\nb'), ['a\\nb'], 'other escapes stay as typed');
  t.same(splitCsv('ab\\'), ['ab\\'], 'a final backslash stays');
  t.same(splitCsv("'x', y"), ["'x'", ' y'], 'quotes are ordinary characters');
  t.end();
});

t.test('joinCsv escapes so splitCsv gives the fields back', (t) => {
  const fields = ['a,b', 'c\\d', 'plain'];
  t.equal(joinCsv(fields), 'a\\,b, c\\\\d, plain');
  t.same(
    splitCsv(joinCsv(fields)).map((s) => s.trim()),
    fields,
  );
  t.end();
});
