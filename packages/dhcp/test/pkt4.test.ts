// Pkt4 byte vectors: header fields, lazy options and typed getters, the received layout kept byte
// for byte, the fresh layout (53 first, ascending codes, 82 last, END, 300-byte minimum), typed
// parse errors, and Kea 2.2's own answers (fixtures) packed back identically.
import t from 'tap';
import { DhcpParseError } from '../src/errors.js';
import { BOOTREPLY, Pkt4 } from '../src/pkt4.js';
import { fixture, hex, packFails, parseFails, zeros } from './wire/helpers.js';

// A relayed DISCOVER as dhclient sends it, behind a relay that added option 82.
const header = `
  01                                # op BOOTREQUEST
  01                                # htype Ethernet
  06                                # hlen
  01                                # hops
  12345678                          # xid
  0003                              # secs
  8000                              # flags: broadcast
  00000000                          # ciaddr
  00000000                          # yiaddr
  00000000                          # siaddr
  c0000201                          # giaddr 192.0.2.1
  0a0b0c0d0e0f ${zeros(10)}         # chaddr 0a:0b:0c:0d:0e:0f, padded to 16
  ${zeros(64)}                      # sname
  ${zeros(128)}                     # file
  63825363                          # magic cookie
`;
const discover = hex(`${header}
  350101                            # 53 message type: DHCPDISCOVER
  3d07 010a0b0c0d0e0f               # 61 client id: htype 1 + MAC
  0c04 686f7374                     # 12 host name "host"
  3704 0103060f                     # 55 PRL: 1 3 6 15
  3902 05dc                         # 57 max message size 1500
  0000                              # two PADs
  520a 0104 65746830 0202 abcd      # 82 agent info: circuit-id "eth0", remote-id abcd
  ff                                # END
  ${zeros(7)}                       # trailing padding
`);

t.test('parse: header fields and typed getters', (t) => {
  const p = Pkt4.parse(discover);
  t.equal(p.op, 1);
  t.equal(p.htype, 1);
  t.equal(p.hlen, 6);
  t.equal(p.hops, 1);
  t.equal(p.xid, 0x12345678);
  t.equal(p.secs, 3);
  t.equal(p.flags, 0x8000);
  t.equal(p.giaddr, 0xc0000201);
  t.same(p.chaddr, hex('0a0b0c0d0e0f'));
  t.equal(p.sname.length, 64);
  t.equal(p.file.length, 128);
  t.equal(p.messageType, 1);
  t.same(p.clientId, hex('010a0b0c0d0e0f'));
  t.equal(p.hostname, 'host');
  t.same(p.parameterRequestList, hex('0103060f'));
  t.equal(p.maxMessageSize, 1500);
  t.equal(p.maxReplySize(), 1472);
  t.equal(p.requestedAddress, undefined);
  t.same(p.agentSubOption(1), Buffer.from('eth0'));
  t.same(p.agentSubOption(2), hex('abcd'));
  t.same(
    [...p.options()].map(([c]) => c),
    [53, 61, 12, 55, 57, 82],
    'options() in arrival order',
  );
  t.ok(p.hasOption(82));
  t.notOk(p.hasOption(50));
  t.end();
});

t.test('parse then pack gives the received bytes (order, PADs, trailing padding)', (t) => {
  const p = Pkt4.parse(discover);
  t.ok(p.raw === discover, 'raw layout kept');
  t.same(p.pack(), discover);
  // A header change keeps the layout: only the header bytes differ.
  p.hops = 2;
  p.yiaddr = 0xc0000264;
  const out = p.pack();
  const expect = Buffer.from(discover);
  expect[3] = 2;
  expect.writeUInt32BE(0xc0000264, 16);
  t.same(out, expect);
  t.end();
});

t.test('a changed packet is laid out fresh: 53 first, ascending codes, 82 last, padded on request', (t) => {
  const p = Pkt4.parse(discover);
  p.deleteOption(12);
  t.equal(p.raw, null, 'raw layout dropped once options change');
  t.equal(p.getOption(12), undefined);
  const out = p.pack({ minSize: 300 });
  t.same(
    out,
    hex(`${header}
    350101                          # 53 first
    3704 0103060f                   # 55
    3902 05dc                       # 57
    3d07 010a0b0c0d0e0f             # 61
    520a 0104 65746830 0202 abcd    # 82 last
    ff                              # END
    ${zeros(300 - 240 - 3 - 6 - 4 - 9 - 12 - 1)} # zeros up to 300 bytes
  `),
  );
  t.equal(out.length, 300);
  t.equal(p.pack().length, 240 + 3 + 6 + 4 + 9 + 12 + 1, 'a DHCP message is not padded by default, as Kea');
  const bootp = new Pkt4();
  bootp.setOption(1, Buffer.from([255, 255, 255, 0]));
  t.equal(bootp.pack().length, 300, 'a BOOTP packet (no message type) is padded to 300 by default');
  t.end();
});

t.test('reply copies what an answer keeps from the request', (t) => {
  const req = Pkt4.parse(discover);
  const offer = Pkt4.reply(req, 2);
  offer.yiaddr = 0xc0000264;
  offer.setOption(54, hex('c0000202'));
  offer.setOption(51, hex('00000e10'));
  t.equal(offer.op, BOOTREPLY);
  t.equal(offer.messageType, 2);
  t.equal(offer.serverId, 0xc0000202);
  t.equal(offer.leaseTime, 3600);
  const bytes = offer.pack();
  t.same(
    bytes.subarray(0, 44),
    hex(`02 01 06 01 12345678 0000 8000 00000000 c0000264 00000000 c0000201 0a0b0c0d0e0f ${zeros(10)}`),
    'op, htype, hlen, hops, xid, secs 0, flags, yiaddr, giaddr, chaddr',
  );
  t.same(bytes.subarray(240, 256), hex('350102 3304 00000e10 3604 c0000202 ff'));
  t.end();
});

t.test('BOOTP packets without options are valid', (t) => {
  const bare = hex(`${header}`);
  const p = Pkt4.parse(bare);
  t.equal(p.messageType, 0, 'no 53: DHCP_NOTYPE');
  t.same([...p.options()], []);
  t.same(p.pack(), bare);
  const withEnd = hex(`${header} ff ${zeros(59)}`);
  t.same(Pkt4.parse(withEnd).pack(), withEnd);
  t.end();
});

t.test('parse errors are DhcpParseError', (t) => {
  parseFails(t, () => Pkt4.parse(discover.subarray(0, 239)), /240/, 'shorter than header + cookie');
  const bad = Buffer.from(discover);
  bad[239] = 0x64;
  parseFails(t, () => Pkt4.parse(bad), /cookie/, 'bad magic cookie');
  parseFails(t, () => Pkt4.parse(hex(`${header} 35`)), /no length/, 'option without length byte');
  parseFails(t, () => Pkt4.parse(hex(`${header} 3d07 0102`)), /declares 7 bytes/, 'option past the end');
  parseFails(t, () => Pkt4.parse(hex(`${header} 3401 04 ff`)), /overload/, 'overload value 4');
  parseFails(t, () => Pkt4.parse(hex(`${header} 3402 0101 ff`)), /overload/, 'overload of 2 bytes');
  // Typed getters check sizes the way Kea's definitions do.
  parseFails(
    t,
    () => Pkt4.parse(hex(`${header} 3203 c00002 ff`)).requestedAddress,
    /expected 4/,
    'option 50',
  );
  parseFails(t, () => Pkt4.parse(hex(`${header} 3500 ff`)).messageType, /empty/, 'empty 53');
  parseFails(t, () => Pkt4.parse(hex(`${header} 5203 0105 00 ff`)).agentInfo(), /declares 5/, 'bad 82');
  t.end();
});

t.test('setOption refuses codes pack() cannot write', (t) => {
  const p = new Pkt4(1);
  for (const code of [0, 255, 256, -1, 1.5])
    packFails(t, () => p.setOption(code, hex('00')), /cannot be set/, `${code}`);
  t.end();
});

t.test('chaddr, sname and file larger than their fields cannot be packed', (t) => {
  const p = new Pkt4(1);
  p.chaddr = Buffer.alloc(17);
  packFails(t, () => p.pack(), /chaddr/, 'chaddr');
  p.chaddr = Buffer.alloc(6);
  p.file = Buffer.alloc(129);
  packFails(t, () => p.pack(), /file/, 'file');
  t.end();
});

interface OracleFixture {
  exchange: string;
  request: string;
  answer: string;
}

t.test("Kea 2.2's packets: received layout repacks identically, fresh layout equals Kea's", (t) => {
  for (const name of ['discover', 'discover-max-576', 'discover-relayed', 'inform', 'request']) {
    const f = fixture<OracleFixture>(`oracle/kea4-${name}.json`);
    for (const which of ['request', 'answer'] as const) {
      const bytes = Buffer.from(f[which], 'hex');
      t.same(Pkt4.parse(bytes).pack(), bytes, `${name} ${which}: parse + pack`);
    }
    // Kea writes 53 first, the rest by code, 82 last, and no padding: our fresh layout with
    // minSize 0 must give its very bytes.
    const answer = Buffer.from(f.answer, 'hex');
    const p = Pkt4.parse(answer);
    // Kea's all-options config sends 52 (overload 3) verbatim; a change drops the received 52
    // (it described the received layout), so it is set again as the server would.
    const overload = p.getOption(52);
    p.setOption(53, Buffer.from([p.messageType]));
    if (overload !== undefined) p.setOption(52, overload);
    t.equal(p.raw, null);
    t.same(p.pack({ minSize: 0 }), answer, `${name} answer: fresh layout is Kea's`);
  }
  t.end();
});

t.test('parse never throws anything but DhcpParseError on a header-only prefix sweep', (t) => {
  let parsed = 0;
  for (let n = 0; n <= discover.length; n++) {
    try {
      Pkt4.parse(discover.subarray(0, n));
      parsed++;
    } catch (e) {
      if (!(e instanceof DhcpParseError)) throw e;
    }
  }
  // 240 (no options) and every cut at an option boundary, PAD or END parse.
  t.ok(parsed > 5);
  t.end();
});
