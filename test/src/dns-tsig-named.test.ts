// System test: TSIG against a real BIND 9 named on 127.0.0.1. For every algorithm (and for truncated
// MACs, Kea's digest-bits) our signed RFC 2136 UPDATE is accepted by named, the records appear in DNS,
// and our verifier accepts named's signed answers; a wrong secret is refused by named (NOTAUTH, BADSIG),
// a tampered answer is refused by us. Then BIND's own client: nsupdate -y sends its signed UPDATE to our
// UDP socket, we verify it and answer signed over its MAC, and nsupdate accepts that answer (and refuses
// one signed with another secret). Needs Debian's bind9 and bind9-dnsutils (scripts/lib/install.sh).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import {
  createTsigKey,
  decodeMessage,
  dhcidFromClientId,
  emptyMessage,
  encodeMessage,
  Rcode,
  RRType,
  signMessage,
  type TsigKey,
  UpdateBuilder,
  verifyMessage,
} from '@kea-ts/dns';
import t from 'tap';
import { programEnv } from './lib/harness.js';
import { startNamed } from './lib/named.js';

interface KeyCase {
  kea: string;
  bind: string;
  digestBits: number;
}

const CASES: KeyCase[] = [
  { kea: 'HMAC-MD5', bind: 'hmac-md5', digestBits: 0 },
  { kea: 'HMAC-SHA1', bind: 'hmac-sha1', digestBits: 0 },
  { kea: 'HMAC-SHA224', bind: 'hmac-sha224', digestBits: 0 },
  { kea: 'HMAC-SHA256', bind: 'hmac-sha256', digestBits: 0 },
  { kea: 'HMAC-SHA384', bind: 'hmac-sha384', digestBits: 0 },
  { kea: 'HMAC-SHA512', bind: 'hmac-sha512', digestBits: 0 },
  // Truncated MACs: BIND spells digest-bits as an algorithm suffix.
  { kea: 'HMAC-SHA1', bind: 'hmac-sha1-80', digestBits: 80 },
  { kea: 'HMAC-SHA256', bind: 'hmac-sha256-128', digestBits: 128 },
  { kea: 'HMAC-SHA512', bind: 'hmac-sha512-256', digestBits: 256 },
];

const keyName = (c: KeyCase) => `key-${c.bind}.example`;

t.test('TSIG-signed updates against BIND 9 named', async (t) => {
  const secrets = new Map(CASES.map((c) => [keyName(c), randomBytes(32).toString('base64')]));
  const named = await startNamed(
    t,
    CASES.map((c) => ({ name: keyName(c), algorithm: c.bind, secret: secrets.get(keyName(c))! })),
    ['example.com'],
  );
  const exchange = (wire: Buffer) => named.exchange(wire);
  const dig = (name: string, type: string) => named.dig(name, type);

  const now = () => Math.floor(Date.now() / 1000);
  let n = 0;
  for (const c of CASES) {
    n++;
    const key: TsigKey = createTsigKey({
      name: keyName(c),
      algorithm: c.kea,
      secret: secrets.get(keyName(c))!,
      'digest-bits': c.digestBits,
    });
    const host = `h${n}.example.com`;
    const address = `192.0.2.${n}`;
    const dhcid = dhcidFromClientId(Buffer.from([1, 0, 0x0c, 0x29, 0, 0, n]), host);
    const update = new UpdateBuilder('example.com', 0x4000 + n)
      .nameNotInUse(host)
      .add(host, 300, { kind: 'A', address })
      .add(host, 300, { kind: 'DHCID', data: dhcid })
      .encode();
    const signed = signMessage(update, key);
    t.equal(signed.mac.length, c.digestBits ? c.digestBits / 8 : key.macLength, `${c.bind}: MAC length`);
    const answer = await exchange(signed.wire);
    const v = verifyMessage(answer, key, { requestMac: signed.mac, now: now() });
    t.ok(v.ok, `${c.bind}: our verifier accepts named's signed answer${v.ok ? '' : `: ${v.reason}`}`);
    t.equal(decodeMessage(answer).rcode, Rcode.NOERROR, `${c.bind}: named accepted the update`);
    if (v.ok) t.equal(v.tsig.mac.length, key.sendLength, `${c.bind}: named's MAC has the key's length`);
    t.equal(dig(host, 'A'), address, `${c.bind}: dig shows the A record`);
    t.equal(dig(host, 'DHCID'), dhcid.toString('base64'), `${c.bind}: dig shows the DHCID record`);

    // A signed query: named's answer carries the record, compressed names and its MAC over our request MAC.
    const query = encodeMessage(
      emptyMessage({ id: 0x5000 + n, questions: [{ name: host, type: RRType.A, class: 1 }] }),
    );
    const q = signMessage(query, key);
    const qa = await exchange(q.wire);
    const qv = verifyMessage(qa, key, { requestMac: q.mac, now: now() });
    t.ok(
      qv.ok && qv.message.answers[0]?.data?.kind === 'A' && qv.message.answers[0].data.address === address,
      `${c.bind}: verified query answer`,
    );
    // The same answer checked against the wrong request MAC, or with one octet changed, is refused.
    t.match(verifyMessage(qa, key, { requestMac: signed.mac, now: now() }), { ok: false, failure: 'BADSIG' });
    const tampered = Buffer.from(qa);
    tampered[tampered.length - 60] = tampered[tampered.length - 60]! ^ 0x01;
    t.match(verifyMessage(tampered, key, { requestMac: q.mac, now: now() }), { ok: false });
    t.match(verifyMessage(qa, key, { requestMac: q.mac, now: now() + 3600 }), {
      ok: false,
      failure: 'BADTIME',
    });
  }

  // A wrong secret under a known key name: named refuses with NOTAUTH and TSIG error BADSIG.
  const wrong = createTsigKey({
    name: keyName(CASES[3]!),
    algorithm: 'HMAC-SHA256',
    secret: randomBytes(32).toString('base64'),
  });
  const bad = new UpdateBuilder('example.com', 0x6000).add('evil.example.com', 300, {
    kind: 'A',
    address: '192.0.2.99',
  });
  const badSigned = signMessage(bad.encode(), wrong);
  const refusal = await exchange(badSigned.wire);
  const rm = decodeMessage(refusal);
  t.equal(rm.rcode, Rcode.NOTAUTH, 'named answers NOTAUTH to a wrong secret');
  const tsig = rm.additionals.at(-1)?.data;
  t.equal(tsig?.kind === 'TSIG' ? tsig.error : -1, Rcode.BADSIG, 'with TSIG error BADSIG');
  t.match(verifyMessage(refusal, wrong, { requestMac: badSigned.mac }), { ok: false, failure: 'PEER_ERROR' });
  t.equal(dig('evil.example.com', 'A'), '', 'the refused record is not in DNS');

  // An unsigned update is refused too (allow-update names only keys).
  const unsigned = await exchange(bad.encode());
  t.equal(decodeMessage(unsigned).rcode, Rcode.REFUSED, 'an unsigned update is REFUSED');
  t.match(
    named.daemon.output(),
    /signer "key-hmac-sha256.example" .*BADSIG|tsig verify failure \(BADSIG\)/i,
    'named logged the bad signature',
  );
});

/** Runs nsupdate asynchronously (our own UDP server answers it from this process). */
function nsupdate(args: string[], script: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('nsupdate', args, { env: programEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
    child.stdin.end(script);
  });
}

t.test(
  'nsupdate -y: we verify BIND-signed requests and nsupdate verifies our signed responses',
  async (t) => {
    for (const c of CASES) {
      const secret = randomBytes(32).toString('base64');
      const bits = { 'digest-bits': c.digestBits };
      const key = createTsigKey({ name: 'nsupdate-key', algorithm: c.kea, secret, ...bits });
      for (const answerWith of ['right', 'wrong'] as const) {
        const signer =
          answerWith === 'right'
            ? key
            : createTsigKey({
                name: 'nsupdate-key',
                algorithm: c.kea,
                secret: randomBytes(32).toString('base64'),
                ...bits,
              });
        const server = createSocket('udp4');
        await new Promise<void>((r) => server.bind(0, '127.0.0.1', () => r()));
        const port = server.address().port;
        const seen: { ok: boolean; reason?: string; update?: string }[] = [];
        server.on('message', (msg, from) => {
          const v = verifyMessage(msg, key);
          seen.push(
            v.ok
              ? { ok: true, update: JSON.stringify(v.message.authorities) }
              : { ok: false, reason: v.reason },
          );
          if (v.ok && v.tsig.mac.length !== key.sendLength) seen.push({ ok: false, reason: 'MAC length' });
          if (!v.ok) return;
          // Our answer: the request's header and zone section with QR set and no other sections.
          const reply = encodeMessage(
            emptyMessage({ id: v.message.id, qr: true, opcode: 5, questions: v.message.questions }),
          );
          server.send(signMessage(reply, signer, { requestMac: v.tsig.mac }).wire, from.port, from.address);
        });
        const r = await nsupdate(
          ['-y', `${c.bind}:nsupdate-key:${secret}`, '-t', '3', '-u', '1'],
          `server 127.0.0.1 ${port}\nzone example.com\nupdate add ns1.example.com 300 A 192.0.2.53\nsend\n`,
        );
        server.close();
        t.equal(seen.length, 1, `${c.bind}: one request of the key's MAC length`);
        t.equal(
          seen[0]?.ok,
          true,
          `${c.bind}: our verifier accepts nsupdate's signed UPDATE ${seen[0]?.reason ?? ''}`,
        );
        t.match(
          seen[0]?.update ?? '',
          /"ns1\.example\.com\.".*"address":"192\.0\.2\.53"/,
          `${c.bind}: with its record`,
        );
        if (answerWith === 'right')
          t.equal(r.code, 0, `${c.bind}: nsupdate accepts our signed answer ${r.output}`);
        else
          t.not(
            r.code,
            0,
            `${c.bind}: nsupdate refuses an answer signed with another secret (${r.output.trim()})`,
          );
      }
    }
  },
);
