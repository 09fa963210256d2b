import t from 'tap';
import { ipv4AddressFormat as f } from '../../src/options/formats/index.js';
import { badBytes, badText, decode, hex, vector } from './helpers.js';

t.test('ipv4-address byte vectors', (t) => {
  vector(t, f, '192.0.2.1', hex('c0 00 02 01'));
  vector(t, f, '0.0.0.0', hex('00000000'));
  vector(t, f, '255.255.255.255', hex('ffffffff'));
  t.equal(decode(f, hex('c0000201')), 0xc0000201, 'the value is a number');
  t.end();
});

t.test('ipv4-address errors', (t) => {
  for (const s of ['192.0.2', '192.0.2.256', '2001:db8::1', '01.2.3.4', '', 'host']) badText(t, f, s);
  badBytes(t, f, hex('c00002'));
  t.end();
});
