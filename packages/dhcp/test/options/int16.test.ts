import t from 'tap';
import { int16Format as f } from '../../src/options/formats/index.js';
import { badBytes, badText, hex, vector } from './helpers.js';

t.test('int16 byte vectors', (t) => {
  vector(t, f, '32767', hex('7fff'));
  vector(t, f, '-32768', hex('8000'));
  vector(t, f, '-2', hex('fffe'));
  t.end();
});

t.test('int16 errors', (t) => {
  for (const s of ['32768', '-32769', '0xffff']) badText(t, f, s);
  badBytes(t, f, hex('ff'));
  t.end();
});
