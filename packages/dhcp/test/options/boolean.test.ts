import t from 'tap';
import { booleanFormat as f } from '../../src/options/formats/index.js';
import { badBytes, badText, hex, vector } from './helpers.js';

t.test('boolean byte vectors', (t) => {
  vector(t, f, 'true', hex('01'));
  vector(t, f, 'false', hex('00'));
  vector(t, f, 'TRUE', hex('01'), 'true');
  vector(t, f, 'False', hex('00'), 'false');
  vector(t, f, '1', hex('01'), 'true');
  vector(t, f, '0', hex('00'), 'false');
  vector(t, f, '+1', hex('01'), 'true');
  t.end();
});

t.test('boolean errors', (t) => {
  for (const s of ['2', 'yes', '', 'on', '0x1', 'truee']) badText(t, f, s);
  badBytes(t, f, hex('02 # only 0 and 1 are booleans'));
  badBytes(t, f, hex(''));
  t.end();
});
