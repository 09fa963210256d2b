// TSIG without a peer: key checks as Kea's tsig-keys take them, sign/verify per algorithm, responses
// covering the request MAC, truncation policy, time window. (named checks our MACs in test/src.)
import t from 'tap';
import { createTsigKey, signMessage, TSIG_ALGORITHMS, UpdateBuilder, verifyMessage } from '../src/index.js';

const secret = 'LSWXnfkKZjdPJI5QxlpnfQ==';
const T = 1_700_000_000;
const update = new UpdateBuilder('example.com', 77)
  .add('a.example.com', 60, { kind: 'A', address: '192.0.2.1' })
  .encode();

t.test('key parameters', async (t) => {
  const k = createTsigKey({ name: 'D2.Key', algorithm: 'hmac-sha256', secret });
  t.match(k, { name: 'd2.key.', algorithm: 'hmac-sha256.', macLength: 32, sendLength: 32, digestBits: 0 });
  t.equal(createTsigKey({ name: 'k', algorithm: 'HMAC-MD5', secret }).algorithm, 'hmac-md5.sig-alg.reg.int.');
  t.equal(createTsigKey({ name: 'k', algorithm: 'hmac-md5.sig-alg.reg.int', secret }).hash, 'md5');
  t.equal(createTsigKey({ name: 'k', algorithm: 'HMAC-SHA512', secret, 'digest-bits': 256 }).sendLength, 32);
  const bad: [string, Record<string, unknown>][] = [
    ['unknown algorithm', { algorithm: 'HMAC-SHA3' }],
    ['not base64', { secret: 'not base64!' }],
    ['empty secret', { secret: '' }],
    ['digest-bits not a multiple of 8', { 'digest-bits': 130 }],
    ['digest-bits below half the hash', { 'digest-bits': 120 }],
    ['digest-bits above the hash', { 'digest-bits': 264 }],
  ];
  for (const [what, over] of bad) {
    t.throws(
      () => createTsigKey({ name: 'k', algorithm: 'HMAC-SHA256', secret, ...over } as never),
      { code: 'KEA_ERR_DNS_TSIG_KEY' },
      what,
    );
  }
  t.throws(() => createTsigKey({ name: 'k', algorithm: 'HMAC-SHA1', secret, 'digest-bits': 72 }), {
    code: 'KEA_ERR_DNS_TSIG_KEY',
  });
});

t.test('every algorithm: sign, verify, response covers the request MAC', async (t) => {
  for (const algorithm of TSIG_ALGORITHMS) {
    const key = createTsigKey({ name: 'k.example', algorithm, secret });
    const req = signMessage(update, key, { timeSigned: T });
    t.equal(req.wire.readUInt16BE(10), 1, `${algorithm}: ARCOUNT counts the TSIG RR`);
    const v = verifyMessage(req.wire, key, { now: T + 10 });
    t.ok(v.ok, `${algorithm}: verifies`);
    // A response: our answer signed over the request MAC verifies only with that MAC.
    const answer = Buffer.from(update);
    answer[2] = answer[2]! | 0x80;
    const resp = signMessage(answer, key, { timeSigned: T, requestMac: req.mac });
    t.ok(
      verifyMessage(resp.wire, key, { now: T, requestMac: req.mac }).ok,
      `${algorithm}: response verifies`,
    );
    t.match(
      verifyMessage(resp.wire, key, { now: T }),
      { ok: false, failure: 'BADSIG' },
      `${algorithm}: no request MAC`,
    );
    const other = createTsigKey({ name: 'k.example', algorithm, secret: 'AAAAAAAAAAAAAAAAAAAAAA==' });
    t.match(
      verifyMessage(req.wire, other, { now: T }),
      { ok: false, failure: 'BADSIG' },
      `${algorithm}: wrong secret`,
    );
  }
});

t.test('failures: key, truncation, time, tampering, unsigned', async (t) => {
  const key = createTsigKey({ name: 'k', algorithm: 'HMAC-SHA256', secret });
  const short = createTsigKey({ name: 'k', algorithm: 'HMAC-SHA256', secret, 'digest-bits': 128 });
  const s = signMessage(update, key, { timeSigned: T });
  t.match(
    verifyMessage(s.wire, createTsigKey({ name: 'other', algorithm: 'HMAC-SHA256', secret }), { now: T }),
    {
      failure: 'BADKEY',
    },
  );
  t.match(verifyMessage(s.wire, createTsigKey({ name: 'k', algorithm: 'HMAC-SHA1', secret }), { now: T }), {
    failure: 'BADKEY',
  });
  // A 128-bit MAC is fine for a digest-bits 128 key, BADTRUNC for a full-length key.
  const st = signMessage(update, short, { timeSigned: T });
  t.equal(st.mac.length, 16);
  t.ok(verifyMessage(st.wire, short, { now: T }).ok);
  t.match(verifyMessage(st.wire, key, { now: T }), { failure: 'BADTRUNC' });
  // Fudge window: 300 s by default, either side.
  t.ok(verifyMessage(s.wire, key, { now: T - 300 }).ok);
  t.match(verifyMessage(s.wire, key, { now: T + 301 }), { failure: 'BADTIME' });
  t.match(verifyMessage(s.wire, key, { now: T - 301 }), { failure: 'BADTIME' });
  for (let i = 0; i < update.length; i++) {
    if (i < 2) continue; // the ID is replaced by the original ID before the MAC check (RFC 8945 4.3.1)
    const b = Buffer.from(s.wire);
    b[i] = b[i]! ^ 0x20;
    const r = verifyMessage(b, key, { now: T });
    if (r.ok) t.fail(`flipping octet ${i} still verifies`);
  }
  t.match(verifyMessage(update, key), { failure: 'UNSIGNED' });
  t.match(verifyMessage(Buffer.from([1, 2, 3]), key), { failure: 'FORMERR' });
  // A peer's BADSIG answer carries no MAC.
  const refusal = signMessage(update, key, { timeSigned: T, error: 16 });
  t.equal(refusal.mac.length, 0);
  t.match(verifyMessage(refusal.wire, key, { now: T }), { failure: 'PEER_ERROR' });
});
