import t from 'tap';
import { int32Format as f } from '../../src/options/formats/index.js';
import { badBytes, badText, hex, vector } from './helpers.js';

t.test('int32 byte vectors', (t) => {
  vector(t, f, '-25200', hex('ffff9d90 # time-offset from all-options.json'));
  vector(t, f, '2147483647', hex('7fffffff'));
  vector(t, f, '-2147483648', hex('80000000'));
  t.end();
});

t.test('int32 errors', (t) => {
  for (const s of ['2147483648', '-2147483649', '0xffffffff']) badText(t, f, s);
  badBytes(t, f, hex('ffffff'));
  t.end();
});
