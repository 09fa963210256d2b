import t from 'tap';
import { ipv6AddressFormat as f } from '../../src/options/formats/index.js';
import { badBytes, badText, hex, vector } from './helpers.js';

t.test('ipv6-address byte vectors', (t) => {
  vector(t, f, '2001:db8::1', hex('20010db8 00000000 00000000 00000001'));
  vector(t, f, '::', hex('00'.repeat(16)));
  vector(t, f, '2001:DB8:0:0:0:0:0:2', hex('20010db8 00000000 00000000 00000002'), '2001:db8::2');
  t.end();
});

t.test('ipv6-address errors', (t) => {
  for (const s of ['192.0.2.1', '2001:db8::1::2', 'fe80::1%eth0', '']) badText(t, f, s);
  badBytes(t, f, hex('20010db8'));
  t.end();
});
