// Domain matching as Kea's DdnsDomainListMgr: longest label-boundary suffix, exact match, wildcard
// fallback, a lone wildcard for everything; and the reverse names of v4 and v6 addresses.
import t from 'tap';
import { type DdnsDomain, matchDomain, reverseName } from '../src/index.js';

const dom = (name: string): DdnsDomain => ({
  name,
  match: name === '*' ? '*' : `${name.toLowerCase().replace(/\.$/, '')}.`,
  keyName: '',
  servers: [],
  context: undefined,
});

t.test('forward matching', async (t) => {
  const list = [dom('example.com.'), dom('sub.example.com.'), dom('*'), dom('other.org')];
  t.equal(matchDomain(list, 'host.sub.example.com.')?.name, 'sub.example.com.');
  t.equal(matchDomain(list, 'HOST.Example.COM')?.name, 'example.com.');
  t.equal(matchDomain(list, 'example.com.')?.name, 'example.com.');
  t.equal(matchDomain(list, 'xexample.com.')?.name, '*', 'a suffix must start at a label');
  t.equal(matchDomain(list, 'nowhere.net.')?.name, '*');
  t.equal(matchDomain([dom('example.com.')], 'nowhere.net.'), null);
  t.equal(matchDomain([dom('*')], 'example.com.')?.name, '*');
});

t.test('reverse names and matching', async (t) => {
  t.equal(reverseName('192.0.2.10'), '10.2.0.192.in-addr.arpa.');
  t.equal(
    reverseName('2001:db8:1::77'),
    '7.7.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.',
  );
  const rev = [dom('0.192.in-addr.arpa.'), dom('2.0.192.in-addr.arpa.'), dom('8.b.d.0.1.0.0.2.ip6.arpa.')];
  t.equal(matchDomain(rev, reverseName('192.0.2.10'))?.name, '2.0.192.in-addr.arpa.');
  t.equal(matchDomain(rev, reverseName('192.0.3.10'))?.name, '0.192.in-addr.arpa.');
  t.equal(matchDomain(rev, reverseName('2001:db8::1'))?.name, '8.b.d.0.1.0.0.2.ip6.arpa.');
  t.equal(matchDomain(rev, reverseName('10.0.0.1')), null);
});
