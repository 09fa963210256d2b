// System test: our kea-dhcp-ddns takes NameChangeRequests over UDP (Kea's framing, sent by our NcrUdpSender
// and by a raw socket) and updates a real BIND 9 named, TSIG-signed: A/AAAA + DHCID + PTR appear in dig,
// remove deletes them, another client's DHCID does not overwrite (RFC 4703), use-conflict-resolution false
// does; a wrong secret is refused by named, logged and counted, a dead server times out and the next one
// is used; bad datagrams are ncr-invalid. D2 stays up through all of it (run with -d: every debug line
// is built too). Needs bind9 + bind9-dnsutils.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { encodeNcr, type NameChangeRequest, ncrToJson } from '@kea-ts/dhcp-ddns';
import { dhcidFromDuid, dhcidFromHwAddr } from '@kea-ts/dns';
import t from 'tap';
import { command, statistics } from './lib/control.js';
import { D2_ZONES, d2Domains, testNcr as ncr, sendRaw, waitCount } from './lib/d2.js';
import { bin, freePort, startProgram, tempDir, writeJson } from './lib/harness.js';
import { startNamed } from './lib/named.js';

t.test('kea-dhcp-ddns against named', async (t) => {
  const secret = randomBytes(32).toString('base64');
  const named = await startNamed(t, [{ name: 'd2.key', algorithm: 'hmac-sha256', secret }], D2_ZONES);
  const dir = tempDir(t, 'kea-ts-d2-');
  const port = await freePort();
  const sock = join(dir, 'd2.sock');
  const d2conf = (extra: Record<string, unknown>) => ({
    DhcpDdns: {
      'ip-address': '127.0.0.1',
      port,
      'dns-server-timeout': 500,
      'control-socket': { 'socket-type': 'unix', 'socket-name': sock },
      'tsig-keys': [{ name: 'd2.key', algorithm: 'HMAC-SHA256', secret }],
      loggers: [{ name: 'kea-dhcp-ddns', severity: 'INFO', output_options: [{ output: 'stdout' }] }],
      ...d2Domains(named.port, 'd2.key'),
      ...extra,
    },
  });
  const conf = writeJson(join(dir, 'd2.json'), d2conf({}));
  const d2 = startProgram(t, bin('kea-dhcp-ddns'), ['-d', '-c', conf], { KEA_PIDFILE_DIR: dir });
  await d2.waitFor(/DHCP_DDNS_STARTED/);
  const send = (n: NameChangeRequest) => sendRaw(port, encodeNcr(n));

  const host = 'client.example.com';
  const mac1 = Buffer.from('000c29000001', 'hex');
  const dhcid1 = dhcidFromHwAddr(1, mac1, host);
  const dhcid2 = dhcidFromHwAddr(1, Buffer.from('000c29000002', 'hex'), host);

  await t.test('add: A, DHCID and PTR appear', async (t) => {
    await send(ncr({ fqdn: host, ipAddress: '192.0.2.10', dhcid: dhcid1 }));
    await waitCount(d2, /DHCP_DDNS_ADD_SUCCEEDED/g, 1);
    t.equal(named.dig(host, 'A'), '192.0.2.10');
    t.equal(named.dig(host, 'DHCID'), dhcid1.toString('base64'));
    t.match(d2.output(), /DEBUG .*DHCP_DDNS_UPDATE_REQUEST_SENT .*Forward Add/, '-d: debug lines are there');
    t.equal(named.dig('10.2.0.192.in-addr.arpa', 'PTR'), 'client.example.com.');
    t.equal(named.dig('10.2.0.192.in-addr.arpa', 'DHCID'), dhcid1.toString('base64'));
    const s = await statistics(sock);
    t.match(s, {
      'ncr-received': 1,
      'ncr-invalid': 0,
      'update-sent': 2,
      'update-signed': 2,
      'update-unsigned': 0,
      'update-success': 2,
      'update-error': 0,
      'update-timeout': 0,
      'key[d2.key.].update-sent': 2,
      'key[d2.key.].update-success': 2,
    });
  });

  await t.test('conflict resolution: another client cannot take the name', async (t) => {
    await send(ncr({ fqdn: host, ipAddress: '192.0.2.11', dhcid: dhcid2 }));
    await waitCount(d2, /DHCP_DDNS_ADD_FAILED/g, 1);
    t.match(
      d2.output(),
      /DHCP_DDNS_FORWARD_REPLACE_REJECTED .*127\.0\.0\.1 port:\d+.*client\.example\.com\..*NXRRSET/,
    );
    t.equal(named.dig(host, 'A'), '192.0.2.10', 'the first client keeps its address');
    t.equal(named.dig('11.2.0.192.in-addr.arpa', 'PTR'), '', 'no reverse change after a failed forward one');
    // The owner itself moving to another address replaces its A record.
    await send(ncr({ fqdn: host, ipAddress: '192.0.2.12', dhcid: dhcid1, reverseChange: false }));
    await waitCount(d2, /DHCP_DDNS_ADD_SUCCEEDED/g, 2);
    t.equal(named.dig(host, 'A'), '192.0.2.12');
    // update-success counts every answer, rejections included (as Kea counts it).
    const s = await statistics(sock);
    // add 2, conflict 2 (add: YXDOMAIN, replace: NXRRSET), owner's move 2 (add: YXDOMAIN, replace).
    t.equal(s['update-sent'], 6);
    t.equal(s['update-success'], 6);
  });

  await t.test('remove: the records go', async (t) => {
    await send(
      ncr({ changeType: 1, fqdn: host, ipAddress: '192.0.2.12', dhcid: dhcid1, reverseChange: false }),
    );
    await send(
      ncr({ changeType: 1, fqdn: host, ipAddress: '192.0.2.10', dhcid: dhcid1, forwardChange: false }),
    );
    await waitCount(d2, /DHCP_DDNS_REMOVE_SUCCEEDED/g, 2);
    t.equal(named.dig(host, 'A'), '');
    t.equal(named.dig(host, 'DHCID'), '');
    t.equal(named.dig('10.2.0.192.in-addr.arpa', 'PTR'), '');
  });

  await t.test('IPv6: AAAA, DHCID and PTR in ip6.arpa, then removed', async (t) => {
    const h6 = 'host6.example.com';
    const duid = Buffer.from('000100011c39cf88080027fe8f95', 'hex');
    const dhcid = dhcidFromDuid(duid, h6);
    await send(ncr({ fqdn: h6, ipAddress: '2001:db8:1::77', dhcid }));
    await waitCount(d2, /DHCP_DDNS_ADD_SUCCEEDED/g, 3);
    const rev = '7.7.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa';
    t.equal(named.dig(h6, 'AAAA'), '2001:db8:1::77');
    t.equal(named.dig(h6, 'DHCID'), dhcid.toString('base64'));
    t.equal(named.dig(rev, 'PTR'), 'host6.example.com.');
    await send(ncr({ changeType: 1, fqdn: h6, ipAddress: '2001:db8:1::77', dhcid }));
    await waitCount(d2, /DHCP_DDNS_REMOVE_SUCCEEDED/g, 3);
    t.equal(named.dig(h6, 'AAAA'), '');
    t.equal(named.dig(rev, 'PTR'), '');
  });

  await t.test('use-conflict-resolution false: the last client wins', async (t) => {
    const h = 'shared.example.com';
    const a = dhcidFromHwAddr(1, Buffer.from('000c29000003', 'hex'), h);
    const b = dhcidFromHwAddr(1, Buffer.from('000c29000004', 'hex'), h);
    await send(ncr({ fqdn: h, ipAddress: '192.0.2.30', dhcid: a, useConflictResolution: false }));
    await waitCount(d2, /DHCP_DDNS_ADD_SUCCEEDED/g, 4);
    await send(ncr({ fqdn: h, ipAddress: '192.0.2.31', dhcid: b, useConflictResolution: false }));
    await waitCount(d2, /DHCP_DDNS_ADD_SUCCEEDED/g, 5);
    t.equal(named.dig(h, 'A'), '192.0.2.31');
    t.equal(named.dig(h, 'DHCID'), b.toString('base64'));
    await send(
      ncr({ changeType: 1, fqdn: h, ipAddress: '192.0.2.31', dhcid: b, useConflictResolution: false }),
    );
    await waitCount(d2, /DHCP_DDNS_REMOVE_SUCCEEDED/g, 4);
    t.equal(named.dig(h, 'A'), '');
    t.equal(named.dig('31.2.0.192.in-addr.arpa', 'PTR'), '');
  });

  await t.test('bad NCRs are ncr-invalid, logged, and D2 keeps serving', async (t) => {
    const before = await statistics(sock);
    const good = ncrToJson(ncr({ fqdn: 'after.example.com', ipAddress: '192.0.2.40', dhcid: dhcid2 }));
    const prefixed = (s: string) =>
      Buffer.concat([Buffer.from([s.length >> 8, s.length & 0xff]), Buffer.from(s)]);
    await sendRaw(port, Buffer.from('garbage that is not an NCR'));
    await sendRaw(port, Buffer.from(good)); // no length prefix
    await sendRaw(port, prefixed(good.replace('"change-type":0', '"change-type":"0"')));
    await sendRaw(port, prefixed(good.replace('"lease-length":3600', '"lease-length":-1')));
    await sendRaw(port, Buffer.concat([Buffer.from([0xff, 0xff]), Buffer.from(good)])); // length past the end
    await sendRaw(port, Buffer.alloc(5000, 0x7b)); // oversized
    // JSON that is not a map: real Kea 2.2's D2 dies on these (DHCP_DDNS_FAILED, "mapValue() called on
    // non-map Element"); ours counts them as invalid and goes on.
    await sendRaw(port, prefixed('null'));
    await sendRaw(port, prefixed('[1,2]'));
    await waitCount(d2, /DHCP_DDNS_INVALID_NCR/g, 8);
    t.match(d2.output(), /DHCP_DDNS_INVALID_NCR .*change-type must be an integer/);
    t.match(d2.output(), /DHCP_DDNS_INVALID_NCR .*larger than 4096/);
    const after = await statistics(sock);
    t.equal(after['ncr-invalid']! - before['ncr-invalid']!, 8);
    t.equal(after['ncr-received'], before['ncr-received']);
    await sendRaw(port, prefixed(good));
    await waitCount(d2, /DHCP_DDNS_ADD_SUCCEEDED/g, 6);
    t.equal(named.dig('after.example.com', 'A'), '192.0.2.40');
  });

  await t.test(
    'a wrong TSIG secret: named refuses, D2 logs why, counts update-error, keeps serving',
    async (t) => {
      const wrong = randomBytes(32).toString('base64');
      const bad = d2conf({ 'tsig-keys': [{ name: 'd2.key', algorithm: 'HMAC-SHA256', secret: wrong }] });
      t.equal((await command(sock, { command: 'config-set', arguments: bad })).result, 0);
      await command(sock, { command: 'statistic-reset-all' });
      const dh = dhcidFromHwAddr(1, Buffer.from('000c29000005', 'hex'), 'wrong.example.com');
      await send(ncr({ fqdn: 'wrong.example.com', ipAddress: '192.0.2.50', dhcid: dh }));
      await waitCount(d2, /DHCP_DDNS_ADD_FAILED/g, 2);
      t.match(d2.output(), /DHCP_DDNS_FORWARD_ADD_RESP_CORRUPT .*TSIG verification failed/);
      t.match(
        named.daemon.output(),
        /BADSIG|tsig verify failure|signature failed to verify/i,
        'named says why',
      );
      t.equal(named.dig('wrong.example.com', 'A'), '');
      const s = await statistics(sock);
      // Three tries on the one server, each answered unsigned with NOTAUTH/BADSIG: update-error each time.
      t.equal(s['update-sent'], 3);
      t.equal(s['update-error'], 3);
      t.equal(s['key[d2.key.].update-error'], 3);
      t.equal(s['update-success'], 0);
      // Back to the right secret: served again.
      t.equal((await command(sock, { command: 'config-set', arguments: d2conf({}) })).result, 0);
      await send(
        ncr({ fqdn: 'wrong.example.com', ipAddress: '192.0.2.50', dhcid: dh, reverseChange: false }),
      );
      await waitCount(d2, /DHCP_DDNS_ADD_SUCCEEDED/g, 7);
      t.equal(named.dig('wrong.example.com', 'A'), '192.0.2.50');
    },
  );

  await t.test(
    'a dead server times out, the next server is used; none left: failed, D2 stays up',
    async (t) => {
      const dead = await freePort();
      const twoServers = d2conf({
        'dns-server-timeout': 200,
        ...d2Domains(named.port, 'd2.key', [{ 'ip-address': '127.0.0.1', port: dead }]),
      });
      t.equal((await command(sock, { command: 'config-set', arguments: twoServers })).result, 0);
      await command(sock, { command: 'statistic-reset-all' });
      const dh = dhcidFromHwAddr(1, Buffer.from('000c29000006', 'hex'), 'retry.example.com');
      await send(ncr({ fqdn: 'retry.example.com', ipAddress: '192.0.2.60', dhcid: dh }));
      await waitCount(d2, /DHCP_DDNS_ADD_SUCCEEDED/g, 8);
      t.equal(named.dig('retry.example.com', 'A'), '192.0.2.60');
      t.equal(named.dig('60.2.0.192.in-addr.arpa', 'PTR'), 'retry.example.com.');
      let s = await statistics(sock);
      // Forward: 3 timeouts on the dead server then the live one; reverse: the same again.
      t.equal(s['update-timeout'], 6);
      t.equal(s['update-success'], 2);
      t.equal(s['update-sent'], 8);
      t.match(
        d2.output(),
        /DHCP_DDNS_FORWARD_ADD_IO_ERROR .*retry\.example\.com\. .*port:\d+ \(no answer within 200 ms\)/,
      );

      const deadOnly = {
        ...twoServers,
        DhcpDdns: {
          ...twoServers.DhcpDdns,
          'forward-ddns': {
            'ddns-domains': [
              {
                name: 'example.com.',
                'key-name': 'd2.key',
                'dns-servers': [{ 'ip-address': '127.0.0.1', port: dead }],
              },
            ],
          },
        },
      };
      t.equal((await command(sock, { command: 'config-set', arguments: deadOnly })).result, 0);
      await command(sock, { command: 'statistic-reset-all' });
      await send(ncr({ fqdn: 'nobody.example.com', ipAddress: '192.0.2.61', dhcid: dh }));
      await waitCount(d2, /DHCP_DDNS_ADD_FAILED/g, 3);
      s = await statistics(sock);
      t.equal(s['update-timeout'], 3);
      t.equal(s['update-sent'], 3);
      const status = await command(sock, { command: 'status-get' });
      t.equal(status.result, 0, 'D2 still answers');
    },
  );

  await t.test('named stopped: updates time out, are counted, D2 stays up', async (t) => {
    t.equal(
      (await command(sock, { command: 'config-set', arguments: d2conf({ 'dns-server-timeout': 200 }) }))
        .result,
      0,
    );
    await command(sock, { command: 'statistic-reset-all' });
    await named.daemon.stop();
    const dh = dhcidFromHwAddr(1, Buffer.from('000c29000007', 'hex'), 'gone.example.com');
    await send(ncr({ fqdn: 'gone.example.com', ipAddress: '192.0.2.70', dhcid: dh }));
    await waitCount(d2, /DHCP_DDNS_ADD_FAILED/g, 4);
    const s = await statistics(sock);
    t.equal(s['update-timeout'], 3, 'three tries on the one server');
    t.equal(s['key[d2.key.].update-timeout'], 3);
    t.equal(s['update-success'], 0);
    t.equal((await command(sock, { command: 'status-get' })).result, 0, 'D2 still answers');
  });

  await t.test('commands: list-commands and shutdown', async (t) => {
    const list = await command(sock, { command: 'list-commands' });
    t.same(list.arguments, [
      'build-report',
      'config-get',
      'config-reload',
      'config-set',
      'config-test',
      'config-write',
      'list-commands',
      'shutdown',
      'statistic-get',
      'statistic-get-all',
      'statistic-reset',
      'statistic-reset-all',
      'status-get',
      'version-get',
    ]);
    const get = await command(sock, { command: 'config-get' });
    t.match(get.arguments, {
      DhcpDdns: { 'ncr-protocol': 'UDP', 'ncr-format': 'JSON', 'dns-server-timeout': 200, port },
    });
    const bad = await command(sock, { command: 'shutdown', arguments: { type: 'later' } });
    t.equal(bad.result, 1);
    t.match(bad.text, /Invalid Shutdown type/);
    const ok = await command(sock, { command: 'shutdown', arguments: { type: 'drain_first' } });
    t.same(ok, { result: 0, text: 'Shutdown initiated, type is: drain_first' });
    t.equal(await d2.exited, 0);
    t.match(d2.output(), /DCTL_SHUTDOWN /);
  });
});
