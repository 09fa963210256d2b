import t from 'tap';
import {
  CLIENT_ID_MAX_LEN,
  DUID_MAX_LEN,
  formatClientId,
  formatDuid,
  formatHex,
  formatHwAddr,
  formatMac,
  HWADDR_MAX_LEN,
  isHex,
  KEA_ERR_UTIL_BAD_CLIENT_ID,
  KEA_ERR_UTIL_BAD_DUID,
  KEA_ERR_UTIL_BAD_HEX,
  KEA_ERR_UTIL_BAD_HWADDR,
  parseClientId,
  parseDuid,
  parseHex,
  parseHwAddr,
  parseMac,
} from '../src/index.js';

t.test("Kea's formatted hex forms", (t) => {
  const cases: [string, string][] = [
    ['', ''],
    ['0a:0b', '0a0b'],
    ['a:b', '0a0b'],
    ['0a0b', '0a0b'],
    ['0x0a0b', '0a0b'],
    ['0X0A0B', '0a0b'],
    ['AbCd', 'abcd'],
    ['abc', '0abc'],
    ['0xabc', '0abc'],
    ['1', '01'],
    ['00', '00'],
    ['0a 0b c', '0a0b0c'],
    ['01:02:03:04:05:06', '010203040506'],
    ['ff:FF:f', 'ffff0f'],
  ];
  for (const [text, hex] of cases) {
    t.equal(parseHex(text).toString('hex'), hex, JSON.stringify(text));
    t.ok(isHex(text));
  }
  t.end();
});

t.test('bad hex', (t) => {
  const bad = ['0a::0b', ':0a', '0a:', '0a:0bc', 'g', '0xg1', '0x', 'a b:c', '0a  0b', ' 0a', '0a:-1', 'zz'];
  for (const text of bad) {
    t.throws(() => parseHex(text), { code: KEA_ERR_UTIL_BAD_HEX }, JSON.stringify(text));
    t.notOk(isHex(text));
  }
  t.end();
});

t.test('formatHex', (t) => {
  t.equal(formatHex(Buffer.from([0, 0xab, 0x0c])), '00ab0c');
  t.equal(formatHex(Buffer.from([0, 0xab, 0x0c]), ':'), '00:ab:0c');
  t.equal(formatHex(new Uint8Array([1, 2]), ' '), '01 02');
  t.equal(formatHex(Buffer.alloc(0), ':'), '');
  t.end();
});

t.test('hardware addresses', (t) => {
  t.equal(parseHwAddr('aa:bb:cc:dd:ee:ff').toString('hex'), 'aabbccddeeff');
  t.equal(parseMac('0:1:2:3:4:5').toString('hex'), '000102030405');
  t.equal(parseHwAddr('AA:0b').toString('hex'), 'aa0b');
  t.equal(parseHwAddr('').length, 0, 'lease files may hold an empty hwaddr');
  t.equal(formatHwAddr(Buffer.from('0a1b2c3d4e5f', 'hex')), '0a:1b:2c:3d:4e:5f');
  t.equal(formatMac(Buffer.from('0a', 'hex')), '0a');
  t.equal(parseHwAddr(Array(HWADDR_MAX_LEN).fill('01').join(':')).length, HWADDR_MAX_LEN);
  const bad = [
    'aabbccddeeff',
    'aa::bb',
    'aa:bb:',
    'aa-bb-cc',
    'aa:bbb',
    'xx:yy',
    Array(21).fill('1').join(':'),
  ];
  for (const text of bad) t.throws(() => parseHwAddr(text), { code: KEA_ERR_UTIL_BAD_HWADDR }, text);
  t.end();
});

t.test('DUIDs and client identifiers', (t) => {
  t.equal(
    parseDuid('00:01:00:01:2b:3c:4d:5e:00:11:22:33:44:55').toString('hex'),
    '000100012b3c4d5e001122334455',
  );
  t.equal(parseDuid('0x000300010a0b0c0d0e0f').toString('hex'), '000300010a0b0c0d0e0f');
  t.equal(parseDuid('01').length, 1);
  t.equal(formatDuid(Buffer.from('000300010a0b0c0d0e0f', 'hex')), '00:03:00:01:0a:0b:0c:0d:0e:0f');
  t.equal(parseDuid('ab'.repeat(DUID_MAX_LEN)).length, DUID_MAX_LEN);
  t.throws(() => parseDuid(''), { code: KEA_ERR_UTIL_BAD_DUID });
  t.throws(() => parseDuid('ab'.repeat(DUID_MAX_LEN + 1)), { code: KEA_ERR_UTIL_BAD_DUID });
  t.throws(() => parseDuid('00::01'), { code: KEA_ERR_UTIL_BAD_DUID, message: "invalid DUID '00::01'" });
  t.equal(parseClientId('01:aa:bb:cc:dd:ee:ff').toString('hex'), '01aabbccddeeff');
  t.equal(formatClientId(Buffer.from([1, 2])), '01:02');
  t.throws(() => parseClientId('01'), { code: KEA_ERR_UTIL_BAD_CLIENT_ID });
  t.equal(parseClientId('ab'.repeat(CLIENT_ID_MAX_LEN)).length, CLIENT_ID_MAX_LEN);
  t.throws(() => parseClientId('ab'.repeat(CLIENT_ID_MAX_LEN + 1)), { code: KEA_ERR_UTIL_BAD_CLIENT_ID });
  t.end();
});
