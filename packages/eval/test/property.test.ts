// Property tests: any text either parses or fails with a typed EvalParseError (never another
// exception), and expressions drawn from the grammar compile and then evaluate on random packets
// without throwing; the only errors evaluation meets are Kea's EvalTypeError cases.
import { Pkt4, Pkt6, standardRegistry } from '@kea-ts/dhcp';
import fc from 'fast-check';
import t from 'tap';
import {
  compileBoolExpression,
  compileStringExpression,
  EvalParseError,
  EvalTypeError,
  KEYWORDS,
  parseBoolExpression,
  parseStringExpression,
} from '../src/index.js';

const defs = { 4: standardRegistry(4), 6: standardRegistry(6) } as const;

const piece = fc.oneof(
  fc.constantFrom(...KEYWORDS),
  fc.constantFrom(
    "'x'",
    "'",
    '0x1f',
    '0x',
    '12',
    '-1',
    '4294967296',
    '10.0.0.1',
    '::1',
    'host-name]',
    ' ',
    '\n',
    '@',
    ']',
  ),
  fc.string({ maxLength: 3 }),
);

t.test('token soup parses or fails with EvalParseError', async (t) => {
  let parsed = 0;
  fc.assert(
    fc.property(
      fc.array(piece, { maxLength: 14 }),
      fc.boolean(),
      fc.constantFrom(4, 6),
      (parts, spaced, u) => {
        const text = parts.join(spaced ? ' ' : '');
        for (const parse of [parseBoolExpression, parseStringExpression]) {
          try {
            parse(text, { universe: u as 4 | 6, definitions: defs[u as 4 | 6] });
            parsed++;
          } catch (e) {
            if (!(e instanceof EvalParseError)) throw e;
            if (!/^<string>:\d+\.\d+(-\d+(\.\d+)?)?: /.test(e.message))
              throw new Error(`no position: ${e.message}`);
          }
        }
      },
    ),
    { numRuns: 5000 },
  );
  t.ok(true, `${parsed} of the drawn texts parsed`);
});

// Grammar-driven expressions (DHCPv4 and v6 share these; universe-only tokens per side).
const { str4, bool4 } = grammar(4);
const { str6, bool6 } = grammar(6);

function grammar(u: 4 | 6) {
  const leaf = fc.oneof(
    fc.constantFrom("'abc'", "''", '0x0102', '0x00', '7', '4294967295', '10.0.0.1', '2001:db8::1'),
    fc.constantFrom(
      'option[60].hex',
      'option[12].text',
      'option[82].option[1].hex',
      'option[1].hex',
      'option[3].option[5].text',
    ),
    fc.constantFrom(
      'pkt.iface',
      'pkt.src',
      'pkt.dst',
      'pkt.len',
      'vendor.enterprise',
      'vendor-class.enterprise',
    ),
    fc.constantFrom(
      'vendor[*].option[1].hex',
      'vendor[4491].option[2].text',
      'vendor-class[*].data',
      'vendor-class[0].data[3]',
    ),
    u === 4
      ? fc.constantFrom(
          'pkt4.mac',
          'pkt4.hlen',
          'pkt4.transid',
          'relay4[1].hex',
          'pkt4.giaddr',
          'pkt4.msgtype',
        )
      : fc.constantFrom(
          'pkt6.msgtype',
          'pkt6.transid',
          'relay6[0].peeraddr',
          'relay6[-1].option[18].hex',
          'relay6[1].linkaddr',
        ),
  );
  const int = fc.constantFrom('0', '1', '-1', '-3', '5', '300', '99999999999');
  const r = fc.letrec<{ s: string; b: string }>((tie) => ({
    s: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc
        .tuple(tie('s'), int, fc.oneof(int, fc.constant('all')))
        .map(([a, i, l]) => `substring(${a}, ${i}, ${l})`),
      fc.tuple(tie('s'), tie('s'), int).map(([a, b, i]) => `split(${a}, ${b}, ${i})`),
      fc.tuple(tie('s'), tie('s')).map(([a, b]) => `concat(${a}, ${b})`),
      fc.tuple(tie('s'), tie('s')).map(([a, b]) => `(${a} + ${b})`),
      fc.tuple(tie('b'), tie('s'), tie('s')).map(([c, a, b]) => `ifelse(${c}, ${a}, ${b})`),
      fc.tuple(tie('s'), tie('s')).map(([a, b]) => `hexstring(${a}, ${b})`),
      fc
        .tuple(fc.constantFrom('addr', 'int8', 'int16', 'int32', 'uint8', 'uint16', 'uint32'), tie('s'))
        .map(([f, a]) => `${f}totext(${a})`),
    ),
    b: fc.oneof(
      { depthSize: 'small' },
      fc.tuple(tie('s'), tie('s')).map(([a, b]) => `${a} == ${b}`),
      fc.constantFrom('option[60].exists', "member('ALL')", 'vendor[*].exists', 'vendor-class[4491].exists'),
      tie('b').map((b) => `not (${b})`),
      fc.tuple(tie('b'), tie('b'), fc.constantFrom('and', 'or')).map(([a, b, op]) => `(${a}) ${op} (${b})`),
    ),
  }));
  return u === 4
    ? { str4: r.s, bool4: r.b, str6: r.s, bool6: r.b }
    : { str4: r.s, bool4: r.b, str6: r.s, bool6: r.b };
}

/** A DHCPv4 packet with random options (some of the codes the expressions read). */
const packet4 = fc
  .array(fc.tuple(fc.constantFrom(12, 43, 60, 61, 82, 124, 125, 200), fc.uint8Array({ maxLength: 12 })), {
    maxLength: 6,
  })
  .map((opts) => {
    const h = Buffer.alloc(240);
    h[0] = 1;
    h[1] = 1;
    h[2] = 6;
    h.writeUInt32BE(0x63825363, 236);
    const body = opts.flatMap(([c, d]) => [c, d.length, ...d]);
    return Pkt4.parse(Buffer.concat([h, Buffer.from([53, 1, 1, ...body, 255])]));
  });

const packet6 = fc
  .tuple(
    fc.array(fc.tuple(fc.constantFrom(1, 3, 16, 17, 18, 200), fc.uint8Array({ maxLength: 12 })), {
      maxLength: 6,
    }),
    fc.boolean(),
  )
  .map(([opts, relayed]) => {
    const p = new Pkt6(1, 0x123456);
    for (const [c, d] of opts) p.addOption(c, Buffer.from(d));
    if (relayed)
      p.relays = [
        {
          msgType: 12,
          hopCount: 0,
          linkAddress: Buffer.alloc(16),
          peerAddress: Buffer.alloc(16, 1),
          options: opts.map(([code, d]) => ({ code, payload: Buffer.from(d) })),
        },
      ];
    return Pkt6.parse(p.pack());
  });

for (const [u, bool, str, packet] of [
  [4, bool4, str4, packet4],
  [6, bool6, str6, packet6],
] as const) {
  t.test(`DHCPv${u}: compiled expressions never throw at evaluation`, async (t) => {
    let failed = 0;
    fc.assert(
      fc.property(bool, str, packet as fc.Arbitrary<Pkt4 | Pkt6>, (b, s, pkt) => {
        const errors: unknown[] = [];
        const opts = { universe: u, definitions: defs[u], onError: (e: unknown) => errors.push(e) };
        const ctx = { pkt, classes: new Set(['ALL']) };
        const verdict = compileBoolExpression(b, opts).evaluate(ctx);
        const value = compileStringExpression(s, opts).evaluate(ctx);
        if (typeof verdict !== 'boolean') throw new Error('not a boolean');
        if (value !== undefined && !Buffer.isBuffer(value)) throw new Error('not bytes');
        for (const e of errors) if (!(e instanceof EvalTypeError)) throw e;
        failed += errors.length;
      }),
      { numRuns: 2000 },
    );
    t.ok(true, `${failed} evaluations met Kea's EvalTypeError`);
  });
}
