import t from 'tap';
import { emptyFormat as f } from '../../src/options/formats/index.js';
import { badText, hex, vector } from './helpers.js';

t.test('empty carries no bytes', (t) => {
  vector(t, f, '', hex(''));
  badText(t, f, 'x');
  t.end();
});
