import t from 'tap';
import { int8Format as f } from '../../src/options/formats/index.js';
import { badBytes, badText, hex, vector } from './helpers.js';

t.test('int8 byte vectors (two complement)', (t) => {
  vector(t, f, '0', hex('00'));
  vector(t, f, '127', hex('7f'));
  vector(t, f, '-1', hex('ff'));
  vector(t, f, '-128', hex('80'));
  vector(t, f, '-0x10', hex('f0'), '-16');
  t.end();
});

t.test('int8 errors', (t) => {
  for (const s of ['128', '-129', '0xff', '']) badText(t, f, s);
  badBytes(t, f, hex(''));
  t.end();
});
