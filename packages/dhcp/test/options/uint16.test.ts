import t from 'tap';
import { uint16Format as f } from '../../src/options/formats/index.js';
import { badBytes, badText, hex, vector } from './helpers.js';

t.test('uint16 byte vectors (big-endian)', (t) => {
  vector(t, f, '0', hex('0000'));
  vector(t, f, '1536', hex('0600 # dhcp-max-message-size from all-options.json'));
  vector(t, f, '65535', hex('ffff'));
  vector(t, f, '0x1234', hex('1234'), '4660');
  t.end();
});

t.test('uint16 errors', (t) => {
  for (const s of ['65536', '-1', '0x10000']) badText(t, f, s);
  badBytes(t, f, hex('01 # one byte of two'));
  t.end();
});
