// RFC 2136 UPDATE messages as bytes: zone section, each prerequisite and update form, compression.
import t from 'tap';
import { decodeMessage, RRClass, RRType, UpdateBuilder } from '../src/index.js';

const hex = (s: string): Buffer => Buffer.from(s.replace(/[\s|]+/g, ''), 'hex');
const ascii = (s: string): string => Buffer.from(s, 'latin1').toString('hex');

t.test('add an A record when the name is not in use: exact octets', async (t) => {
  const wire = new UpdateBuilder('example.com', 0x1234)
    .nameNotInUse('host.example.com')
    .add('host.example.com', 3600, { kind: 'A', address: '192.0.2.1' })
    .encode();
  const expected = hex(
    `1234 2800 0001 0001 0001 0000` + // id, opcode UPDATE, ZOCOUNT 1, PRCOUNT 1, UPCOUNT 1, ADCOUNT 0
      `07${ascii('example')}03${ascii('com')}00 0006 0001` + // zone example.com SOA IN (offset 12)
      `04${ascii('host')}c00c 00ff 00fe 00000000 0000` + // host.example.com ANY NONE: name not in use (offset 29)
      `c01d 0001 0001 00000e10 0004 c0000201`, // host.example.com A IN 3600 192.0.2.1: pointer to 29
  );
  t.equal(wire.toString('hex'), expected.toString('hex'));
});

t.test('every prerequisite and update form has the RFC 2136 class, type, TTL and RDATA', async (t) => {
  const dhcid = Buffer.from('AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA=', 'base64');
  const b = new UpdateBuilder('example.com.', 7)
    .nameInUse('a.example.com')
    .nameNotInUse('b.example.com')
    .rrsetExists('c.example.com', RRType.A)
    .rrsetExistsWithValue('d.example.com', { kind: 'DHCID', data: dhcid })
    .rrsetDoesNotExist('e.example.com', RRType.AAAA)
    .add('f.example.com', 300, { kind: 'AAAA', address: '2001:db8::1' })
    .deleteRRset('g.example.com', RRType.A)
    .deleteName('h.example.com')
    .deleteRR('i.example.com', { kind: 'DHCID', data: dhcid })
    .add('1.2.0.192.in-addr.arpa', 300, { kind: 'PTR', name: 'f.example.com' });
  const m = decodeMessage(b.encode());
  t.equal(m.opcode, 5);
  t.equal(m.id, 7);
  t.same(m.questions, [{ name: 'example.com.', type: RRType.SOA, class: RRClass.IN }]);
  const shape = (rr: { name: string; type: number; class: number; ttl: number; data: unknown }) => [
    rr.name,
    rr.type,
    rr.class,
    rr.ttl,
    rr.data === null ? null : 'data',
  ];
  t.same(m.answers.map(shape), [
    ['a.example.com.', 255, 255, 0, null],
    ['b.example.com.', 255, 254, 0, null],
    ['c.example.com.', 1, 255, 0, null],
    ['d.example.com.', 49, 1, 0, 'data'],
    ['e.example.com.', 28, 254, 0, null],
  ]);
  t.same(m.authorities.map(shape), [
    ['f.example.com.', 28, 1, 300, 'data'],
    ['g.example.com.', 1, 255, 0, null],
    ['h.example.com.', 255, 255, 0, null],
    ['i.example.com.', 49, 254, 0, 'data'],
    ['1.2.0.192.in-addr.arpa.', 12, 1, 300, 'data'],
  ]);
  t.same(m.answers[3]!.data, { kind: 'DHCID', data: dhcid });
  t.same(m.authorities[0]!.data, { kind: 'AAAA', address: '2001:db8::1' });
  t.same(m.authorities[4]!.data, { kind: 'PTR', name: 'f.example.com.' });
  t.same(m.additionals, []);
  t.equal(m.tsigOffset, null);
});
