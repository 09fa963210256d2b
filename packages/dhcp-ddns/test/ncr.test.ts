// The NCR model against Kea 2.2's JSON form: exact text, defaults, and every validation rule.
import t from 'tap';
import {
  CHG_ADD,
  CHG_REMOVE,
  createNcr,
  formatLeaseExpiresOn,
  ncrEquals,
  ncrFromJson,
  ncrToJson,
  ncrToText,
  parseLeaseExpiresOn,
  parseNcrProtocol,
} from '../src/index.js';

// The text Kea 2.2's NameChangeRequest::toJSON writes for this request (key order, no spaces).
const KEA_JSON =
  '{"change-type":0,"forward-change":true,"reverse-change":false,"fqdn":"walah.walah.com.",' +
  '"ip-address":"192.168.2.1","dhcid":"010203040A7F8E3D","lease-expires-on":"20130121132405",' +
  '"lease-length":1300,"use-conflict-resolution":true}';

const base = (): Record<string, unknown> => JSON.parse(KEA_JSON) as Record<string, unknown>;
const bad = (over: Record<string, unknown>, drop?: string): string => {
  const m = { ...base(), ...over };
  if (drop !== undefined) delete m[drop];
  return JSON.stringify(m);
};
const BAD = { code: 'KEA_ERR_DHCP_DDNS_BAD_NCR' };

t.test('Kea JSON round trip, byte for byte', async (t) => {
  const ncr = ncrFromJson(KEA_JSON);
  t.equal(ncr.changeType, CHG_ADD);
  t.equal(ncr.forwardChange, true);
  t.equal(ncr.reverseChange, false);
  t.equal(ncr.fqdn, 'walah.walah.com.');
  t.equal(ncr.ipAddress, '192.168.2.1');
  t.same([...ncr.dhcid], [1, 2, 3, 4, 10, 0x7f, 0x8e, 0x3d]);
  t.equal(ncr.leaseExpiresOn, Date.UTC(2013, 0, 21, 13, 24, 5) / 1000);
  t.equal(ncr.leaseLength, 1300);
  t.equal(ncr.useConflictResolution, true);
  t.equal(ncrToJson(ncr), KEA_JSON);
  t.ok(ncrEquals(ncr, ncrFromJson(ncrToJson(ncr))));
  t.match(ncrToText(ncr), /Type: 0 \(CHG_ADD\)\nForward Change: yes\n/);
});

t.test(
  'normalisation: trailing dot, canonical address, upper-case dhcid, optional conflict flag',
  async (t) => {
    const ncr = ncrFromJson(
      bad(
        { fqdn: 'Host.Example.org', 'ip-address': '2001:DB8:0:0::1', dhcid: 'abcd', 'change-type': 1 },
        'use-conflict-resolution',
      ),
    );
    t.equal(ncr.fqdn, 'Host.Example.org.');
    t.equal(ncr.ipAddress, '2001:db8::1');
    t.equal(ncr.changeType, CHG_REMOVE);
    t.equal(ncr.useConflictResolution, true, 'absent use-conflict-resolution defaults to true');
    t.match(ncrToJson(ncr), /"dhcid":"ABCD"/);
    t.equal(ncrFromJson(bad({ 'use-conflict-resolution': false })).useConflictResolution, false);
    // Kea 2.2 ignores members it does not know.
    t.equal(ncrFromJson(bad({ 'some-future-key': 'x' })).fqdn, 'walah.walah.com.');
  },
);

t.test('every missing required member is named', async (t) => {
  for (const key of Object.keys(base())) {
    if (key === 'use-conflict-resolution') continue;
    t.throws(() => ncrFromJson(bad({}, key)), { ...BAD, message: new RegExp(`'${key}'`) }, key);
  }
});

t.test('wrong types and values are refused with the member named', async (t) => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ 'change-type': '0' }, /change-type must be an integer/],
    [{ 'change-type': 2 }, /change-type 2/],
    [{ 'change-type': 0.5 }, /change-type must be an integer/],
    [{ 'forward-change': 'yes' }, /forward-change must be a boolean/],
    [{ 'reverse-change': 1 }, /reverse-change must be a boolean/],
    [{ 'forward-change': false }, /both false/],
    [{ fqdn: 7 }, /fqdn must be a string/],
    [{ fqdn: '' }, /fqdn must not be empty/],
    [{ fqdn: 'a..b' }, /not a valid domain name/],
    [{ fqdn: `${'x'.repeat(64)}.com` }, /not a valid domain name/],
    [{ 'ip-address': '192.168.2' }, /ip-address '192.168.2'/],
    [{ 'ip-address': ['x'] }, /ip-address must be a string, got a list/],
    [{ dhcid: '' }, /dhcid must not be empty/],
    [{ dhcid: 'abc' }, /even-length/],
    [{ dhcid: 'zz' }, /hex digits/],
    [{ 'lease-expires-on': 20130121132405 }, /lease-expires-on must be a string/],
    [{ 'lease-expires-on': '2013012113240' }, /YYYYMMDDHHMMSS/],
    [{ 'lease-expires-on': '20230229000000' }, /day 29/],
    [{ 'lease-expires-on': '19691231235959' }, /year 1969/],
    [{ 'lease-expires-on': '20131301000000' }, /month 13/],
    [{ 'lease-expires-on': '20130101240000' }, /hour 24/],
    [{ 'lease-length': -1 }, /negative/],
    [{ 'lease-length': 4294967296 }, /unsigned 32-bit/],
    [{ 'lease-length': '1300' }, /lease-length must be an integer/],
    [{ 'use-conflict-resolution': 'true' }, /use-conflict-resolution must be a boolean/],
  ];
  for (const [over, re] of cases)
    t.throws(() => ncrFromJson(bad(over)), { ...BAD, message: re }, JSON.stringify(over));
  t.throws(() => ncrFromJson('{"change-type":0,'), { ...BAD, message: /malformed NameChangeRequest JSON/ });
  t.throws(() => ncrFromJson('[1,2]'), { ...BAD, message: /must be a JSON map, got a list/ });
  t.throws(() => ncrFromJson('"x"'), { ...BAD, message: /JSON map/ });
  t.throws(() => ncrFromJson('null'), { ...BAD, message: /got null/ });
});

t.test('lease-expires-on: leap years and second 60 as Kea accepts them', async (t) => {
  t.equal(parseLeaseExpiresOn('20240229120000'), Date.UTC(2024, 1, 29, 12) / 1000);
  t.equal(parseLeaseExpiresOn('20161231235960'), Date.UTC(2017, 0, 1) / 1000);
  t.equal(formatLeaseExpiresOn(0), '19700101000000');
  t.equal(formatLeaseExpiresOn(Date.UTC(2030, 11, 31, 23, 59, 59) / 1000), '20301231235959');
});

t.test('createNcr from fields', async (t) => {
  const ncr = createNcr({
    changeType: CHG_ADD,
    forwardChange: true,
    reverseChange: true,
    fqdn: 'h.example.com',
    ipAddress: '10.0.0.1',
    dhcid: Buffer.from([0, 1, 1, 0xff]),
    leaseExpiresOn: 1_700_000_000,
    leaseLength: 3600,
  });
  t.equal(
    ncrToJson(ncr),
    '{"change-type":0,"forward-change":true,"reverse-change":true,"fqdn":"h.example.com.","ip-address":"10.0.0.1",' +
      '"dhcid":"000101FF","lease-expires-on":"20231114221320","lease-length":3600,"use-conflict-resolution":true}',
  );
  t.throws(() => createNcr({ ...ncr, leaseExpiresOn: -5 }), BAD);
  t.throws(() => createNcr({ ...ncr, changeType: 3 as 0 }), BAD);
});

t.test('ncr-protocol and ncr-format', async (t) => {
  t.equal(parseNcrProtocol('udp'), 'UDP');
  t.equal(parseNcrProtocol('TCP'), 'TCP');
  t.throws(() => parseNcrProtocol('SCTP'), { code: 'KEA_ERR_DHCP_DDNS_BAD_OPTION' });
});
