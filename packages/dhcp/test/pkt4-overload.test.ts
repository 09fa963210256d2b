// Pkt4 option overload (52) into file and sname, RFC 3396 long options (concatenation on parse,
// splitting on pack) and the client's maximum message size (57) when packing.
import t from 'tap';
import { Pkt4 } from '../src/pkt4.js';
import { hex, packFails, parseFails, zeros } from './wire/helpers.js';

function header(op: string, sname: string, file: string): string {
  return `
  ${op} 01 06 00                    # op, htype Ethernet, hlen 6, hops
  0000abcd 0000 0000                # xid, secs, flags
  00000000 00000000 00000000 00000000 # ciaddr yiaddr siaddr giaddr
  0a0b0c0d0e0f ${zeros(10)}         # chaddr
  ${sname}                          # sname (64 bytes)
  ${file}                           # file (128 bytes)
  63825363                          # magic cookie
`;
}

// Option 43 split in three instances: one in each area, joined options -> file -> sname.
const overloaded = hex(`${header(
  '01',
  `2b01 05  0f03 6f7267  ff ${zeros(64 - 9)}`, // sname: 43 part 3, 15 "org", END
  `2b02 0304  0c04 686f7374  ff ${zeros(128 - 11)}`, // file: 43 part 2, 12 "host", END
)}
  350101                            # 53 DHCPDISCOVER
  340103                            # 52 overload: file and sname
  2b02 0102                         # 43 part 1
  ff                                # END
`);

t.test('parse: options continue in file then sname', (t) => {
  const p = Pkt4.parse(overloaded);
  t.same(p.getOption(43), hex('0102030405'), '43 concatenated in area order');
  t.equal(p.hostname, 'host', 'from file');
  t.same(p.getOption(15), Buffer.from('org'), 'from sname');
  t.same(
    p.receivedInstances().map((i) => i.code),
    [53, 52, 43, 43, 12, 43, 15],
  );
  t.same(p.pack(), overloaded, 'received layout packs back identically');
  t.end();
});

t.test('parse: overload pointing at garbage or at itself', (t) => {
  const garbageFile = hex(`${header('01', zeros(64), `0c05 6162 ${zeros(124)}`)} 350101 340101 ff`);
  // The file field holds "0c05 6162 00..." - 12 with 5 bytes is fine, the zeros are PADs; make
  // the length run past the field instead.
  const truncated = Buffer.from(garbageFile);
  truncated[108 + 126] = 0x0c;
  truncated[108 + 127] = 0x05;
  parseFails(t, () => Pkt4.parse(truncated), /file field \(overload\)/, 'option running out of file');
  const truncSname = hex(`${header('01', `${zeros(63)}0c`, zeros(128))} 350101 340102 ff`);
  parseFails(t, () => Pkt4.parse(truncSname), /sname field \(overload\)/, 'no length byte in sname');
  // A 52 inside file is an ordinary instance: overload is read from the options field only.
  const selfRef = hex(`${header('01', zeros(64), `340103 ff ${zeros(124)}`)} 350101 340101 ff`);
  const p = Pkt4.parse(selfRef);
  t.same(p.getOption(52), hex('0103'), 'both 52 instances, concatenated');
  t.same(p.pack(), selfRef);
  t.end();
});

t.test('a change frees the overloaded fields and lays everything out in the options field', (t) => {
  const p = Pkt4.parse(overloaded);
  p.setOption(1, hex('ffffff00'));
  const out = p.pack({ minSize: 0 });
  t.same(
    out,
    hex(`${header('01', zeros(64), zeros(128))}
    350101                          # 53
    0104 ffffff00                   # 1 subnet mask (new)
    0c04 686f7374                   # 12 host
    0f03 6f7267                     # 15 org
    2b05 0102030405                 # 43 joined
    ff                              # END (the received 52 is gone with its layout)
  `),
  );
  t.end();
});

t.test('pack: options beyond maxSize move to file, then sname, with 52 after 53', (t) => {
  const p = new Pkt4(2);
  p.xid = 0xabcd;
  p.chaddr = hex('0a0b0c0d0e0f');
  const host = Buffer.alloc(40, 0x61);
  const domain = Buffer.alloc(30, 0x62);
  const root = Buffer.alloc(60, 0x63);
  p.setOption(17, root);
  p.setOption(12, host);
  p.setOption(15, domain);
  const out = p.pack({ maxSize: 300, minSize: 300 });
  t.same(
    out,
    hex(`${header(
      '02',
      zeros(64),
      `0f1e ${domain.toString('hex')} 113c ${root.toString('hex')} ff ${zeros(128 - 32 - 62 - 1)}`,
    )}
    350102                          # 53 DHCPOFFER
    340101                          # 52 overload: file
    0c28 ${host.toString('hex')}    # 12 fits in the options field
    ff                              # END at 288
    ${zeros(11)}                    # zeros up to the 300-byte minimum
  `),
  );
  const back = Pkt4.parse(out);
  t.same(back.getOption(15), domain);
  t.same(back.getOption(17), root);
  t.same(back.getOption(12), host);
  t.end();
});

t.test('pack: both areas, and errors when nothing more fits', (t) => {
  const p = new Pkt4(5);
  const codes = [66, 67, 100, 101, 114];
  for (const c of codes) p.setOption(c, Buffer.alloc(40, c));
  const out = p.pack({ maxSize: 300 });
  t.ok(out.length <= 300);
  const back = Pkt4.parse(out);
  t.same(back.getOption(52), hex('03'), 'file and sname');
  for (const c of codes) t.same(back.getOption(c), Buffer.alloc(40, c), `option ${c} back`);
  // The server uses file: only sname is left, and that is too small.
  p.file = Buffer.from('pxelinux.0');
  packFails(t, () => p.pack({ maxSize: 300 }), /fit/, 'file in use');
  p.file = Buffer.alloc(0);
  p.setOption(120, Buffer.alloc(200, 1));
  packFails(t, () => p.pack({ maxSize: 300 }), /fit/, 'too much even with both');
  t.end();
});

t.test('RFC 3396: payloads over 255 bytes are split on pack and joined on parse', (t) => {
  const p = new Pkt4(5);
  const big = Buffer.alloc(600);
  for (let i = 0; i < big.length; i++) big[i] = i & 0xff;
  p.setOption(43, big);
  const out = p.pack();
  t.same(out.subarray(240, 243), hex('350105'));
  t.same(out.subarray(243, 245), hex('2bff'), 'first instance: 255 bytes');
  t.same(out.subarray(243 + 257, 243 + 259), hex('2bff'), 'second instance: 255 bytes');
  t.same(out.subarray(243 + 514, 243 + 516), hex('2b5a'), 'third instance: 90 bytes');
  t.equal(out[243 + 516 + 90], 0xff, 'END');
  const back = Pkt4.parse(out);
  t.same(back.getOption(43), big);
  t.same(
    back.receivedInstances().map((i) => i.payload.length),
    [1, 255, 255, 90],
  );
  t.same(back.pack(), out);
  t.end();
});

t.test('maxReplySize: option 57 less IP and UDP headers, never under 576', (t) => {
  const base = `${header('01', zeros(64), zeros(128))} 350103`;
  t.equal(Pkt4.parse(hex(`${base} ff`)).maxReplySize(), 548, 'no 57');
  t.equal(Pkt4.parse(hex(`${base} 3902 012c ff`)).maxReplySize(), 548, '57 = 300');
  t.equal(Pkt4.parse(hex(`${base} 3902 05dc ff`)).maxReplySize(), 1472, '57 = 1500');
  parseFails(t, () => Pkt4.parse(hex(`${base} 3901 05 ff`)).maxReplySize(), /expected 2/, '57 of 1 byte');
  t.end();
});

t.test('an oversized option 53 that leaves no room for 52 in the options field is a pack error', (t) => {
  // Found by the property test: 53 (written first, split per RFC 3396) ran past maxSize before 52.
  const p = new Pkt4(1);
  p.setOption(53, Buffer.alloc(325, 1));
  for (let code = 1; code < 60; code++)
    if (code !== 52 && code !== 53) p.setOption(code, Buffer.alloc(8, code));
  packFails(t, () => p.pack({ maxSize: 548 }), /option 53 takes 329 bytes/, 'no RangeError');
  t.end();
});
