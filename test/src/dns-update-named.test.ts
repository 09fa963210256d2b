// System test: RFC 2136 prerequisites and updates as a real BIND 9 named reads them, in the shape of
// RFC 4703 conflict resolution that D2 runs (name not in use, DHCID matches, delete RRset/RR/name),
// forward (A, AAAA, DHCID) and reverse (PTR in in-addr.arpa and ip6.arpa), every message TSIG-signed
// and every answer verified. Needs Debian's bind9 and bind9-dnsutils (scripts/lib/install.sh).
import { randomBytes } from 'node:crypto';
import {
  type UpdateBuilder as Builder,
  createTsigKey,
  dhcidFromDuid,
  dhcidFromHwAddr,
  Rcode,
  RRType,
  rcodeName,
  signMessage,
  UpdateBuilder,
  verifyMessage,
} from '@kea-ts/dns';
import t from 'tap';
import { startNamed } from './lib/named.js';

t.test('RFC 2136 / RFC 4703 sequences against named', async (t) => {
  const secret = randomBytes(32).toString('base64');
  const named = await startNamed(
    t,
    [{ name: 'd2.key', algorithm: 'hmac-sha256', secret }],
    ['example.com', '2.0.192.in-addr.arpa', '8.b.d.0.1.0.0.2.ip6.arpa'],
  );
  const key = createTsigKey({ name: 'd2.key', algorithm: 'HMAC-SHA256', secret });
  let id = 100;
  const send = async (b: Builder): Promise<string> => {
    b.id = id++;
    const s = signMessage(b.encode(), key);
    const v = verifyMessage(await named.exchange(s.wire), key, { requestMac: s.mac });
    if (!v.ok) throw new Error(`answer did not verify: ${v.reason}`);
    t.equal(v.message.id, b.id, 'answer to our id');
    return rcodeName(v.message.rcode);
  };
  const fwd = () => new UpdateBuilder('example.com');
  const host = 'client.example.com';
  const mine = dhcidFromHwAddr(1, Buffer.from('000c29000001', 'hex'), host);
  const theirs = dhcidFromHwAddr(1, Buffer.from('000c29000002', 'hex'), host);
  // RFC 4703 5.3.2: replace the address only if the name's DHCID is the client's.
  const replaceAddress = (dhcid: Buffer, address: string) =>
    fwd()
      .rrsetExistsWithValue(host, { kind: 'DHCID', data: dhcid })
      .deleteRRset(host, RRType.A)
      .add(host, 300, { kind: 'A', address });

  // Add: the name is free, so A and DHCID go in together.
  t.equal(
    await send(
      fwd()
        .nameNotInUse(host)
        .add(host, 300, { kind: 'A', address: '192.0.2.10' })
        .add(host, 300, { kind: 'DHCID', data: mine }),
    ),
    'NOERROR',
  );
  t.equal(named.dig(host, 'A'), '192.0.2.10');
  // Another client claiming the name: in use (YXDOMAIN), and its DHCID does not match (NXRRSET).
  t.equal(
    await send(fwd().nameNotInUse(host).add(host, 300, { kind: 'A', address: '192.0.2.11' })),
    'YXDOMAIN',
  );
  t.equal(await send(replaceAddress(theirs, '192.0.2.11')), 'NXRRSET');
  t.equal(named.dig(host, 'A'), '192.0.2.10', 'the first client keeps its name');
  // The owner (DHCID matches) replaces its address.
  t.equal(await send(replaceAddress(mine, '192.0.2.12')), 'NOERROR');
  t.equal(named.dig(host, 'A'), '192.0.2.12');
  // Value-independent RRset prerequisites and AAAA.
  t.equal(await send(fwd().rrsetExists(host, RRType.AAAA).deleteName(host)), 'NXRRSET');
  t.equal(
    await send(
      fwd().rrsetDoesNotExist(host, RRType.AAAA).add(host, 300, { kind: 'AAAA', address: '2001:db8::12' }),
    ),
    'NOERROR',
  );
  t.equal(named.dig(host, 'AAAA'), '2001:db8::12');
  // Delete one RR from an RRset, with a name-in-use prerequisite.
  t.equal(await send(fwd().nameInUse(host).deleteRR(host, { kind: 'A', address: '192.0.2.12' })), 'NOERROR');
  t.equal(named.dig(host, 'A'), '');
  t.equal(named.dig(host, 'AAAA'), '2001:db8::12', 'other RRsets stay');

  // Reverse: PTR in in-addr.arpa and ip6.arpa, with a DHCID beside it as Kea writes it.
  const v6dhcid = dhcidFromDuid(Buffer.from('000100064135f1660102030405', 'hex'), host);
  const ptr4 = '12.2.0.192.in-addr.arpa';
  // The nibbles of 2001:db8::12.
  const ptr6 = `2.1${'.0'.repeat(22)}.8.b.d.0.1.0.0.2.ip6.arpa`;
  t.equal(
    await send(
      new UpdateBuilder('2.0.192.in-addr.arpa')
        .deleteRRset(ptr4, RRType.PTR)
        .add(ptr4, 300, { kind: 'PTR', name: host })
        .add(ptr4, 300, { kind: 'DHCID', data: mine }),
    ),
    'NOERROR',
  );
  t.equal(
    await send(
      new UpdateBuilder('8.b.d.0.1.0.0.2.ip6.arpa')
        .add(ptr6, 300, { kind: 'PTR', name: host })
        .add(ptr6, 300, { kind: 'DHCID', data: v6dhcid }),
    ),
    'NOERROR',
  );
  t.equal(named.dig(ptr4, 'PTR'), `${host}.`);
  t.equal(named.dig(ptr6, 'PTR'), `${host}.`);
  t.equal(named.dig(ptr6, 'DHCID'), v6dhcid.toString('base64'));

  // Remove: only when the DHCID is ours; then every RRset of the name goes.
  t.equal(
    await send(fwd().rrsetExistsWithValue(host, { kind: 'DHCID', data: theirs }).deleteName(host)),
    'NXRRSET',
  );
  t.equal(
    await send(fwd().rrsetExistsWithValue(host, { kind: 'DHCID', data: mine }).deleteName(host)),
    'NOERROR',
  );
  t.equal(named.dig(host, 'AAAA'), '');
  t.equal(named.dig(host, 'DHCID'), '');
  // A zone named does not serve: NOTAUTH.
  t.equal(
    await send(
      new UpdateBuilder('example.net').add('a.example.net', 300, { kind: 'A', address: '192.0.2.1' }),
    ),
    rcodeName(Rcode.NOTAUTH),
  );
});
