// Pkt6 byte vectors: header, ordered options with repeated codes, nested options on demand,
// received bytes kept, fresh layout by code, relay layers (parse, pack, RELAY-REPL answers,
// the 32-layer limit) and DHCPv4-over-DHCPv6 (RFC 7341).
import t from 'tap';
import { Pkt4 } from '../src/pkt4.js';
import { HOP_COUNT_LIMIT, Pkt6 } from '../src/pkt6.js';
import { hex, packFails, parseFails, zeros } from './wire/helpers.js';

const clientId = '0001 000e 0001 0001 2a3b4c5d 0a0b0c0d0e0f';
const solicit = hex(`
  01                                # msg-type SOLICIT
  abcdef                            # transaction-id
  ${clientId}                       # 1 client-id: DUID-LLT, hw 1, time, MAC (14 bytes)
  0008 0002 0000                    # 8 elapsed time 0
  0003 0028 00000001 00000e10 00001518  # 3 IA_NA IAID 1, T1 3600, T2 5400, then:
    0005 0018 20010db8000000000000000000000064 00001c20 00002a30  # 5 IAADDR 2001:db8::64, 7200, 10800
  0003 000c 00000002 00000000 00000000  # 3 IA_NA IAID 2, no sub-options
  0006 0004 0017 0018               # 6 ORO: 23, 24
`);

t.test('parse: header, ordered options with repeated codes, nested options', (t) => {
  const p = Pkt6.parse(solicit);
  t.equal(p.msgType, 1);
  t.equal(p.transactionId, 0xabcdef);
  t.same(p.relays, []);
  t.same(p.clientId, hex('0001 0001 2a3b4c5d 0a0b0c0d0e0f'));
  t.same(
    p.options().map((o) => o.code),
    [1, 8, 3, 3, 6],
  );
  const ias = p.getOptions(3);
  t.equal(ias.length, 2);
  const nested = Pkt6.suboptions(3, ias[0]!);
  t.same(
    nested.map((o) => o.code),
    [5],
  );
  t.same(nested[0]!.payload.subarray(0, 16), hex('20010db8000000000000000000000064'));
  t.same(Pkt6.suboptions(5, nested[0]!.payload), [], 'IAADDR without sub-options');
  t.same(Pkt6.suboptions(3, ias[1]!), []);
  parseFails(t, () => Pkt6.suboptions(3, ias[1]!.subarray(0, 8)), /fixed part/, 'IA_NA of 8 bytes');
  parseFails(t, () => Pkt6.suboptions(6, ias[1]!), /no nested/, 'ORO has no nested options');
  t.end();
});

t.test('parse then pack gives the received bytes; header changes stay in place', (t) => {
  const p = Pkt6.parse(solicit);
  t.ok(p.raw === solicit);
  t.same(p.pack(), solicit);
  p.transactionId = 0x123456;
  const expect = Buffer.from(solicit);
  expect.writeUIntBE(0x123456, 1, 3);
  t.same(p.pack(), expect);
  t.end();
});

t.test('a changed message is laid out fresh, options by code as Kea writes them', (t) => {
  const p = Pkt6.parse(solicit);
  p.deleteOption(8);
  p.addOption(2, hex('0003 0001 020304050607'));
  t.equal(p.raw, null);
  t.same(
    p.pack(),
    hex(`
    01 abcdef
    ${clientId}                     # 1
    0002 000a 0003 0001 020304050607 # 2 server-id (added last, packed second)
    0003 0028 00000001 00000e10 00001518 0005 0018 20010db8000000000000000000000064 00001c20 00002a30
    0003 000c 00000002 00000000 00000000 # the two IA_NA keep their order
    0006 0004 0017 0018
  `),
  );
  p.setOption(3, hex('00000009 00000000 00000000'));
  t.same(p.getOptions(3), [hex('00000009 00000000 00000000')], 'setOption replaces every instance');
  packFails(t, () => p.addOption(9, hex('00')), /relay-msg/, 'relay-msg is not an option to add');
  packFails(t, () => p.addOption(70000, hex('00')), /code/, 'code over 16 bits');
  t.end();
});

const link = '20010db8000100000000000000000001';
const peer1 = 'fe800000000000000000000000000001';
const peer2 = 'fe800000000000000000000000000002';
const inner = `
  0c 00                             # RELAY-FORW, hop count 0
  ${zeros(16)}                      # link-address ::
  ${peer2}                          # peer-address fe80::2
  0009 ${solicit.length.toString(16).padStart(4, '0')} ${solicit.toString('hex')} # 9 relay-msg
  0025 0006 00000009 0102           # 37 remote-id after relay-msg (order kept)
`;
const relayed = hex(`
  0c 01                             # RELAY-FORW, hop count 1
  ${link}                           # link-address 2001:db8:1::1
  ${peer1}                          # peer-address fe80::1
  0012 0004 65746830                # 18 interface-id "eth0"
  0009 ${hex(inner).length.toString(16).padStart(4, '0')} ${hex(inner).toString('hex')} # 9 relay-msg
`);

t.test('relayed: layers unwrapped outermost first, packed back identically', (t) => {
  const p = Pkt6.parse(relayed);
  t.equal(p.msgType, 1);
  t.equal(p.transactionId, 0xabcdef);
  t.equal(p.relays.length, 2);
  t.equal(p.relays[0]!.hopCount, 1);
  t.same(p.relays[0]!.linkAddress, hex(link));
  t.same(p.relays[0]!.peerAddress, hex(peer1));
  t.same(p.relays[0]!.options, [{ code: 18, payload: Buffer.from('eth0') }]);
  t.same(p.relays[1]!.peerAddress, hex(peer2));
  t.same(
    p.relays[1]!.options.map((o) => o.code),
    [37],
  );
  t.same(p.pack(), relayed);
  p.relays[0]!.hopCount = 5;
  const expect = Buffer.from(relayed);
  expect[1] = 5;
  t.same(p.pack(), expect, 'hop count rewritten in place');
  p.relays[1]!.options.pop();
  const fresh = p.pack();
  t.equal(fresh.length, relayed.length - 10, 'remote-id gone: laid out fresh');
  t.same(Pkt6.parse(fresh).relays[1]!.options, []);
  t.end();
});

t.test('reply: RELAY-REPL layers with the same addresses, echoing interface-id only', (t) => {
  const req = Pkt6.parse(relayed);
  const adv = Pkt6.reply(req, 2);
  adv.addOption(1, hex('0001 0001 2a3b4c5d 0a0b0c0d0e0f'));
  const msg = hex('02 abcdef 0001 000e 0001 0001 2a3b4c5d 0a0b0c0d0e0f');
  const innerRepl = hex(
    `0d 00 ${zeros(16)} ${peer2} 0009 ${msg.length.toString(16).padStart(4, '0')} ${msg.toString('hex')}`,
  );
  t.same(
    adv.pack(),
    hex(`
    0d 01 ${link} ${peer1}          # RELAY-REPL, hop count 1, same link and peer
    0012 0004 65746830              # interface-id echoed
    0009 ${innerRepl.length.toString(16).padStart(4, '0')} # relay-msg
      ${innerRepl.toString('hex')}  # inner RELAY-REPL (remote-id not echoed) around the ADVERTISE
  `),
  );
  t.end();
});

function wrap(msg: Buffer, depth: number): Buffer {
  let b = msg;
  for (let i = 0; i < depth; i++) {
    const head = Buffer.alloc(38);
    head[0] = 12;
    head[1] = i & 0xff;
    head.writeUInt16BE(9, 34);
    head.writeUInt16BE(b.length, 36);
    b = Buffer.concat([head, b]);
  }
  return b;
}

t.test('relay nesting: 32 layers parse, 33 and 100 do not', (t) => {
  const ok = wrap(solicit, HOP_COUNT_LIMIT);
  const p = Pkt6.parse(ok);
  t.equal(p.relays.length, 32);
  t.same(p.pack(), ok);
  parseFails(t, () => Pkt6.parse(wrap(solicit, 33)), /more than 32/, '33 layers');
  parseFails(t, () => Pkt6.parse(wrap(solicit, 100)), /more than 32/, '100 layers');
  t.end();
});

t.test('parse errors are DhcpParseError', (t) => {
  parseFails(t, () => Pkt6.parse(hex('01abcd')), /header takes 4/, '3 bytes');
  parseFails(t, () => Pkt6.parse(Buffer.concat([solicit, hex('000100')])), /trailing/, 'trailing bytes');
  parseFails(t, () => Pkt6.parse(solicit.subarray(0, solicit.length - 1)), /declares 4/, 'truncated option');
  parseFails(t, () => Pkt6.parse(hex(`0c00 ${zeros(31)}`)), /header takes 34/, 'short relay header');
  parseFails(t, () => Pkt6.parse(hex(`0c00 ${zeros(32)} 0012 0000`)), /relay-msg missing/, 'no relay-msg');
  parseFails(t, () => Pkt6.parse(hex(`0c00 ${zeros(32)} 0009 0000`)), /relay-msg missing/, 'empty relay-msg');
  parseFails(t, () => Pkt6.parse(hex(`0c00 ${zeros(32)} 0009 0002 0101`)), /header takes 4/, 'short inner');
  t.end();
});

t.test('DHCPv4-over-DHCPv6: the DHCPv4 message in option 87 as a Pkt4', (t) => {
  const discover = new Pkt4(1);
  discover.xid = 0x01020304;
  discover.chaddr = hex('0a0b0c0d0e0f');
  const v4 = discover.pack({ minSize: 0 });
  const query = hex(`
    14                              # DHCPV4-QUERY (20)
    800000                          # flags: unicast bit (RFC 7341 6.1)
    0057 ${v4.length.toString(16).padStart(4, '0')} ${v4.toString('hex')} # 87 DHCPV4_MSG
  `);
  const p = Pkt6.parse(query);
  t.equal(p.msgType, 20);
  t.equal(p.transactionId, 0x800000, 'flags in the transaction-id field');
  const inside = p.dhcp4Message()!;
  t.equal(inside.messageType, 1);
  t.equal(inside.xid, 0x01020304);
  t.same(p.pack(), query);
  const resp = Pkt6.reply(p, 21);
  const offer = Pkt4.reply(inside, 2);
  resp.setDhcp4Message(offer);
  t.equal(resp.dhcp4Message()!.messageType, 2);
  t.equal(resp.pack()[0], 21);
  t.end();
});
