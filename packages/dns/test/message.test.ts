// Message codec: byte vectors per record type, name compression both ways, malformed input.
import t from 'tap';
import {
  decodeMessage,
  emptyMessage,
  encodeMessage,
  encodeRData,
  type Message,
  nameToWire,
  type RData,
  readName,
} from '../src/index.js';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

t.test('RDATA byte vectors', async (t) => {
  const cases: [RData, string][] = [
    [{ kind: 'A', address: '192.0.2.33' }, 'c0000221'],
    [{ kind: 'AAAA', address: '2001:db8::5' }, '20010db8000000000000000000000005'],
    [{ kind: 'PTR', name: 'ab.c' }, '026162016300'],
    [{ kind: 'TXT', strings: [Buffer.from('hi'), Buffer.alloc(0)] }, '02686900'],
    [{ kind: 'DHCID', data: hex('000201ff') }, '000201ff'],
    [
      { kind: 'SOA', mname: 'ns.x', rname: 'h.x', serial: 1, refresh: 2, retry: 3, expire: 4, minimum: 5 },
      '026e73017800 0168017800 00000001 00000002 00000003 00000004 00000005',
    ],
    [
      {
        kind: 'TSIG',
        algorithm: 'hmac-sha256',
        timeSigned: 0x0102_0304_0506,
        fudge: 300,
        mac: hex('aabb'),
        originalId: 0x1234,
        error: 0,
        other: Buffer.alloc(0),
      },
      '0b686d61632d73686132353600 010203040506 012c 0002 aabb 1234 0000 0000',
    ],
  ];
  for (const [data, bytes] of cases) {
    const wire = encodeRData(data);
    t.equal(wire.toString('hex'), hex(bytes).toString('hex'), data.kind);
    // Round trip through a whole message (names come back absolute).
    const m = emptyMessage({ answers: [{ name: 'r.x', type: typeOf(data), class: 1, ttl: 5, data }] });
    const back = decodeMessage(encodeMessage(m)).answers[0]!.data!;
    t.equal(encodeRData(back).toString('hex'), wire.toString('hex'), `${data.kind} round trip`);
  }
});

function typeOf(d: RData): number {
  return { A: 1, AAAA: 28, PTR: 12, NS: 2, CNAME: 5, TXT: 16, DHCID: 49, SOA: 6, TSIG: 250, raw: 99 }[d.kind];
}

t.test('names: escapes, case kept, length limits', async (t) => {
  t.equal(nameToWire('A\\.b.C').toString('hex'), '03412e6201430' + '0');
  t.equal(readName(nameToWire('x\\000y.z'), 0).name, 'x\\000y.z.');
  t.throws(() => nameToWire('a..b'), { code: 'KEA_ERR_DNS_BAD_INPUT' });
  t.throws(() => nameToWire(`${'a'.repeat(64)}.b`), { code: 'KEA_ERR_DNS_BAD_INPUT' });
  t.throws(() => nameToWire(Array(130).fill('a').join('.')), { code: 'KEA_ERR_DNS_BAD_INPUT' });
});

t.test('compression on write points at the longest earlier suffix, case-insensitively', async (t) => {
  const m: Message = emptyMessage({
    id: 1,
    questions: [{ name: 'Example.COM', type: 6, class: 1 }],
    answers: [
      { name: 'a.example.com', type: 12, class: 1, ttl: 0, data: { kind: 'PTR', name: 'b.a.example.com' } },
    ],
  });
  const wire = encodeMessage(m);
  // question name at 12; answer owner "a" + pointer to 12 at 29; PTR RDATA "b" + pointer to 29.
  t.equal(wire.subarray(29).toString('hex'), '0161c00c 000c 0001 00000000 0004 0162c01d'.replace(/ /g, ''));
  const back = decodeMessage(wire);
  t.equal(back.questions[0]!.name, 'Example.COM.');
  // The suffix is read from where it was first written, so it comes back in that spelling (as in BIND).
  t.same(back.answers[0]!.data, { kind: 'PTR', name: 'b.a.Example.COM.' });
  t.equal(encodeMessage(back).toString('hex'), wire.toString('hex'));
});

t.test('malformed input gives KEA_ERR_DNS_MALFORMED', async (t) => {
  const header = (qd: number, an = 0) =>
    `0000 0000 ${qd.toString(16).padStart(4, '0')} ${an.toString(16).padStart(4, '0')} 0000 0000`;
  const bad: [string, string][] = [
    ['short header', '0000 0000 0001'],
    ['pointer to itself', `${header(1)} c00c 0006 0001`],
    ['pointer loop', `${header(1)} 0161 c00c 0006 0001`],
    ['forward pointer', `${header(1)} c00e 0161 00 0006 0001`],
    ['label past end', `${header(1)} 05616263`],
    ['reserved label type', `${header(1)} 4001 00 0006 0001`],
    ['truncated question', `${header(1)} 00 0006`],
    ['missing record', header(0, 1)],
    ['RDLENGTH past end', `${header(0, 1)} 00 0001 0001 00000000 0005 01020304`],
    ['A of 3 octets', `${header(0, 1)} 00 0001 0001 00000000 0003 010203`],
    ['PTR name past RDATA', `${header(0, 1)} 00 000c 0001 00000000 0001 0161 00`],
    ['TXT overrun', `${header(0, 1)} 00 0010 0001 00000000 0002 0561`],
    ['trailing octets', `${header(0)} ff`],
  ];
  for (const [what, bytes] of bad) {
    t.throws(() => decodeMessage(hex(bytes)), { code: 'KEA_ERR_DNS_MALFORMED' }, what);
  }
  // Names over 255 octets: 130 plain labels, and 130 labels each pointing one label back.
  t.throws(() => readName(hex(`${'0161'.repeat(130)}00`), 0), { code: 'KEA_ERR_DNS_MALFORMED' }, 'long name');
  let chain = '016100';
  for (let i = 1; i <= 130; i++) chain += `0161${(0xc000 | (i === 1 ? 0 : 3 + (i - 2) * 4)).toString(16)}`;
  const buf = hex(chain);
  t.equal(readName(buf, 3).name, 'a.a.', 'one pointer back is fine');
  t.throws(() => readName(buf, buf.length - 4), { code: 'KEA_ERR_DNS_MALFORMED' }, 'long compressed name');
});
