// DHCPv6 client classification through inject(): DROP (no answer, pkt6-receive-drop), class options
// against subnet and global ones, class lifetimes, guarded pools and pd-pools, VENDOR_CLASS_ from the
// vendor-class option, KNOWN-dependent classes and required classes.
import type { JsonValue } from '@kea-ts/cc';
import { parseIPv6 } from '@kea-ts/util';
import t from 'tap';
import { CLIENT_DUID, iaNa, iaPd, message, opt, oro, readIa, readMessage } from './helpers/packets.js';
import { baseConfig, multicast, startServer } from './helpers/server.js';

type S = Awaited<ReturnType<typeof startServer>>;
const cid = opt(1, CLIENT_DUID);
const OTHER = opt(1, Buffer.from('000100012a2b2c2d0200000000ff', 'hex'));

/** Option 16: enterprise 4491, one tuple. */
function vendorClass(text: string): Buffer {
  const data = Buffer.from(text);
  const b = Buffer.alloc(6 + data.length);
  b.writeUInt32BE(4491, 0);
  b.writeUInt16BE(data.length, 4);
  data.copy(b, 6);
  return opt(16, b);
}

async function solicit(s: S, ...options: Buffer[]) {
  const out = await s.server.inject(message(1, 0x77, ...options), multicast());
  return out === null ? null : readMessage(out);
}

async function stat(s: S, name: string): Promise<number | undefined> {
  const a = await s.server.command({ command: 'statistic-get', arguments: { name } });
  return (a.arguments as Record<string, [number, string][]>)[name]?.[0]?.[0];
}

const addressOf = (m: NonNullable<Awaited<ReturnType<typeof solicit>>>, code = 3) =>
  readIa(m.get(code)!).subs[0]!.data.subarray(code === 3 ? 0 : 9, code === 3 ? 16 : 25);

t.test('a packet in DROP gets no answer and counts in pkt6-receive-drop', async (t) => {
  const s = await startServer(
    baseConfig({ 'client-classes': [{ name: 'DROP', test: 'option[16].exists' }] }),
  );
  t.teardown(s.teardown);
  t.equal(await solicit(s, cid, iaNa(1), vendorClass('x')), null);
  t.equal(await stat(s, 'pkt6-receive-drop'), 1);
  t.equal((await solicit(s, cid, iaNa(1)))?.type, 2);
});

t.test('class options, lifetimes and vendor class guards', async (t) => {
  const config = baseConfig({
    'client-classes': [
      {
        name: 'modem',
        test: "member('VENDOR_CLASS_docsis3.0')",
        'preferred-lifetime': 500,
        'valid-lifetime': 600,
        'option-data': [
          { name: 'dns-servers', data: '2001:db8::99' },
          { name: 'domain-search', data: 'modem.example.' },
        ],
      },
    ],
  });
  const subnet = (config.subnet6 as Record<string, JsonValue>[])[0]!;
  subnet.pools = [
    { pool: '2001:db8:1::100 - 2001:db8:1::1ff', 'client-class': 'modem' },
    { pool: '2001:db8:1::200 - 2001:db8:1::2ff' },
  ];
  subnet['option-data'] = [{ name: 'domain-search', data: 'subnet.example.' }];
  const s = await startServer(config);
  t.teardown(s.teardown);
  const modem = (await solicit(s, cid, iaNa(1), vendorClass('docsis3.0'), oro(23, 24)))!;
  t.same(addressOf(modem), parseIPv6('2001:db8:1::100'), 'the guarded pool');
  const ia = readIa(modem.get(3)!).subs[0]!.data;
  t.same([ia.readUInt32BE(16), ia.readUInt32BE(20)], [500, 600], 'class lifetimes');
  t.same(modem.get(23)!.data, parseIPv6('2001:db8::99'), 'class DNS beats the global one');
  t.match(modem.get(24)!.data.toString('latin1'), /subnet/, 'subnet domain-search beats the class one');
  const other = (await solicit(s, OTHER, iaNa(1), oro(23)))!;
  t.same(addressOf(other), parseIPv6('2001:db8:1::200'), 'the open pool');
  t.same(other.get(23)!.data, parseIPv6('2001:db8::53'));
});

t.test('a guarded pd-pool serves only its class; required classes run late', async (t) => {
  const config = baseConfig({
    'client-classes': [
      { name: 'unknown', test: "member('UNKNOWN')" },
      {
        name: 'late',
        'only-if-required': true,
        'option-data': [{ name: 'sntp-servers', data: '2001:db8::123' }],
      },
    ],
  });
  const subnet = (config.subnet6 as Record<string, JsonValue>[])[0]!;
  subnet['pd-pools'] = [
    { prefix: '2001:db8:8000::', 'prefix-len': 48, 'delegated-len': 56, 'client-class': 'nobody' },
  ];
  subnet['require-client-classes'] = ['late'];
  const s = await startServer(config);
  t.teardown(s.teardown);
  const m = (await solicit(s, cid, iaNa(1), iaPd(2), oro(31)))!;
  const pd = readIa(m.get(25)!);
  t.equal(pd.subs[0]!.code, 13, 'no prefix: a status code instead');
  t.same(m.get(31)!.data, parseIPv6('2001:db8::123'), 'required class options');
});
