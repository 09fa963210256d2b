import t from 'tap';
import { binaryFormat as f } from '../../src/options/formats/index.js';
import { badText, hex, vector } from './helpers.js';

t.test('binary byte vectors: hex in, uppercase hex out', (t) => {
  vector(t, f, '1A BB AD AB', hex('1abbadab'), '1ABBADAB');
  vector(t, f, 'cafe', hex('cafe'), 'CAFE');
  vector(t, f, '', hex(''));
  t.end();
});

t.test('binary errors', (t) => {
  for (const s of ['abc', '0xab', 'zz', 'ab:cd']) badText(t, f, s);
  t.end();
});
