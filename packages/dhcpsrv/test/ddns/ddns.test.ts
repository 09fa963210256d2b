// The shared DDNS decisions without sockets: Kea's qualifyName and generated names, the server's FQDN
// flags for every client flag combination (per family: N is 0x08 in option 81, 0x04 in option 39),
// option 81/39 reading and writing (partial/full, ASCII, bad ones refused as Kea's unpack refuses them),
// the dhcp-ddns map (deprecated keys moved to the global ddns-* keys, D2ClientConfig's address checks,
// the sender-ip default of the server-ip family) and the DHCID of a lease.
import { parseJson } from '@kea-ts/cc';
import t from 'tap';
import {
  answerClientFqdn,
  checkDhcp4Config,
  checkDhcp6Config,
  DDNS_DEFAULTS,
  dhcid4,
  encodeClientFqdn,
  fqdnName,
  generateName,
  hostnameLabelCount,
  parseClientFqdn,
  qualifyName,
  serverFqdnFlags,
  unparseDhcp6Config,
} from '../../src/index.js';

t.test('qualifyName and generated names', async (t) => {
  t.equal(qualifyName('foo', 'example.com', true), 'foo.example.com.');
  t.equal(qualifyName('foo', 'example.com.', false), 'foo.example.com');
  t.equal(qualifyName('foo.example.com', 'example.com', true), 'foo.example.com.', 'suffix already there');
  t.equal(qualifyName('foo.barexample.com', 'example.com', false), 'foo.barexample.com.example.com');
  t.equal(qualifyName('foo.', '', false), 'foo');
  t.equal(qualifyName('', 'example.com', true), 'example.com.');
  const p = { ...DDNS_DEFAULTS, 'ddns-qualifying-suffix': 'example.org' };
  t.equal(generateName('192.0.2.1', p, false), 'myhost-192-0-2-1.example.org');
  t.equal(generateName('2001:db8::1', p, true), 'myhost-2001-db8--1.example.org.');
});

t.test('server flags from the client flags (RFC 4702/4704, Kea analyzeFqdn)', async (t) => {
  const p = { ...DDNS_DEFAULTS };
  // v4: S 0x01, O 0x02, N 0x08
  t.equal(serverFqdnFlags(0x00, true, p, 4), 0x00, 'client updates, server lets it');
  t.equal(
    serverFqdnFlags(0x00, true, { ...p, 'ddns-override-client-update': true }, 4),
    0x03,
    'override: S+O',
  );
  t.equal(serverFqdnFlags(0x01, true, p, 4), 0x01, 'server updates');
  t.equal(serverFqdnFlags(0x01, false, p, 4), 0x0a, 'updates off: N+O');
  t.equal(serverFqdnFlags(0x08, true, p, 4), 0x08, 'no updates');
  t.equal(serverFqdnFlags(0x08, true, { ...p, 'ddns-override-no-update': true }, 4), 0x03);
  t.equal(serverFqdnFlags(0x00, false, p, 4), 0x08);
  // v6: N is 0x04
  t.equal(serverFqdnFlags(0x01, false, p, 6), 0x06);
  t.equal(serverFqdnFlags(0x04, true, p, 6), 0x04);
  t.throws(() => serverFqdnFlags(0x09, true, p, 4), /N and S/);
});

t.test('option 81 and 39 read and written as Kea does', async (t) => {
  const wire = Buffer.from([
    0x05,
    0,
    0,
    4,
    ...Buffer.from('Host'),
    7,
    ...Buffer.from('Example'),
    3,
    0x63,
    0x6f,
    0x6d,
    0,
  ]);
  const f = parseClientFqdn(wire, 4);
  t.equal(fqdnName(f), 'host.example.com.', 'lowercased, full');
  t.same(
    encodeClientFqdn(f, 4),
    Buffer.from([
      0x05,
      0,
      0,
      4,
      ...Buffer.from('host'),
      7,
      ...Buffer.from('example'),
      3,
      0x63,
      0x6f,
      0x6d,
      0,
    ]),
  );
  const partial = parseClientFqdn(Buffer.from([0x01, 2, ...Buffer.from('ab')]), 6);
  t.equal(fqdnName(partial), 'ab');
  t.equal(partial.partial, true);
  const ascii = parseClientFqdn(Buffer.from([0x01, 0, 0, ...Buffer.from('x.y.')]), 4);
  t.equal(fqdnName(ascii), 'x.y.');
  t.same(encodeClientFqdn(ascii, 4), Buffer.from([0x01, 0, 0, ...Buffer.from('x.y.')]), 'ASCII stays ASCII');
  t.throws(() => parseClientFqdn(Buffer.from([0x01, 0]), 4), /truncated/);
  t.throws(() => parseClientFqdn(Buffer.from([]), 6), /truncated/);
  t.throws(() => parseClientFqdn(Buffer.from([0x09, 0, 0]), 4), /N and S/);
  t.throws(() => parseClientFqdn(Buffer.from([0x05, 1, 0x61]), 6), /N and S/);
  t.throws(() => parseClientFqdn(Buffer.from([0x05, 0, 0, 5, 0x61]), 4), /client FQDN option 81/);
  t.throws(() => parseClientFqdn(Buffer.from([0x01, 0, 0, ...Buffer.from('a..b')]), 4), /empty label/);
  const p = {
    ...DDNS_DEFAULTS,
    'ddns-qualifying-suffix': 'example.org',
    'hostname-char-set': '[^a-z]',
    'hostname-char-replacement': 'x',
  };
  const a = answerClientFqdn(
    parseClientFqdn(Buffer.from([0x01, 3, ...Buffer.from('a_b')]), 6),
    true,
    p,
    '',
    6,
  );
  t.equal(fqdnName(a), 'axb.example.org.', 'scrubbed label by label, qualified');
  const r = answerClientFqdn(partial, true, p, 'Resv', 6);
  t.equal(fqdnName(r), 'resv.example.org.', 'the reservation wins');
  t.equal(hostnameLabelCount(''), 0);
  t.equal(hostnameLabelCount('.'), 1);
  t.equal(hostnameLabelCount('a'), 2);
  t.equal(hostnameLabelCount('a.b'), 3);
  t.throws(() => hostnameLabelCount('a..b'));
});

function check4(text: string) {
  const p = parseJson(text, { file: 'd.json' });
  return checkDhcp4Config((p.value as { Dhcp4: never }).Dhcp4, { file: 'd.json', positions: p.positions });
}
function check6(text: string) {
  const p = parseJson(text, { file: 'd.json' });
  return checkDhcp6Config((p.value as { Dhcp6: never }).Dhcp6, { file: 'd.json', positions: p.positions });
}

t.test('the dhcp-ddns map', async (t) => {
  const c = check4(`{"Dhcp4": {"dhcp-ddns": {"enable-updates": true, "qualifying-suffix": "old.example.",
    "generated-prefix": "gp", "replace-client-name": true}, "ddns-generated-prefix": "global"}}`);
  t.equal(c.effective['ddns-qualifying-suffix'], 'old.example.', 'moved to the global key');
  t.equal(c.effective['ddns-generated-prefix'], 'global', 'a global value set wins');
  t.equal(c.effective['ddns-replace-client-name'], 'when-present', 'the old boolean form');
  t.throws(
    () =>
      check6(
        '{"Dhcp6": {"dhcp-ddns": {"enable-updates": true, "server-ip": "127.0.0.1", "sender-ip": "::1"}}}',
      ),
    /d\.json:1:\d+: .*address family mismatch: server-ip 127\.0\.0\.1 is IPv4 while sender-ip ::1 is IPv6/,
  );
  t.throws(
    () =>
      check4(
        '{"Dhcp4": {"dhcp-ddns": {"enable-updates": false, "server-ip": "127.0.0.1", "sender-ip": "127.0.0.1", "sender-port": 53001}}}',
      ),
    /cannot share the same address and port/,
  );
  const c6 = check6('{"Dhcp6": {"dhcp-ddns": {"enable-updates": true, "server-ip": "::1"}}}');
  const got = JSON.stringify(unparseDhcp6Config(c6));
  t.match(got, /"sender-ip":"::"/, 'the any address of the server-ip family');
});

t.test('DHCID of a v4 lease', async (t) => {
  const base = { hostname: 'a.example.com.', hwaddr: Buffer.from('000c29000001', 'hex'), htype: 1 };
  const hw = dhcid4({ ...base, clientId: null } as never);
  t.equal(hw.readUInt16BE(0), 0, 'identifier type 0: htype + chaddr');
  const cid = dhcid4({ ...base, clientId: Buffer.from('01000c29000001', 'hex') } as never);
  t.equal(cid.readUInt16BE(0), 1, 'type 1: the client identifier');
  const duid = dhcid4({ ...base, clientId: Buffer.from('ff0000000100030001000c29000001', 'hex') } as never);
  t.equal(duid.readUInt16BE(0), 2, 'type 2: the DUID inside an RFC 4361 client identifier');
  t.throws(
    () => dhcid4({ ...base, clientId: Buffer.from('ff00000001', 'hex') } as never),
    /too short|embedded DUID/,
  );
});
