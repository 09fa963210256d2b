import t from 'tap';
import { tupleFormat as f } from '../../src/options/formats/index.js';
import { badBytes, badText, hex, vector } from './helpers.js';

t.test('tuple byte vectors: 1-byte length in v4, 2-byte in v6', (t) => {
  vector(t, f, 'abc', hex('03 # length\n 616263'), 'abc', 4);
  vector(t, f, 'abc', hex('0003 # length\n 616263'), 'abc', 6);
  vector(t, f, '', hex('00'), '', 4);
  vector(t, f, '', hex('0000'), '', 6);
  vector(t, f, 'x'.repeat(255), Buffer.concat([hex('ff'), Buffer.from('x'.repeat(255))]), 'x'.repeat(255), 4);
  t.end();
});

t.test('tuple errors', (t) => {
  badText(t, f, 'x'.repeat(256), 4);
  badBytes(t, f, hex('04 616263 # 3 of 4 bytes'), 4);
  badBytes(t, f, hex('00'), 6);
  t.end();
});
