import t from 'tap';
import { stringFormat as f } from '../../src/options/formats/index.js';
import { badBytes, decode, hex, vector } from './helpers.js';

t.test('string byte vectors', (t) => {
  vector(t, f, 'my.example.org', Buffer.from('my.example.org'));
  vector(t, f, "Error: here's a DHCPNAK!", Buffer.from("Error: here's a DHCPNAK!"));
  vector(t, f, "'quoted'", hex('27 71756f746564 27 # quotes are ordinary bytes'));
  vector(t, f, 'Zürich', hex('5a c3bc 72696368 # UTF-8'));
  vector(t, f, '', hex(''));
  t.end();
});

t.test('string trailing NULs are dropped as Kea does', (t) => {
  t.same(decode(f, hex('61 62 00 00')), Buffer.from('ab'));
  t.same(decode(f, hex('61 00 62')), hex('610062'), 'an inner NUL stays');
  badBytes(t, f, hex('00 00 # only NULs'));
  t.end();
});
