import t from 'tap';
import {
  formatIPv6,
  formatIPv6Prefix,
  ipv6Add,
  ipv6Compare,
  ipv6FromBigInt,
  ipv6LastAddress,
  ipv6Network,
  ipv6PrefixContains,
  ipv6PrefixSize,
  ipv6ToBigInt,
  isIPv6,
  KEA_ERR_UTIL_BAD_IPV6,
  KEA_ERR_UTIL_BAD_PREFIX,
  KEA_ERR_UTIL_OUT_OF_RANGE,
  parseIPv6,
  parseIPv6Prefix,
  tryParseIPv6,
} from '../src/index.js';

// [input, 32 hex digits, canonical text as glibc inet_ntop prints it]
const good: [string, string, string][] = [
  ['::', '00000000000000000000000000000000', '::'],
  ['::1', '00000000000000000000000000000001', '::1'],
  ['1::', '00010000000000000000000000000000', '1::'],
  ['2001:db8::1', '20010db8000000000000000000000001', '2001:db8::1'],
  ['2001:0DB8:0000:0000:0000:0000:0000:0001', '20010db8000000000000000000000001', '2001:db8::1'],
  ['1:2:3:4:5:6:7:8', '00010002000300040005000600070008', '1:2:3:4:5:6:7:8'],
  ['1:2:3:4:5:6:7::', '00010002000300040005000600070000', '1:2:3:4:5:6:7:0'],
  ['::2:3:4:5:6:7:8', '00000002000300040005000600070008', '0:2:3:4:5:6:7:8'],
  ['1:0:0:1:0:0:0:1', '00010000000000010000000000000001', '1:0:0:1::1'],
  ['1:0:0:0:1:0:0:1', '00010000000000000001000000000001', '1::1:0:0:1'],
  ['2001:db8:0:0:1:0:0:1', '20010db8000000000001000000000001', '2001:db8::1:0:0:1'],
  ['fe80::abcd:ef01', 'fe8000000000000000000000abcdef01', 'fe80::abcd:ef01'],
  ['::ffff:192.0.2.1', '00000000000000000000ffffc0000201', '::ffff:192.0.2.1'],
  ['::ffff:c000:201', '00000000000000000000ffffc0000201', '::ffff:192.0.2.1'],
  ['::192.0.2.1', '000000000000000000000000c0000201', '::192.0.2.1'],
  ['::ffff:0.0.0.0', '00000000000000000000ffff00000000', '::ffff:0.0.0.0'],
  ['::0.0.1.0', '00000000000000000000000000000100', '::100'],
  ['::2', '00000000000000000000000000000002', '::2'],
  ['::ffff', '0000000000000000000000000000ffff', '::ffff'],
  ['::ffff:0:1.2.3.4', '0000000000000000ffff000001020304', '::ffff:0:102:304'],
  ['1:2:3:4:5:6:1.2.3.4', '00010002000300040005000601020304', '1:2:3:4:5:6:102:304'],
  ['0:0:0:0:0:1:0:0', '00000000000000000000000100000000', '::1:0:0'],
  ['2001:db8:0:1:1:1:1:1', '20010db8000000010001000100010001', '2001:db8:0:1:1:1:1:1'],
  [
    'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
    'ffffffffffffffffffffffffffffffff',
    'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
  ],
];

t.test('parse and format', (t) => {
  for (const [text, hex, canonical] of good) {
    t.equal(parseIPv6(text).toString('hex'), hex, text);
    t.equal(formatIPv6(Buffer.from(hex, 'hex')), canonical, `format ${text}`);
    t.ok(isIPv6(text));
    t.equal(parseIPv6(canonical).toString('hex'), hex, `canonical ${canonical} parses back`);
  }
  t.end();
});

t.test('rejects', (t) => {
  const bad = [
    '',
    ':',
    ':::',
    '1',
    '1.2.3.4',
    '1:2:3:4:5:6:7:8::',
    '1::2:3:4:5:6:7:8',
    '::1:2:3:4:5:6:7:8',
    '1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8:9',
    ':1::',
    '1::2::3',
    '1:::2',
    '1:2:',
    ':1:2:3:4:5:6:7',
    '00000::1',
    '12345::',
    'g::1',
    '::1.2.3',
    '::01.2.3.4',
    '::1.2.3.4:5',
    '::ffff:1.2.3.4x',
    '1:2:3:4:5:6:7:1.2.3.4',
    '1.2.3.4::',
    'fe80::1%eth0',
    ' ::1',
    '::1 ',
    '[::1]',
  ];
  for (const text of bad) {
    t.equal(tryParseIPv6(text), null, JSON.stringify(text));
    t.throws(() => parseIPv6(text), { code: KEA_ERR_UTIL_BAD_IPV6 }, JSON.stringify(text));
  }
  t.match(
    (() => {
      try {
        parseIPv6('fe80::1%eth0');
      } catch (e) {
        return (e as Error).message;
      }
    })(),
    /zone indexes are not supported/,
  );
  t.throws(() => formatIPv6(Buffer.alloc(4)), { code: KEA_ERR_UTIL_BAD_IPV6 });
  t.end();
});

t.test('prefix network, last address, contains', (t) => {
  const a = parseIPv6('2001:db8:1:2:3:4:5:6');
  const cases: [number, string, string][] = [
    [128, '2001:db8:1:2:3:4:5:6', '2001:db8:1:2:3:4:5:6'],
    [64, '2001:db8:1:2::', '2001:db8:1:2:ffff:ffff:ffff:ffff'],
    [48, '2001:db8:1::', '2001:db8:1:ffff:ffff:ffff:ffff:ffff'],
    [33, '2001:db8::', '2001:db8:7fff:ffff:ffff:ffff:ffff:ffff'],
    [127, '2001:db8:1:2:3:4:5:6', '2001:db8:1:2:3:4:5:7'],
    [0, '::', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
  ];
  for (const [len, net, last] of cases) {
    t.equal(formatIPv6(ipv6Network(a, len)), net, `network /${len}`);
    t.equal(formatIPv6(ipv6LastAddress(a, len)), last, `last /${len}`);
    t.ok(ipv6PrefixContains(parseIPv6(net), len, a), `contains /${len}`);
    t.ok(ipv6PrefixContains(parseIPv6(net), len, parseIPv6(last)));
  }
  t.notOk(ipv6PrefixContains(parseIPv6('2001:db8::'), 32, parseIPv6('2001:db9::')));
  t.notOk(ipv6PrefixContains(parseIPv6('2001:db8::'), 33, parseIPv6('2001:db8:8000::')));
  t.ok(ipv6PrefixContains(parseIPv6('2001:db8::'), 33, parseIPv6('2001:db8:7fff::')));
  t.notOk(ipv6PrefixContains(parseIPv6('2001:db8::1'), 128, parseIPv6('2001:db8::2')));
  t.throws(() => ipv6Network(a, 129), { code: KEA_ERR_UTIL_BAD_PREFIX });
  t.equal(ipv6PrefixSize(64), 1n << 64n);
  t.equal(ipv6PrefixSize(128), 1n);
  t.equal(ipv6PrefixSize(0), 1n << 128n);
  t.end();
});

t.test('address arithmetic', (t) => {
  const a = parseIPv6('2001:db8::ffff');
  t.equal(formatIPv6(ipv6Add(a, 1)), '2001:db8::1:0');
  t.equal(formatIPv6(ipv6Add(a, -0xffff)), '2001:db8::');
  t.equal(formatIPv6(ipv6Add(a, 1n << 64n)), '2001:db8:0:1::ffff');
  t.equal(formatIPv6(ipv6Add(parseIPv6('::'), 0)), '::');
  t.throws(() => ipv6Add(parseIPv6('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'), 1), {
    code: KEA_ERR_UTIL_OUT_OF_RANGE,
  });
  t.throws(() => ipv6Add(parseIPv6('::'), -1), { code: KEA_ERR_UTIL_OUT_OF_RANGE });
  t.equal(ipv6ToBigInt(parseIPv6('::1:0')), 0x10000n);
  t.equal(ipv6FromBigInt(0x10000n).toString('hex'), '00000000000000000000000000010000');
  t.ok(ipv6Compare(parseIPv6('::1'), parseIPv6('::2')) < 0);
  t.ok(ipv6Compare(parseIPv6('1::'), parseIPv6('::2')) > 0);
  t.equal(ipv6Compare(parseIPv6('::2'), parseIPv6('0::2')), 0);
  t.end();
});

t.test('prefix text', (t) => {
  const p = parseIPv6Prefix('2001:db8::/32');
  t.equal(p.address.toString('hex'), '20010db8000000000000000000000000');
  t.equal(p.length, 32);
  t.equal(formatIPv6Prefix(p), '2001:db8::/32');
  t.equal(parseIPv6Prefix('::/0').length, 0);
  t.equal(parseIPv6Prefix('::1/128').length, 128);
  for (const bad of ['2001:db8::', '2001:db8::/129', '2001:db8::/', '2001:db8::/032', 'x::/64', '/64']) {
    t.throws(() => parseIPv6Prefix(bad), { code: KEA_ERR_UTIL_BAD_PREFIX }, bad);
  }
  t.end();
});
