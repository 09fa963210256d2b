import t from 'tap';
import {
  formatIPv4,
  formatIPv4Prefix,
  ipv4Broadcast,
  ipv4FromBytes,
  ipv4Mask,
  ipv4MaskLength,
  ipv4Network,
  ipv4PrefixContains,
  ipv4PrefixSize,
  ipv4RangeSize,
  ipv4ToBytes,
  isIPv4,
  KEA_ERR_UTIL_BAD_IPV4,
  KEA_ERR_UTIL_BAD_PREFIX,
  KEA_ERR_UTIL_OUT_OF_RANGE,
  parseIPv4,
  parseIPv4Prefix,
  tryParseIPv4,
} from '../src/index.js';

t.test('valid dotted quads', (t) => {
  const good: [string, number][] = [
    ['0.0.0.0', 0],
    ['255.255.255.255', 0xffffffff],
    ['192.0.2.1', 0xc0000201],
    ['10.0.0.255', 0x0a0000ff],
    ['1.2.3.4', 0x01020304],
    ['128.0.0.0', 0x80000000],
    ['100.64.10.200', 0x64400ac8],
  ];
  for (const [text, value] of good) {
    t.equal(parseIPv4(text), value, text);
    t.equal(formatIPv4(value), text, `format ${text}`);
    t.ok(isIPv4(text));
  }
  t.end();
});

t.test('inet_pton rejects', (t) => {
  const bad = [
    '',
    '1.2.3',
    '1.2.3.4.5',
    '01.2.3.4',
    '1.2.3.04',
    '0.0.0.00',
    '256.1.1.1',
    '1.2.3.256',
    '1.2.3.4.',
    '.1.2.3',
    '1..2.3',
    ' 1.2.3.4',
    '1.2.3.4 ',
    '1.2.3.-4',
    '0x1.2.3.4',
    '1.2.3.4/24',
    'a.b.c.d',
    '1000.2.3.4',
    '::1',
  ];
  for (const text of bad) {
    t.equal(tryParseIPv4(text), null, JSON.stringify(text));
    t.notOk(isIPv4(text));
    t.throws(() => parseIPv4(text), {
      code: KEA_ERR_UTIL_BAD_IPV4,
      message: `'${text}' is not a valid IPv4 address`,
    });
  }
  t.end();
});

t.test('bytes', (t) => {
  t.equal(ipv4FromBytes(Buffer.from([0xc0, 0, 2, 0xfe])), 0xc00002fe);
  t.equal(ipv4FromBytes(Buffer.from([9, 0xff, 0xff, 0xff, 0xff]), 1), 0xffffffff);
  t.throws(() => ipv4FromBytes(Buffer.from([1, 2, 3])), { code: KEA_ERR_UTIL_BAD_IPV4 });
  t.equal(ipv4ToBytes(0xc00002fe).toString('hex'), 'c00002fe');
  t.throws(() => formatIPv4(2 ** 32), { code: KEA_ERR_UTIL_OUT_OF_RANGE });
  t.throws(() => formatIPv4(-1), { code: KEA_ERR_UTIL_OUT_OF_RANGE });
  t.end();
});

t.test('masks', (t) => {
  const cases: [number, number][] = [
    [0, 0],
    [1, 0x80000000],
    [8, 0xff000000],
    [24, 0xffffff00],
    [31, 0xfffffffe],
    [32, 0xffffffff],
  ];
  for (const [len, mask] of cases) {
    t.equal(ipv4Mask(len), mask, `/${len}`);
    t.equal(ipv4MaskLength(mask), len, `mask of /${len}`);
  }
  t.throws(() => ipv4Mask(33), { code: KEA_ERR_UTIL_BAD_PREFIX });
  t.throws(() => ipv4Mask(-1), { code: KEA_ERR_UTIL_BAD_PREFIX });
  t.throws(() => ipv4MaskLength(parseIPv4('255.0.255.0')), { code: KEA_ERR_UTIL_BAD_PREFIX });
  t.end();
});

t.test('network, broadcast, contains, size', (t) => {
  const a = parseIPv4('192.0.2.77');
  const cases: [number, string, string, number][] = [
    [24, '192.0.2.0', '192.0.2.255', 256],
    [26, '192.0.2.64', '192.0.2.127', 64],
    [32, '192.0.2.77', '192.0.2.77', 1],
    [31, '192.0.2.76', '192.0.2.77', 2],
    [0, '0.0.0.0', '255.255.255.255', 2 ** 32],
    [1, '128.0.0.0', '255.255.255.255', 2 ** 31],
  ];
  for (const [len, net, bcast, size] of cases) {
    t.equal(formatIPv4(ipv4Network(a, len)), net, `network /${len}`);
    t.equal(formatIPv4(ipv4Broadcast(a, len)), bcast, `broadcast /${len}`);
    t.equal(ipv4PrefixSize(len), size, `size /${len}`);
    t.ok(ipv4PrefixContains(parseIPv4(net), len, a));
    t.ok(ipv4PrefixContains(parseIPv4(net), len, parseIPv4(bcast)));
  }
  t.notOk(ipv4PrefixContains(parseIPv4('192.0.2.0'), 24, parseIPv4('192.0.3.0')));
  t.notOk(ipv4PrefixContains(parseIPv4('192.0.2.0'), 25, parseIPv4('192.0.2.128')));
  t.ok(ipv4PrefixContains(0, 0, 0xffffffff));
  t.equal(ipv4RangeSize(parseIPv4('10.0.0.10'), parseIPv4('10.0.0.20')), 11);
  t.equal(ipv4RangeSize(parseIPv4('0.0.0.0'), parseIPv4('255.255.255.255')), 2 ** 32);
  t.equal(ipv4RangeSize(5, 4), 0);
  t.end();
});

t.test('prefix text', (t) => {
  t.same(parseIPv4Prefix('10.0.0.0/8'), { address: 0x0a000000, length: 8 });
  t.same(parseIPv4Prefix('192.0.2.1/32'), { address: 0xc0000201, length: 32 });
  t.same(parseIPv4Prefix('0.0.0.0/0'), { address: 0, length: 0 });
  t.equal(formatIPv4Prefix({ address: 0xc0000200, length: 24 }), '192.0.2.0/24');
  for (const bad of [
    '10.0.0.0',
    '10.0.0.0/',
    '10.0.0.0/33',
    '10.0.0.0/08',
    '10.0.0/8',
    '10.0.0.0/8/8',
    '/8',
    '10.0.0.0/-1',
  ]) {
    t.throws(() => parseIPv4Prefix(bad), { code: KEA_ERR_UTIL_BAD_PREFIX }, bad);
  }
  t.end();
});
