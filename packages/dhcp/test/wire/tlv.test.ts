// The TLV walkers and writers on their own: v4 sub-option lists (PAD/END ordinary there), the
// dhcp4-space PAD/END, RFC 3396 splitting in encodeOptions4, v6 lists and nested-option offsets.
import t from 'tap';
import { encodedLength4, encodeOptions4, parseOptions4 } from '../../src/wire/tlv4.js';
import { encodeOptions6, parseOptions6, suboptions6 } from '../../src/wire/tlv6.js';
import { hex, packFails, parseFails } from './helpers.js';

t.test('v4 lists', (t) => {
  const list = hex('00 01 aa  ff 00  01 02 bbcc'); // sub-option space: 0 and 255 are codes
  t.same(
    parseOptions4(list).map((o) => [o.code, o.payload.toString('hex')]),
    [
      [0, 'aa'],
      [255, ''],
      [1, 'bbcc'],
    ],
  );
  // dhcp4 space: PADs skipped, END stops the walk.
  t.same(
    parseOptions4(hex('00 00 3501 01 ff 3501 02'), 0, undefined, true).map((o) => o.code),
    [53],
  );
  parseFails(t, () => parseOptions4(hex('01')), /no length/, 'code without length');
  parseFails(t, () => parseOptions4(hex('0105 aabb')), /declares 5/, 'payload past the end');
  t.end();
});

t.test('v4 encode: RFC 3396 split at 255', (t) => {
  t.equal(encodedLength4(0), 2);
  t.equal(encodedLength4(255), 257);
  t.equal(encodedLength4(256), 260);
  const payload = Buffer.alloc(256, 7);
  const out = encodeOptions4([
    [43, payload],
    [1, hex('ffffff00')],
  ]);
  t.same(out.subarray(0, 2), hex('2bff'));
  t.same(out.subarray(257, 260), hex('2b01 07'));
  t.same(out.subarray(260), hex('0104 ffffff00'));
  packFails(t, () => encodeOptions4([[256, hex('00')]]), /code/, 'code over 255');
  t.end();
});

t.test('v6 lists and nested options', (t) => {
  const ia = hex(`
    00000001 00000e10 00001518        # IAID, T1, T2
    0005 0018 ${'00'.repeat(16)} 00000001 00000002 # IAADDR
    000d 0002 0000                    # status code success
  `);
  const list = encodeOptions6([
    [3, ia],
    [8, hex('0000')],
  ]);
  t.same(list.subarray(0, 4), hex('0003 002e'));
  t.same(
    parseOptions6(list).map((o) => o.code),
    [3, 8],
  );
  t.same(
    suboptions6(3, ia).map((o) => o.code),
    [5, 13],
  );
  t.same(suboptions6(26, hex(`00000001 00000002 40 ${'00'.repeat(16)}`)), [], 'IAPREFIX offset 25');
  parseFails(t, () => parseOptions6(hex('0001 00')), /trailing/, 'short header');
  parseFails(t, () => suboptions6(5, hex('00')), /fixed part/, 'IAADDR too short');
  packFails(t, () => encodeOptions6([[1, Buffer.alloc(70000)]]), /65535/, 'payload over 16 bits');
  t.end();
});
