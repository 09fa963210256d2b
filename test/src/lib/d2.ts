// Helpers of the kea-dhcp-ddns system tests: NCRs with test defaults, raw UDP sends in Kea's framing,
// waiting for a number of log lines, and a DhcpDdns config for a named started by lib/named.ts.
import dgram from 'node:dgram';
import { createNcr, type NameChangeRequest, type NcrFields } from '@kea-ts/dhcp-ddns';
import { command, statistics } from './control.js';
import { type RunningDaemon, runSync } from './harness.js';

export const D2_ZONES = ['example.com', '2.0.192.in-addr.arpa', '8.b.d.0.1.0.0.2.ip6.arpa'];
const LEASE_END = Math.floor(Date.now() / 1000) + 3600;

/** An add of forward and reverse with a 3600 s lease, unless the fields say otherwise. */
export function testNcr(
  f: Partial<NcrFields> & { fqdn: string; ipAddress: string; dhcid: Buffer },
): NameChangeRequest {
  return createNcr({
    changeType: 0,
    forwardChange: true,
    reverseChange: true,
    leaseExpiresOn: LEASE_END,
    leaseLength: 3600,
    ...f,
  });
}

/** One datagram to 127.0.0.1:port. */
export function sendRaw(port: number, data: Buffer): Promise<void> {
  const s = dgram.createSocket('udp4');
  return new Promise((resolve) =>
    s.send(data, port, '127.0.0.1', () => {
      s.close();
      resolve();
    }),
  );
}

/** Waits until `pattern` (global) matched `count` times in the daemon's output. */
export async function waitCount(
  d: RunningDaemon,
  pattern: RegExp,
  count: number,
  timeoutMs = 15_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while ((d.output().match(pattern) ?? []).length < count) {
    if (Date.now() > until)
      throw new Error(`timed out waiting for ${count} x ${pattern}; output:\n${d.output()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** forward-ddns and reverse-ddns for the D2_ZONES, each served by `servers` (then the named on namedPort). */
export function d2Domains(
  namedPort: number,
  keyName: string,
  extraServers: { 'ip-address': string; port: number }[] = [],
  namedIp = '127.0.0.1',
) {
  const servers = [...extraServers, { 'ip-address': namedIp, port: namedPort }];
  return {
    'forward-ddns': {
      'ddns-domains': [{ name: 'example.com.', 'key-name': keyName, 'dns-servers': servers }],
    },
    'reverse-ddns': {
      'ddns-domains': D2_ZONES.slice(1).map((z) => ({
        name: `${z}.`,
        'key-name': keyName,
        'dns-servers': servers,
      })),
    },
  };
}

/**
 * Waits until the D2 on `port` (control socket `sock`, in `netns` if given) reads datagrams: real Kea's D2 says it started
 * before its listener is bound. Probes with a garbage datagram until ncr-invalid moves, then resets the
 * statistics so the probes leave no trace.
 */
export async function waitListening(sock: string, port: number, netns?: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (netns === undefined) await sendRaw(port, Buffer.from('probe'));
    else runSync('ip', ['netns', 'exec', netns, 'bash', '-c', `printf probe > /dev/udp/127.0.0.1/${port}`]);
    await new Promise((r) => setTimeout(r, 50));
    if (((await statistics(sock))['ncr-invalid'] ?? 0) > 0) {
      await command(sock, { command: 'statistic-reset-all' });
      return;
    }
  }
  throw new Error(`no D2 listening on port ${port}`);
}

/** The reverse name of an address: nibbles under ip6.arpa for IPv6, octets under in-addr.arpa for IPv4. */
export function reverseName(address: string): string {
  if (!address.includes(':')) return `${address.split('.').reverse().join('.')}.in-addr.arpa.`;
  const [head = '', tail = ''] = address.split('::');
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const h = groups(head);
  const tl = groups(tail);
  const full = address.includes('::') ? [...h, ...Array(8 - h.length - tl.length).fill('0'), ...tl] : h;
  const hex = full.map((g) => g.padStart(4, '0')).join('');
  return `${[...hex].reverse().join('.')}.ip6.arpa.`;
}
