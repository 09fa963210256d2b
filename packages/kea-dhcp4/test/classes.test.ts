// Client classification through inject(): DROP (no answer, pkt4-receive-drop), a PXE class's boot
// fields and options and where they rank against subnet, global and reservation values, class
// lifetimes, guarded pools and subnets (shared networks too), KNOWN/UNKNOWN-dependent classes,
// reservation classes, member() of earlier classes and required classes evaluated late.
import type { JsonValue } from '@kea-ts/cc';
import t from 'tap';
import { clientPacket, M, readAnswer } from './helpers/packets.js';
import { baseConfig, direct, SERVER_ADDRESS, startServer } from './helpers/server.js';

const PXE = Buffer.from('PXEClient:Arch:00000:UNDI:002001');
const PXE_CLASS = {
  name: 'pxe',
  test: "substring(option[60].hex,0,9) == 'PXEClient'",
  'next-server': '192.0.2.10',
  'server-hostname': 'tftp.example',
  'boot-file-name': 'pxelinux.0',
  'valid-lifetime': 600,
  'option-data': [
    { name: 'domain-name-servers', data: '192.0.2.99' },
    { name: 'routers', data: '192.0.2.98' },
  ],
};

type Server = Awaited<ReturnType<typeof startServer>>;

async function offer(s: Server, opts: Parameters<typeof clientPacket>[1] = {}) {
  const raw = await s.server.inject(
    clientPacket(M.DHCPDISCOVER, { prl: [1, 2, 3, 6, 15, 19, 51], ...opts }),
    direct(),
  );
  return raw === null ? null : readAnswer(raw);
}

const stat = (s: Server, name: string) => (s.server.stats.getValue(name) as number | undefined) ?? 0;

t.test('a packet in DROP gets no answer and counts in pkt4-receive-drop', async (t) => {
  const s = await startServer(
    baseConfig({ 'client-classes': [{ name: 'DROP', test: "option[host-name].text == 'dropme'" }] }),
  );
  t.teardown(s.teardown);
  t.equal(await offer(s, { hostname: 'dropme' }), null, 'dropped');
  t.equal(stat(s, 'pkt4-receive-drop'), 1);
  t.equal(stat(s, 'pkt4-offer-sent'), 0);
  const other = await offer(s, { hostname: 'keepme', mac: '02:00:00:00:00:bb' });
  t.equal(other?.type, M.DHCPOFFER, 'another host name is served');
  t.equal(stat(s, 'pkt4-receive-drop'), 1);
});

t.test('a DROP class from a reservation drops after the host lookup', async (t) => {
  const mac = '02:00:00:00:00:dd';
  const config = baseConfig({ 'client-classes': [{ name: 'DROP' }] });
  (config.subnet4 as Record<string, JsonValue>[])[0]!.reservations = [
    { 'hw-address': mac, 'client-classes': ['DROP'] },
  ];
  const s = await startServer(config);
  t.teardown(s.teardown);
  t.equal(await offer(s, { mac }), null);
  t.equal(stat(s, 'pkt4-receive-drop'), 1);
});

t.test('a PXE client gets boot fields, options and lifetime from its class', async (t) => {
  const s = await startServer(baseConfig({ 'client-classes': [PXE_CLASS] }));
  t.teardown(s.teardown);
  const pxe = await offer(s, { options: [[60, PXE]] });
  t.equal(pxe?.siaddr, '192.0.2.10');
  t.equal(pxe?.sname, 'tftp.example');
  t.equal(pxe?.file, 'pxelinux.0');
  t.equal(pxe?.leaseTime, 600, 'class valid-lifetime');
  t.same([...pxe!.option(6)!], [192, 0, 2, 99], 'class DNS beats the global one');
  t.equal(pxe?.routers, '192.0.2.1', 'subnet routers beat the class one');
  const plain = await offer(s, { mac: '02:00:00:00:00:bb' });
  t.equal(plain?.siaddr, '0.0.0.0');
  t.equal(plain?.file, '');
  t.equal(plain?.leaseTime, 4000);
  t.same([...plain!.option(6)!], [192, 0, 2, 53, 192, 0, 2, 54]);
});

t.test('class lifetime bounds a client hint; reservation boot fields beat the class', async (t) => {
  const mac = '02:00:00:00:00:cc';
  const config = baseConfig({
    'client-classes': [{ ...PXE_CLASS, 'min-valid-lifetime': 300, 'max-valid-lifetime': 900 }],
  });
  (config.subnet4 as Record<string, JsonValue>[])[0]!.reservations = [
    { 'hw-address': mac, 'boot-file-name': 'host.efi' },
  ];
  const s = await startServer(config);
  t.teardown(s.teardown);
  t.equal((await offer(s, { options: [[60, PXE]], leaseTime: 5000 }))?.leaseTime, 900);
  t.equal((await offer(s, { options: [[60, PXE]], leaseTime: 100 }))?.leaseTime, 300);
  const host = await offer(s, { mac, options: [[60, PXE]] });
  t.equal(host?.file, 'host.efi');
  t.equal(host?.sname, 'tftp.example');
});

t.test('a guarded pool serves only its class', async (t) => {
  const config = baseConfig({ 'client-classes': [{ name: 'pxe', test: PXE_CLASS.test }] });
  (config.subnet4 as Record<string, JsonValue>[])[0]!.pools = [
    { pool: '192.0.2.100 - 192.0.2.109', 'client-class': 'pxe' },
    { pool: '192.0.2.200 - 192.0.2.209' },
  ];
  const s = await startServer(config);
  t.teardown(s.teardown);
  t.equal((await offer(s, { options: [[60, PXE]] }))?.yiaddr, '192.0.2.100');
  t.equal((await offer(s, { mac: '02:00:00:00:00:bb' }))?.yiaddr, '192.0.2.200');
  const only = baseConfig({ 'client-classes': [{ name: 'pxe', test: PXE_CLASS.test }] });
  (only.subnet4 as Record<string, JsonValue>[])[0]!.pools = [
    { pool: '192.0.2.100 - 192.0.2.109', 'client-class': 'pxe' },
  ];
  const s2 = await startServer(only);
  t.teardown(s2.teardown);
  t.equal(await offer(s2, { mac: '02:00:00:00:00:bb' }), null, 'no pool for the others');
  t.equal((await offer(s2, { options: [[60, PXE]] }))?.yiaddr, '192.0.2.100');
  // A REQUEST for a guarded address from a client outside the class is refused.
  const nak = await s2.server.inject(
    clientPacket(M.DHCPREQUEST, {
      mac: '02:00:00:00:00:ee',
      requested: '192.0.2.105',
      serverId: SERVER_ADDRESS,
    }),
    direct(),
  );
  t.equal(readAnswer(nak!).type, M.DHCPNAK);
});

t.test('VENDOR_CLASS_ guards a subnet of a shared network', async (t) => {
  const s = await startServer(
    baseConfig({
      subnet4: [],
      'shared-networks': [
        {
          name: 'lan',
          interface: 'eth0',
          subnet4: [
            {
              id: 1,
              subnet: '192.0.2.0/24',
              'client-class': 'VENDOR_CLASS_docsis3.0',
              pools: [{ pool: '192.0.2.100 - 192.0.2.109' }],
            },
            { id: 2, subnet: '198.51.100.0/24', pools: [{ pool: '198.51.100.10 - 198.51.100.19' }] },
          ],
        },
      ],
    }),
  );
  t.teardown(s.teardown);
  t.equal((await offer(s, { options: [[60, Buffer.from('docsis3.0')]] }))?.yiaddr, '192.0.2.100');
  t.equal((await offer(s, { mac: '02:00:00:00:00:bb' }))?.yiaddr, '198.51.100.10');
});

t.test('KNOWN/UNKNOWN classes, reservation classes and member() of earlier classes', async (t) => {
  const mac = '02:00:00:00:00:cc';
  const config = baseConfig({
    'client-classes': [
      {
        name: 'known',
        test: "member('KNOWN')",
        'option-data': [{ name: 'domain-name', data: 'known.example' }],
      },
      {
        name: 'unknown',
        test: "member('UNKNOWN')",
        'option-data': [{ name: 'domain-name', data: 'unknown.example' }],
      },
      { name: 'gold', 'option-data': [{ name: 'time-offset', data: '42' }] },
      { name: 'goldKnown', test: "member('gold') and member('known')", 'boot-file-name': 'gold.efi' },
    ],
  });
  (config.subnet4 as Record<string, JsonValue>[])[0]!.reservations = [
    { 'hw-address': mac, 'client-classes': ['gold'] },
  ];
  const s = await startServer(config);
  t.teardown(s.teardown);
  const known = await offer(s, { mac });
  t.equal(known?.option(15)?.toString(), 'known.example');
  t.equal(known?.option(2)?.readInt32BE(0), 42, 'reservation class options');
  t.equal(known?.file, 'gold.efi', 'a test reading member() of reservation and KNOWN classes');
  const unknown = await offer(s, { mac: '02:00:00:00:00:bb' });
  t.equal(unknown?.option(15)?.toString(), 'unknown.example');
  t.equal(unknown?.option(2), undefined);
  t.equal(unknown?.file, '');
});

t.test('required classes are evaluated after subnet and pool selection', async (t) => {
  const config = baseConfig({
    'client-classes': [
      {
        name: 'late',
        test: 'pkt4.yiaddr == 0.0.0.0',
        'only-if-required': true,
        'option-data': [{ name: 'domain-name', data: 'late.example' }],
      },
      { name: 'noTest', 'only-if-required': true, 'option-data': [{ name: 'time-offset', data: '7' }] },
      {
        name: 'notRequired',
        'only-if-required': true,
        'option-data': [{ name: 'ip-forwarding', data: 'true' }],
      },
    ],
  });
  const subnet = (config.subnet4 as Record<string, JsonValue>[])[0]!;
  subnet['require-client-classes'] = ['late', 'undefinedClass'];
  subnet.pools = [{ pool: '192.0.2.100 - 192.0.2.109', 'require-client-classes': ['noTest'] }];
  const s = await startServer(config);
  t.teardown(s.teardown);
  const o = await offer(s);
  t.equal(o?.option(15)?.toString(), 'late.example');
  t.equal(o?.option(2)?.readInt32BE(0), 7, 'a required class without test is assigned');
  t.equal(o?.option(19), undefined, 'an only-if-required class nobody requires is never assigned');
});

t.test('reservation classes are seen by the early tests, evaluated again as Kea does', async (t) => {
  const mac = '02:00:00:00:00:cc';
  const config = baseConfig({
    'client-classes': [
      { name: 'gold', 'option-data': [{ name: 'time-offset', data: '42' }] },
      {
        name: 'notGold',
        test: "not member('gold')",
        'option-data': [{ name: 'domain-name', data: 'not-gold.example' }],
      },
    ],
  });
  (config.subnet4 as Record<string, JsonValue>[])[0]!.reservations = [
    { 'hw-address': mac, 'client-classes': ['gold'] },
  ];
  const s = await startServer(config);
  t.teardown(s.teardown);
  const gold = await offer(s, { mac });
  t.equal(gold?.option(2)?.readInt32BE(0), 42);
  t.equal(gold?.option(15), undefined, "the first pass's notGold is taken back");
  const other = await offer(s, { mac: '02:00:00:00:00:bb' });
  t.equal(other?.option(15)?.toString(), 'not-gold.example');
});

t.test(
  "a class's own option-def: option 43 encapsulating the class's sub-options (the ARM's APC case)",
  async (t) => {
    const s = await startServer(
      baseConfig({
        'option-def': [{ name: 'cookie', code: 1, type: 'string', space: 'APC' }],
        'client-classes': [
          {
            name: 'APC',
            test: "option[vendor-class-identifier].text == 'APC'",
            'option-def': [
              { name: 'vendor-encapsulated-options', code: 43, type: 'empty', encapsulate: 'APC' },
            ],
            'option-data': [
              { name: 'cookie', space: 'APC', data: '1APC' },
              { name: 'vendor-encapsulated-options' },
            ],
          },
        ],
      }),
    );
    t.teardown(s.teardown);
    const apc = await offer(s, { options: [[60, Buffer.from('APC')]], prl: [1, 3, 43] });
    t.equal(apc?.option(43)?.toString('hex'), '010431415043');
    t.equal((await offer(s, { mac: '02:00:00:00:00:bb', prl: [1, 3, 43] }))?.option(43), undefined);
  },
);
