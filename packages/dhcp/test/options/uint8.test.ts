import t from 'tap';
import { uint8Format as f } from '../../src/options/formats/index.js';
import { badBytes, badText, encode, hex, vector } from './helpers.js';

t.test('uint8 byte vectors', (t) => {
  vector(t, f, '0', hex('00'));
  vector(t, f, '1', hex('01'));
  vector(t, f, '255', hex('ff # the largest'));
  // Kea's hex fallback: with or without 0x, and a sign is allowed in decimal.
  vector(t, f, '0x1', hex('01'), '1');
  vector(t, f, 'ff', hex('ff'), '255');
  vector(t, f, '0XfE', hex('fe'), '254');
  vector(t, f, '+7', hex('07'), '7');
  vector(t, f, '010', hex('0a # decimal, not octal'), '10');
  t.end();
});

t.test('uint8 errors', (t) => {
  for (const s of ['256', '-1', '0x100', '', 'x', '1.5', '1 2', '0x', 'g1']) badText(t, f, s);
  badBytes(t, f, hex(''));
  t.throws(() => encode(f, 256));
  t.end();
});
