// The DhcpDdns section: Kea 2.2's defaults in config-get's form, and each refusal naming file:line:column.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseJson } from '@kea-ts/cc';
import t from 'tap';

// biome-ignore lint/suspicious/noExplicitAny: config-get output walked by key in assertions
type Loose = Record<string, any>;

import { checkD2Config, unparseD2Config } from '../src/index.js';

const SECRET = 'LSWXnfkKZjdPJI5QxlpnfQ==';

function check(text: string) {
  const parsed = parseJson(text, { file: 'd2.conf' });
  return checkD2Config((parsed.value as { DhcpDdns: never }).DhcpDdns, {
    file: 'd2.conf',
    positions: parsed.positions,
  });
}

t.test('defaults as real Kea 2.2 config-get shows them', async (t) => {
  const c = check('{"DhcpDdns": {}}');
  t.same(unparseD2Config(c), {
    'ip-address': '127.0.0.1',
    port: 53001,
    'dns-server-timeout': 100,
    'ncr-protocol': 'UDP',
    'ncr-format': 'JSON',
    'forward-ddns': { 'ddns-domains': [] },
    'reverse-ddns': { 'ddns-domains': [] },
    'tsig-keys': [],
    'hooks-libraries': [],
    loggers: [],
  });
});

t.test('domains, servers and keys', async (t) => {
  const c = check(`{"DhcpDdns": {
    "tsig-keys": [ { "name": "d2.md5.key", "algorithm": "HMAC-MD5", "secret": "${SECRET}" },
                   { "name": "Other.Key", "algorithm": "hmac-sha512", "digest-bits": 256, "secret": "${SECRET}" } ],
    "forward-ddns": { "ddns-domains": [
      { "name": "example.com.", "key-name": "d2.md5.key", "comment": "main",
        "dns-servers": [ { "ip-address": "127.0.0.1", "port": 5353 }, { "ip-address": "::1", "key-name": "Other.Key" } ] },
      { "name": "*", "dns-servers": [ { "ip-address": "192.0.2.1" } ] } ] }
  }}`);
  t.equal(c.forward.length, 2);
  const ex = c.forward.find((d) => d.name === 'example.com.')!;
  t.equal(ex.servers[0]!.key?.name, 'd2.md5.key');
  t.equal(ex.servers[0]!.inheritedKey, true);
  t.equal(ex.servers[1]!.key?.name, 'Other.Key');
  t.equal(ex.servers[1]!.port, 53);
  t.equal(c.keys.get('Other.Key')!.statName, 'Other.Key.');
  const out = unparseD2Config(c) as Loose;
  t.same(out['forward-ddns']['ddns-domains'][0], {
    name: '*',
    'dns-servers': [{ hostname: '', 'ip-address': '192.0.2.1', port: 53 }],
  });
  t.same(out['forward-ddns']['ddns-domains'][1], {
    name: 'example.com.',
    'key-name': 'd2.md5.key',
    'user-context': { comment: 'main' },
    'dns-servers': [
      { hostname: '', 'ip-address': '127.0.0.1', port: 5353 },
      { hostname: '', 'ip-address': '::1', port: 53, 'key-name': 'Other.Key' },
    ],
  });
  t.same(out['tsig-keys'][1], {
    name: 'Other.Key',
    algorithm: 'hmac-sha512',
    'digest-bits': 256,
    secret: SECRET,
  });
});

t.test('secret-file', async (t) => {
  const f = join(tmpdir(), `kea-ts-d2-secret-${process.pid}`);
  writeFileSync(f, `${SECRET}\n`);
  const c = check(
    `{"DhcpDdns": {"tsig-keys": [ { "name": "k", "algorithm": "HMAC-SHA256", "secret-file": "${f}" } ]}}`,
  );
  t.equal(c.keys.get('k')!.secret, SECRET);
  t.same((unparseD2Config(c) as Loose)['tsig-keys'][0]['secret-file'], f);
  t.throws(
    () =>
      check(
        '{"DhcpDdns": {"tsig-keys": [ { "name": "k", "algorithm": "HMAC-SHA256", "secret-file": "/nonexistent/x" } ]}}',
      ),
    {
      message:
        /^d2\.conf:1:\d+: DhcpDdns\.tsig-keys\[0\]\.secret-file: cannot read secret-file \/nonexistent\/x: ENOENT/,
    },
  );
});

t.test('refusals name the place', async (t) => {
  const cases: [string, RegExp][] = [
    ['{"DhcpDdns": {"bogus": 1}}', /d2\.conf:1:\d+: .*unknown keyword "bogus"/],
    ['{"DhcpDdns": {"ip-address": "0.0.0.0"}}', /ip-address cannot be "0\.0\.0\.0"/],
    ['{"DhcpDdns": {"ip-address": "::"}}', /ip-address cannot be "::"/],
    ['{"DhcpDdns": {"port": 0}}', /port cannot be 0/],
    ['{"DhcpDdns": {"dns-server-timeout": 0}}', /dns-server-timeout must be larger than 0/],
    ['{"DhcpDdns": {"ncr-protocol": "TCP"}}', /not supported yet: DhcpDdns\.ncr-protocol/],
    [
      '{"DhcpDdns": {"ncr-protocol": "SCTP"}}',
      /DhcpDdns\.ncr-protocol: 'SCTP' is not a NameChangeRequest protocol/,
    ],
    ['{"DhcpDdns": {"ncr-format": "XML"}}', /DhcpDdns\.ncr-format: 'XML'/],
    [
      '{"DhcpDdns": {"hooks-libraries": [ {"library": "/x.so"} ]}}',
      /not supported yet: DhcpDdns\.hooks-libraries/,
    ],
    [
      `{"DhcpDdns": {"tsig-keys": [ { "name": "k", "algorithm": "HMAC-SHA255", "secret": "${SECRET}" } ]}}`,
      /DhcpDdns\.tsig-keys\[0\]\.algorithm: .*unknown algorithm/,
    ],
    [
      `{"DhcpDdns": {"tsig-keys": [ { "name": "k", "algorithm": "HMAC-SHA256", "digest-bits": 64, "secret": "${SECRET}" } ]}}`,
      /DhcpDdns\.tsig-keys\[0\]\.digest-bits: .*digest-bits 64/,
    ],
    [
      '{"DhcpDdns": {"tsig-keys": [ { "name": "k", "algorithm": "HMAC-SHA256", "secret": "not base64!" } ]}}',
      /DhcpDdns\.tsig-keys\[0\]: .*not valid base64/,
    ],
    [
      `{"DhcpDdns": {"tsig-keys": [ { "name": "k", "algorithm": "HMAC-MD5", "secret": "${SECRET}" }, { "name": "k", "algorithm": "HMAC-MD5", "secret": "${SECRET}" } ]}}`,
      /tsig-keys\[1\]\.name: duplicate TSIG key name 'k'/,
    ],
    [
      '{"DhcpDdns": {"tsig-keys": [ { "name": "k", "algorithm": "HMAC-MD5" } ]}}',
      /exactly one of secret and secret-file/,
    ],
    [
      '{"DhcpDdns": {"forward-ddns": {"ddns-domains": [ {"name": "a.", "key-name": "nokey", "dns-servers": [ {"ip-address": "127.0.0.1"} ]} ]}}}',
      /ddns-domains\[0\]\.key-name: domain 'a\.' names an undefined TSIG key 'nokey'/,
    ],
    [
      '{"DhcpDdns": {"forward-ddns": {"ddns-domains": [ {"name": "a.", "dns-servers": [ {"ip-address": "127.0.0.1", "key-name": "x"} ]} ]}}}',
      /dns-servers\[0\]\.key-name: DNS server names an undefined TSIG key 'x'/,
    ],
    [
      '{"DhcpDdns": {"forward-ddns": {"ddns-domains": [ {"name": "a.", "dns-servers": [ ]} ]}}}',
      /dns-servers list must not be empty/,
    ],
    [
      '{"DhcpDdns": {"forward-ddns": {"ddns-domains": [ {"name": "a.", "dns-servers": [ {"hostname": "ns.a."} ]} ]}}}',
      /not supported yet: DhcpDdns\.forward-ddns\.ddns-domains\[0\]\.dns-servers\[0\]\.hostname/,
    ],
    [
      '{"DhcpDdns": {"reverse-ddns": {"ddns-domains": [ {"name": "a.", "dns-servers": [ {"ip-address": "1.2.3"} ]} ]}}}',
      /'1\.2\.3' is not an IP address/,
    ],
    [
      '{"DhcpDdns": {"reverse-ddns": {"ddns-domains": [ {"name": "A.", "dns-servers": [ {"ip-address": "::1"} ]}, {"name": "a", "dns-servers": [ {"ip-address": "::1"} ]} ]}}}',
      /ddns-domains\[1\]\.name: duplicate domain 'a'/,
    ],
    ['{"DhcpDdns": {"port": "53001"}}', /port must be an integer/],
  ];
  for (const [text, re] of cases)
    t.throws(() => check(text), { code: 'KEA_ERR_CONFIG_INVALID', message: re }, text);
});
