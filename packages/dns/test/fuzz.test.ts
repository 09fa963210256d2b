// Property tests: no input makes the decoder throw anything but KEA_ERR_DNS_MALFORMED (or hang),
// and TSIG verification answers every input with a result rather than an exception.
import fc from 'fast-check';
import t from 'tap';
import {
  createTsigKey,
  decodeMessage,
  encodeMessage,
  signMessage,
  UpdateBuilder,
  verifyMessage,
} from '../src/index.js';

function decodesOrMalformed(buf: Buffer): boolean {
  try {
    const m = decodeMessage(buf);
    // Whatever decodes must encode again (names and RDATA are representable).
    encodeMessage(m);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'KEA_ERR_DNS_MALFORMED';
  }
}

const sample = new UpdateBuilder('example.com', 99)
  .nameNotInUse('h.example.com')
  .add('h.example.com', 60, { kind: 'A', address: '192.0.2.7' })
  .add('h.example.com', 60, { kind: 'TXT', strings: [Buffer.from('x')] })
  .add('7.2.0.192.in-addr.arpa', 60, { kind: 'PTR', name: 'h.example.com' })
  .encode();
const key = createTsigKey({ name: 'k', algorithm: 'HMAC-SHA256', secret: 'c2VjcmV0c2VjcmV0' });

t.test('random bytes', async (t) => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 600 }), (a) => decodesOrMalformed(Buffer.from(a))),
    { numRuns: 5000 },
  );
  t.pass('5000 random inputs');
});

t.test('random bytes behind a plausible header', async (t) => {
  const header = fc.tuple(
    fc.integer({ min: 0, max: 4 }),
    fc.integer({ min: 0, max: 4 }),
    fc.integer({ min: 0, max: 4 }),
    fc.integer({ min: 0, max: 4 }),
  );
  fc.assert(
    fc.property(header, fc.uint8Array({ maxLength: 300 }), ([qd, an, ns, ar], body) => {
      const h = Buffer.alloc(12);
      h.writeUInt16BE(qd, 4);
      h.writeUInt16BE(an, 6);
      h.writeUInt16BE(ns, 8);
      h.writeUInt16BE(ar, 10);
      return decodesOrMalformed(Buffer.concat([h, body]));
    }),
    { numRuns: 5000 },
  );
  t.pass('5000 inputs');
});

t.test('mutations of a valid signed UPDATE', async (t) => {
  const signed = signMessage(sample, key, { timeSigned: 1_700_000_000 }).wire;
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.nat(signed.length - 1), fc.integer({ min: 0, max: 255 })), {
        minLength: 1,
        maxLength: 4,
      }),
      fc.nat(signed.length),
      (edits, cut) => {
        const b = Buffer.from(signed.subarray(0, Math.max(cut, 12)));
        for (const [at, v] of edits) if (at < b.length) b[at] = v;
        const r = verifyMessage(b, key, { now: 1_700_000_000 });
        // Whatever still verifies carries exactly the signed content; the ID and the case of the TSIG RR's
        // names are outside the MAC by design (RFC 8945 4.3.1: the original ID is what is signed).
        const intact =
          r.ok &&
          b.subarray(2, sample.length).equals(signed.subarray(2, sample.length)) &&
          b.readUInt16BE(10) === 1;
        return decodesOrMalformed(b) && (r.ok ? intact : typeof r.reason === 'string');
      },
    ),
    { numRuns: 3000 },
  );
  t.pass('3000 mutated messages');
});
