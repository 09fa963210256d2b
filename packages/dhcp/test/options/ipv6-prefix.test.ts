import t from 'tap';
import { ipv6PrefixFormat as f } from '../../src/options/formats/index.js';
import { badBytes, badText, hex, vector } from './helpers.js';

t.test('ipv6-prefix byte vectors: length then only the covered bytes', (t) => {
  vector(t, f, '2001:db8::/64', hex('40 # length 64\n 20010db8 00000000 # 8 bytes'));
  vector(t, f, '2001:db8:1::/48', hex('30 # 48\n 20010db8 0001'));
  vector(t, f, '::/0', hex('00 # no prefix bytes'));
  vector(t, f, '2001:db8::1/128', hex('80 20010db8 00000000 00000000 00000001'));
  // 60 bits: 8 bytes with the last nibble cleared.
  vector(t, f, '2001:db8:0:ff::/60', hex('3c 20010db8 000000f0'), '2001:db8:0:f0::/60');
  // Blanks ignored and the length in Kea's hex form, as Kea reads it.
  vector(t, f, ' 2001:db8:: / 0x40', hex('40 20010db8 00000000'), '2001:db8::/64');
  t.end();
});

t.test('ipv6-prefix errors', (t) => {
  for (const s of ['2001:db8::', '2001:db8::/129', '192.0.2.0/24', '2001:db8::/x', '/64']) badText(t, f, s);
  badBytes(t, f, hex('40 20010db8 # 4 of 8 bytes'));
  badBytes(t, f, hex('81 # length 129'));
  badBytes(t, f, hex(''));
  t.end();
});
