// The direct-reply frame against a hand-checked vector: header bytes and both checksums.

import t from 'tap';
import { internetChecksum, writeUdpFrame } from '../src/index.js';

t.test('Ethernet + IPv4 + UDP frame', async (t) => {
  const out = Buffer.alloc(64);
  const mac = (s: string) => Buffer.from(s, 'hex');
  const len = writeUdpFrame(
    out,
    {
      dstMac: mac('020000000002'),
      srcMac: mac('020000000001'),
      srcIp: 0xc0000201,
      dstIp: 0xc000020a,
      srcPort: 67,
      dstPort: 68,
    },
    Buffer.from('abc'),
  );
  t.equal(len, 14 + 20 + 8 + 3);
  // dst mac, src mac, IPv4 ethertype
  t.equal(out.subarray(0, 14).toString('hex'), '020000000002' + '020000000001' + '0800');
  // version/IHL, TOS 0x10, length 31, id 0, flags 0, TTL 128, UDP, checksum, 192.0.2.1 -> 192.0.2.10
  t.equal(
    out.subarray(14, 34).toString('hex'),
    '4510001f' + '00000000' + '8011' + out.subarray(24, 26).toString('hex') + 'c0000201' + 'c000020a',
  );
  t.equal(internetChecksum(out, 14, 34), 0, 'IP header checksum verifies');
  t.equal(out.subarray(34, 40).toString('hex'), '00430044000b');
  // UDP checksum verifies over pseudo header + datagram (odd length: padded sum)
  const pseudo = Buffer.from('c0000201c000020a0011000b', 'hex');
  t.equal(
    internetChecksum(Buffer.concat([pseudo, out.subarray(34, len)]), 0, 12 + 11),
    0,
    'UDP checksum verifies',
  );
});
