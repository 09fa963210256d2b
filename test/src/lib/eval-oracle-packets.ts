// The packets of the expression oracle (test/src/eval-oracle.test.ts), built byte by byte so the
// codec under test does not make its own input: DHCPv4 queries with PXE, relay agent, vendor and
// split options, DHCPv6 messages direct and through one or two relays.

export interface OraclePacket {
  name: string;
  bytes: Buffer;
}

type Opt = [number, number[] | Buffer | string];

function data(d: number[] | Buffer | string): Buffer {
  return typeof d === 'string' ? Buffer.from(d, 'latin1') : Buffer.from(d);
}

function v4(o: {
  type: number;
  mac?: number[];
  htype?: number;
  hlen?: number;
  xid: number;
  ciaddr?: number[];
  giaddr?: number[];
  opts: Opt[];
}): Buffer {
  const h = Buffer.alloc(240);
  const mac = o.mac ?? [2, 0, 0, 0, 0, 1];
  h[0] = 1;
  h[1] = o.htype ?? 1;
  h[2] = o.hlen ?? mac.length;
  h.writeUInt32BE(o.xid, 4);
  Buffer.from(o.ciaddr ?? [0, 0, 0, 0]).copy(h, 12);
  Buffer.from(o.giaddr ?? [0, 0, 0, 0]).copy(h, 24);
  Buffer.from(mac).copy(h, 28);
  h.writeUInt32BE(0x63825363, 236);
  const parts: Buffer[] = [h, Buffer.from([53, 1, o.type])];
  for (const [code, d] of o.opts) {
    const b = data(d);
    parts.push(Buffer.from([code, b.length]), b);
  }
  parts.push(Buffer.from([255]));
  return Buffer.concat(parts);
}

/** Option 82 sub-options (circuit-id after remote-id: Kea keeps them ordered by code). */
const RAI = [2, 6, 0, 0x11, 0x22, 0x33, 0x44, 0x55, 1, 6, ...Buffer.from('eth0/1')];
// Enterprise 4491 with sub-options 1 and 5, then a second enterprise Kea 2.2 does not read.
const VIVSO = [0, 0, 0x11, 0x8b, 8, 1, 2, 3, 4, 5, 2, 0xab, 0xcd, 0, 0, 0, 9, 3, 7, 1, 0xee];
// V-I vendor class: enterprise 4491, tuple 'docsis3.0', enterprise again, tuple 'x'.
const VIVCO = [0, 0, 0x11, 0x8b, 9, ...Buffer.from('docsis3.0'), 0, 0, 0x11, 0x8b, 1, 0x78];

export const PACKETS4: OraclePacket[] = [
  {
    name: 'pxe-discover',
    bytes: v4({
      type: 1,
      xid: 0x01020304,
      opts: [
        [60, 'PXEClient:Arch:00000:UNDI:002001'],
        [12, 'host-a'],
        [61, [1, 2, 0, 0, 0, 0, 1]],
        [55, [1, 3, 6, 15, 66, 67]],
        [93, [0, 7]],
        [57, [5, 0xdc]],
        [82, RAI],
        [125, VIVSO],
        [124, VIVCO],
      ],
    }),
  },
  {
    name: 'request-plain',
    bytes: v4({
      type: 3,
      mac: [0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff],
      xid: 0xfffffffe,
      opts: [
        [50, [192, 0, 2, 150]],
        [54, [192, 0, 2, 1]],
        [51, [0, 0, 0x0e, 0x10]],
        [12, 'host-b\0\0'],
        [222, 'custom,value;x'],
        [200, [0xde, 0xad, 0xbe, 0xef]],
      ],
    }),
  },
  {
    name: 'relayed-inform',
    bytes: v4({
      type: 8,
      xid: 7,
      ciaddr: [192, 0, 2, 55],
      giaddr: [10, 0, 0, 1],
      opts: [
        [60, 'MSFT 5.0'],
        [82, [1, 2, 0x41, 0x42]],
        [43, [1, 2, 3, 4]],
        [240, 'deferred'],
      ],
    }),
  },
  {
    name: 'odd-header',
    bytes: v4({
      type: 1,
      htype: 6,
      mac: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16],
      xid: 0x80000000,
      opts: [
        [12, '\0\0'],
        [60, 'a:b::c:'],
        [77, Buffer.alloc(200, 0x41)],
        [77, Buffer.alloc(100, 0x42)],
        [124, [0, 0, 0, 9, 0]],
      ],
    }),
  },
  {
    name: 'split-options',
    bytes: v4({
      type: 1,
      xid: 9,
      opts: [
        [12, 'ab'],
        [55, [1, 3, 6]],
        [60, 'PXE'],
        [61, [1, 2]],
        [12, 'cd\0'],
        [55, [15, 66, 67]],
        [60, 'Client'],
        [61, [3]],
      ],
    }),
  },
  {
    name: 'hlen-zero',
    bytes: v4({
      type: 1,
      xid: 10,
      htype: 0,
      hlen: 0,
      opts: [
        [12, ''],
        [60, '\0'],
      ],
    }),
  },
  { name: 'hlen-20', bytes: v4({ type: 3, xid: 11, hlen: 20, opts: [[61, [0]]] }) },
  {
    name: 'fqdn',
    bytes: v4({
      type: 3,
      xid: 12,
      opts: [
        [
          81,
          [0x05, 0, 0, 4, ...Buffer.from('Host'), 7, ...Buffer.from('example'), 3, ...Buffer.from('org'), 0],
        ],
        [118, [192, 0, 2, 0]],
        [119, [7, ...Buffer.from('Example'), 3, ...Buffer.from('org'), 0, 1, 0x61, 0]],
        [3, [10, 0, 0, 1, 10, 0, 0, 2]],
      ],
    }),
  },
];

function tlv6(code: number, d: number[] | Buffer | string): Buffer {
  const b = data(d);
  const h = Buffer.alloc(4);
  h.writeUInt16BE(code, 0);
  h.writeUInt16BE(b.length, 2);
  return Buffer.concat([h, b]);
}

function v6(type: number, xid: number, opts: Buffer[]): Buffer {
  const h = Buffer.from([type, xid >> 16, (xid >> 8) & 255, xid & 255]);
  return Buffer.concat([h, ...opts]);
}

function relay(link: number[], peer: number[], inner: Buffer, opts: Buffer[], hops = 0): Buffer {
  return Buffer.concat([Buffer.from([12, hops, ...link, ...peer]), ...opts, tlv6(9, inner)]);
}

const a6 = (...tail: number[]): number[] => [
  0x20,
  0x01,
  0x0d,
  0xb8,
  0,
  1,
  ...Array(10 - tail.length).fill(0),
  ...tail,
];
const ll = (last: number): number[] => [0xfe, 0x80, ...Array(13).fill(0), last];
const DUID = [0, 3, 0, 1, 2, 0, 0, 0, 0, 2];
const IA_NA = Buffer.concat([
  Buffer.from([0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]),
  tlv6(5, [...a6(0x99), 0, 0, 0, 0, 0, 0, 0, 0]),
]);
const VENDOR_CLASS6 = [0, 0, 0x11, 0x8b, 0, 4, ...Buffer.from('eRtr'), 0, 2, 0x61, 0x62];
const VENDOR_OPTS6 = Buffer.concat([Buffer.from([0, 0, 0x11, 0x8b]), tlv6(33, 'abc'), tlv6(1, [0, 32])]);
const SOLICIT = v6(1, 0x123456, [
  tlv6(1, DUID),
  tlv6(3, IA_NA),
  tlv6(6, [0, 23, 0, 24]),
  tlv6(8, [0, 0]),
  tlv6(15, [0, 3, 0x61, 0x62, 0x63]),
  tlv6(16, VENDOR_CLASS6),
  tlv6(17, VENDOR_OPTS6),
]);

const IAPREFIX = [
  0,
  0,
  0x0e,
  0x10,
  0,
  0,
  0x1c,
  0x20,
  56,
  0x20,
  0x01,
  0x0d,
  0xb8,
  0,
  0x42,
  ...Array(10).fill(0),
];
const IA_PD = Buffer.concat([Buffer.from([0, 0, 0, 7, 0, 0, 3, 0, 0, 0, 5, 0]), tlv6(26, IAPREFIX)]);

export const PACKETS6: OraclePacket[] = [
  { name: 'solicit', bytes: SOLICIT },
  {
    name: 'solicit-fqdn',
    bytes: v6(1, 0x42, [
      tlv6(1, DUID),
      tlv6(39, [0x01, 4, ...Buffer.from('host'), 7, ...Buffer.from('example')]),
      tlv6(13, [0, 2, ...Buffer.from('bad')]),
      tlv6(23, a6(0x53)),
      tlv6(24, [3, ...Buffer.from('Foo'), 3, ...Buffer.from('bar'), 0]),
    ]),
  },
  {
    name: 'solicit-pd',
    bytes: v6(1, 0xfffffe, [tlv6(1, DUID), tlv6(25, IA_PD), tlv6(4, [0, 0, 0, 9]), tlv6(8, [0, 10])]),
  },
  {
    name: 'relayed-once',
    bytes: relay(a6(1), ll(0x42), SOLICIT, [tlv6(18, 'eth0'), tlv6(37, [0, 0, 0x0d, 0xe9, 1, 2, 3])]),
  },
  {
    name: 'relayed-twice',
    bytes: relay(
      a6(0xff),
      a6(0x0a),
      relay([...Array(16).fill(0)], ll(0x43), v6(11, 0xabcdef, [tlv6(1, DUID), tlv6(8, [0xff, 0xff])]), [
        tlv6(18, 'inner'),
        tlv6(38, 'subscriber'),
      ]),
      [tlv6(18, 'outer')],
      1,
    ),
  },
];
