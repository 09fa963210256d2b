import t from 'tap';
import { psidFormat as f } from '../../src/options/formats/index.js';
import { badBytes, badText, hex, vector } from './helpers.js';

t.test("psid byte vectors: Kea's 'psid/length' text", (t) => {
  // v4-portparams "3/4" in all-options.json: PSID 3 in the top 4 bits.
  vector(t, f, '3/4', hex('04 # psid-len\n 3000 # 0011 then zeros'));
  vector(t, f, '65535/16', hex('10 ffff'));
  vector(t, f, '1/1', hex('01 8000'));
  vector(t, f, '0/0', hex('00 0000'));
  // With length 0 the value carries no bits: Kea writes zero.
  vector(t, f, '5/0', hex('00 0000'), '0/0');
  vector(t, f, ' 3 / 4 ', hex('04 3000'), '3/4');
  t.end();
});

t.test('psid errors', (t) => {
  for (const s of ['16/4', '1/17', '3', '3/x', '-1/4', '']) badText(t, f, s);
  badBytes(t, f, hex('11 0000 # length 17'));
  badBytes(t, f, hex('04 3100 # bit set past the 4 PSID bits'));
  badBytes(t, f, hex('04 30'));
  t.end();
});
