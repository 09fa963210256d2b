import { Writer } from '@kea-ts/util';
import t from 'tap';
import { ERR_DHCP_PARSE } from '../../src/errors.js';
import { decodeDomainName, encodeDomainName, fqdnFormat as f } from '../../src/options/formats/index.js';
import { badBytes, badText, hex, vector } from './helpers.js';

t.test('fqdn byte vectors: labels and the root label, printed with a final dot', (t) => {
  const wire = hex('07 6578616d706c65 # example\n 03 636f6d # com\n 00 # root');
  vector(t, f, 'example.com', wire, 'example.com.');
  vector(t, f, 'example.com.', wire);
  vector(t, f, '.', hex('00'));
  vector(t, f, 'Mixed.Case', hex('05 4d69786564 04 43617365 00'), 'Mixed.Case.');
  // Escapes: a dot inside a label, and a byte in \DDD form.
  vector(t, f, 'a\\.b.c', hex('03 612e62 01 63 00'), 'a\\.b.c.');
  vector(t, f, 'a\\032b', hex('03 612062 00'), 'a\\032b.');
  vector(
    t,
    f,
    `${'a'.repeat(63)}.x`,
    Buffer.concat([hex('3f'), Buffer.from('a'.repeat(63)), hex('01 78 00')]),
    `${'a'.repeat(63)}.x.`,
  );
  t.end();
});

t.test('fqdn errors', (t) => {
  for (const s of ['', 'a..b', '.a', `${'a'.repeat(64)}.com`, `${'abcdefg.'.repeat(32)}`, 'a\\2'])
    badText(t, f, s);
  badBytes(t, f, hex('03 6162 # label past the end'));
  badBytes(t, f, hex('03 616263 # no root label'));
  badBytes(t, f, hex('c0 00 # compression pointer'));
  badBytes(t, f, hex('40 # label type 01'));
  t.end();
});

t.test('partial names and compression for the special options', (t) => {
  const w = new Writer();
  encodeDomainName('host', w, true);
  t.same(w.toBuffer(), hex('04 686f7374 # no root label'));
  const p = decodeDomainName(hex('04 686f7374'), 0, { allowPartial: true });
  t.equal(p.absolute, false);
  t.equal(p.end, 5);
  // RFC 1035 compression, as option 119 may carry it: the second name points back to 'example.com'.
  const list = hex('07 6578616d706c65 03 636f6d 00 # example.com.\n 03 777777 c0 00 # www + pointer to 0');
  const second = decodeDomainName(list, 13, { compression: true });
  t.same(second.labels.map(String), ['www', 'example', 'com']);
  t.equal(second.end, 19);
  t.throws(
    () => decodeDomainName(hex('c0 00'), 0, { compression: true }),
    { code: ERR_DHCP_PARSE },
    'self pointer',
  );
  t.throws(
    () => decodeDomainName(hex('00 c0 02'), 1, { compression: true }),
    { code: ERR_DHCP_PARSE },
    'forward',
  );
  t.end();
});
