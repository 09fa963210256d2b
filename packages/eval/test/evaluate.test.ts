// Evaluation per token family, byte for byte, on packets given as wire bytes: options as Kea
// parses them (.hex/.text/.exists), header fields, relay information, vendor options, the string
// functions with their edge values, and run-time errors that make a test false, never a throw.
import { Pkt4, Pkt6, standardRegistry } from '@kea-ts/dhcp';
import t from 'tap';
import { compileBoolExpression, compileStringExpression, type EvalContext } from '../src/index.js';

const defs4 = standardRegistry(4);
const defs6 = standardRegistry(6);

function pkt4(opts: number[], header: Partial<Record<'xid' | 'ciaddr' | 'giaddr', number>> = {}): Pkt4 {
  const h = Buffer.alloc(240);
  h[0] = 1;
  h[1] = 1;
  h[2] = 6;
  h.writeUInt32BE(header.xid ?? 0x01020304, 4);
  h.writeUInt32BE(header.ciaddr ?? 0, 12);
  h.writeUInt32BE(header.giaddr ?? 0, 24);
  Buffer.from([2, 0, 0, 0, 0, 1]).copy(h, 28);
  h.writeUInt32BE(0x63825363, 236);
  return Pkt4.parse(Buffer.concat([h, Buffer.from([53, 1, 1, ...opts, 255])]));
}

const P4 = pkt4(
  [
    ...[60, 9, ...Buffer.from('PXEClient')],
    ...[12, 4, ...Buffer.from('ab\0\0')],
    ...[82, 8, 2, 2, 0xaa, 0xbb, 1, 2, 0x41, 0x42],
    ...[51, 4, 0, 0, 0x0e, 0x10],
    ...[124, 7, 0, 0, 0x11, 0x8b, 2, 0x68, 0x69],
  ],
  { giaddr: 0x0a000001 },
);
const CTX4: EvalContext = {
  pkt: P4,
  iface: 'eth0',
  remoteAddr: Buffer.from([192, 0, 2, 2]),
  localAddr: Buffer.from([192, 0, 2, 1]),
  classes: new Set(['ALL', 'gold']),
};

function s4(expr: string, ctx: EvalContext = CTX4): string | undefined {
  return compileStringExpression(expr, { universe: 4, definitions: defs4 }).evaluate(ctx)?.toString('hex');
}
function b4(expr: string, ctx: EvalContext = CTX4): boolean {
  return compileBoolExpression(expr, { universe: 4, definitions: defs4 }).evaluate(ctx);
}
const hex = (s: string) => Buffer.from(s, 'latin1').toString('hex');

t.test('options: hex, text, exists', async (t) => {
  t.equal(s4('option[60].hex'), hex('PXEClient'));
  t.equal(s4('option[vendor-class-identifier].text'), hex('PXEClient'));
  t.equal(s4('option[12].hex'), hex('ab'), 'string options lose trailing NULs');
  t.equal(s4('option[61].hex'), '', 'a missing option is empty');
  t.equal(b4('option[61].exists'), false);
  t.equal(b4('option[60].exists'), true);
  t.equal(s4('option[51].text'), hex('type=051, len=004: 3600 (uint32)'));
  t.equal(
    s4('option[82].hex'),
    '0102414202 02aabb'.replace(/ /g, ''),
    'sub-options packed again in code order',
  );
  t.equal(s4('option[82].option[2].hex'), 'aabb');
  t.equal(s4('option[82].option[1].text'), hex('type=001, len=002: 41:42'));
  t.equal(b4('option[82].option[5].exists'), false);
  t.equal(s4('option[60].option[1].hex'), '', 'an option without sub-options has none');
});

t.test('relay4, header fields and packet metadata', async (t) => {
  t.equal(s4('relay4[2].hex'), 'aabb');
  t.equal(b4('relay4[3].exists'), false);
  t.equal(s4('pkt4.mac'), '020000000001');
  t.equal(s4('pkt4.hlen'), '00000006');
  t.equal(s4('pkt4.htype'), '00000001');
  t.equal(s4('pkt4.giaddr'), '0a000001');
  t.equal(s4('pkt4.ciaddr'), '00000000');
  t.equal(s4('pkt4.yiaddr'), '00000000');
  t.equal(s4('pkt4.siaddr'), '00000000');
  t.equal(s4('pkt4.msgtype'), '00000001');
  t.equal(s4('pkt4.transid'), '01020304');
  t.equal(s4('pkt.iface'), hex('eth0'));
  t.equal(s4('pkt.src'), 'c0000202');
  t.equal(s4('pkt.dst'), 'c0000201');
  // 236 + 53 (3) + 60 (11) + 12 trimmed (4) + 82 (10) + 51 (6) + 124 (9)
  t.equal(s4('pkt.len'), (236 + 3 + 11 + 4 + 10 + 6 + 9).toString(16).padStart(8, '0'));
  t.equal(s4('pkt.src', { pkt: P4 }), '00000000', 'unknown addresses are the any-address');
});

t.test('vendor and vendor-class', async (t) => {
  t.equal(b4('vendor-class[4491].exists'), true);
  t.equal(b4('vendor-class[9].exists'), false);
  t.equal(b4('vendor-class[*].exists'), true);
  t.equal(s4('vendor-class.enterprise'), '0000118b');
  t.equal(s4('vendor-class[4491].data'), hex('hi'));
  t.equal(s4('vendor-class[4491].data[1]'), '');
  t.equal(b4('vendor[*].exists'), false, 'no option 125');
  t.equal(s4('vendor.enterprise'), '');
  t.equal(s4('vendor[4491].option[1].hex'), '');
});

t.test('member and the boolean operators', async (t) => {
  t.equal(b4("member('gold')"), true);
  t.equal(b4("member('silver')"), false);
  t.equal(b4("member('silver')", { pkt: P4 }), false, 'no class set');
  t.equal(b4("not member('silver') and (member('gold') or 'a' == 'b')"), true);
  t.equal(b4("'a' == 'b' or not 'a' == 'a'"), false);
});

t.test('string functions', async (t) => {
  const cases: [string, string][] = [
    ["substring('foobar', 0, 3)", 'foo'],
    ["substring('foobar', 3, all)", 'bar'],
    ["substring('foobar', -3, 2)", 'ba'],
    ["substring('foobar', -1, -2)", 'ba'],
    ["substring('foobar', 3, -2)", 'oo'],
    ["substring('foobar', 2, -5)", 'fo'],
    ["substring('foobar', 6, 1)", ''],
    ["substring('foobar', -7, 1)", ''],
    ["split('a.b..c', '.', 4)", 'c'],
    ["split('a.b;c', ';.', 3)", 'c'],
    ["split('a.b', '.', 3)", ''],
    ["split('abc', '', 7)", 'abc'],
    ["concat('a', 'b')", 'ab'],
    ["'a' + option[60].hex", 'aPXEClient'],
    ["ifelse(option[60].exists, 'yes', 'no')", 'yes'],
    ["hexstring(0x0aff01, ':')", '0a:ff:01'],
    ['addrtotext(0x0a000001)', '10.0.0.1'],
    ['addrtotext(0xfe800000000000000000000000000001)', 'fe80::1'],
    ['int8totext(0x80)', '-128'],
    ['int16totext(0x8000)', '-32768'],
    ['int32totext(0xffffffff)', '-1'],
    ['uint8totext(0x80)', '128'],
    ['uint16totext(0x8000)', '32768'],
    ['uint32totext(0xffffffff)', '4294967295'],
    ["int8totext('')", ''],
  ];
  for (const [expr, want] of cases) t.equal(s4(expr), hex(want), expr);
});

t.test('run-time errors: false for a test, no value for a string, never a throw', async (t) => {
  const errors: unknown[] = [];
  const opts = { universe: 4 as const, definitions: defs4, onError: (e: unknown) => errors.push(e) };
  t.equal(compileStringExpression('int8totext(0x0102)', opts).evaluate(CTX4), undefined);
  t.equal(compileStringExpression('addrtotext(0x010203)', opts).evaluate(CTX4), undefined);
  t.equal(compileBoolExpression("uint16totext(0x01) == '1'", opts).evaluate(CTX4), false);
  t.equal(compileBoolExpression("substring('ab', 0, 4294967296) == 'ab'", opts).evaluate(CTX4), false);
  t.equal(
    compileBoolExpression("substring('', 0, 4294967296) == ''", opts).evaluate(CTX4),
    true,
    'an empty string is not converted',
  );
  // No short circuit, as Kea's stack machine: the failing side fails the test.
  t.equal(compileBoolExpression("'a' == 'a' or int8totext(0x0102) == '1'", opts).evaluate(CTX4), false);
  t.equal(
    compileBoolExpression("ifelse('a' == 'a', 'x', int8totext(0x0102)) == 'x'", opts).evaluate(CTX4),
    false,
  );
  t.equal(errors.length, 6);
  t.match(errors[0], { code: 'KEA_ERR_EVAL_TYPE', message: 'Can not convert to valid int8.' });
  const v6expr = compileBoolExpression('pkt4.msgtype == 1', opts);
  t.equal(v6expr.evaluate({ pkt: new Pkt6(1) }), false, 'a DHCPv6 packet given to a DHCPv4 test');
});

t.test('DHCPv6: relays, peer and link addresses, IA sub-options, vendor options', async (t) => {
  const tlv = (code: number, d: number[]) => [code >> 8, code & 255, d.length >> 8, d.length & 255, ...d];
  const inner = [
    1,
    0x12,
    0x34,
    0x56,
    ...tlv(1, [0, 3, 0, 1, 2, 0, 0, 0, 0, 2]),
    ...tlv(3, [0, 0, 0, 1, ...Array(8).fill(0), ...tlv(13, [0, 0])]),
    ...tlv(17, [0, 0, 0x11, 0x8b, ...tlv(33, [0x66])]),
  ];
  const link = [0x20, 0x01, 0x0d, 0xb8, ...Array(11).fill(0), 1];
  const peer = [0xfe, 0x80, ...Array(13).fill(0), 2];
  const bytes = Buffer.from([12, 0, ...link, ...peer, ...tlv(18, [0x65, 0x30]), ...tlv(9, inner)]);
  const ctx: EvalContext = { pkt: Pkt6.parse(bytes), iface: 's0' };
  const s6 = (e: string) =>
    compileStringExpression(e, { universe: 6, definitions: defs6 }).evaluate(ctx)?.toString('hex');
  const b6 = (e: string) => compileBoolExpression(e, { universe: 6, definitions: defs6 }).evaluate(ctx);
  t.equal(s6('relay6[0].option[18].hex'), '6530');
  t.equal(s6('relay6[-1].option[18].hex'), '6530');
  t.equal(s6('relay6[1].option[18].hex'), '');
  t.equal(s6('relay6[0].linkaddr'), Buffer.from(link).toString('hex'));
  t.equal(s6('relay6[0].peeraddr'), Buffer.from(peer).toString('hex'));
  t.equal(s6('relay6[-2].peeraddr'), '');
  t.equal(s6('pkt6.msgtype'), '00000001');
  t.equal(s6('pkt6.transid'), '00123456');
  t.equal(b6('option[3].option[13].exists'), true);
  t.equal(s6('option[3].option[13].hex'), '0000');
  t.equal(b6('vendor[4491].option[33].exists'), true);
  t.equal(s6('vendor[4491].option[33].text'), '66', 'config-file is a string option');
  t.equal(s6('vendor.enterprise'), '0000118b');
  t.equal(s6('pkt.len'), bytes.length.toString(16).padStart(8, '0'), 'Kea counts every relay layer');
  t.equal(s6('pkt.dst'), '0'.repeat(32));
});
