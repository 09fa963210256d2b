import t from 'tap';
import { uint32Format as f } from '../../src/options/formats/index.js';
import { badBytes, badText, hex, vector } from './helpers.js';

t.test('uint32 byte vectors (big-endian)', (t) => {
  vector(t, f, '0', hex('00000000'));
  vector(t, f, '4491', hex('0000118b # CableLabs enterprise number'));
  vector(t, f, '4294967295', hex('ffffffff'));
  vector(t, f, '0xdeadbeef', hex('deadbeef'), '3735928559');
  t.end();
});

t.test('uint32 errors', (t) => {
  for (const s of ['4294967296', '-1', '0x100000000', '99999999999999999999999']) badText(t, f, s);
  badBytes(t, f, hex('000000'));
  t.end();
});
