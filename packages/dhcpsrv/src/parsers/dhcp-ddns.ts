// The dhcp-ddns map of Dhcp4 and Dhcp6 as Kea 2.2 reads it: its deprecated name keys move to the global
// ddns-* keys they became (a global value already set wins), and D2ClientConfig's checks (server-ip
// and sender-ip of one family, never the same address and port).
import { type ConfigSource, configError } from '@kea-ts/config';
import { isIPv4 } from '@kea-ts/util';

const MOVED: readonly (readonly [string, string])[] = [
  ['override-no-update', 'ddns-override-no-update'],
  ['override-client-update', 'ddns-override-client-update'],
  ['replace-client-name', 'ddns-replace-client-name'],
  ['generated-prefix', 'ddns-generated-prefix'],
  ['qualifying-suffix', 'ddns-qualifying-suffix'],
  ['hostname-char-set', 'hostname-char-set'],
  ['hostname-char-replacement', 'hostname-char-replacement'],
];

interface DdnsMap {
  'server-ip'?: string | undefined;
  'server-port'?: number | undefined;
  'sender-ip'?: string | undefined;
  'sender-port'?: number | undefined;
}

/** The global map with Kea's moveDdnsParams applied (the input is not changed). */
export function withMovedDdnsParams<T extends { 'dhcp-ddns'?: object | undefined }>(section: T): T {
  const d = section['dhcp-ddns'] as Record<string, unknown> | undefined;
  if (d === undefined || !MOVED.some(([from]) => d[from] !== undefined)) return section;
  const out: Record<string, unknown> = { ...section };
  for (const [from, to] of MOVED) if (d[from] !== undefined && out[to] === undefined) out[to] = d[from];
  return out as T;
}

/** The sender address when none is given: the any address of server-ip's family (Kea's parser). */
export function defaultSenderIp(serverIp: string): string {
  return isIPv4(serverIp) ? '0.0.0.0' : '::';
}

/** Kea's D2ClientConfig::validateContents for the address keys. */
export function checkDhcpDdns(d: DdnsMap | undefined, source: ConfigSource, key: 'Dhcp4' | 'Dhcp6'): void {
  if (d === undefined) return;
  const server = d['server-ip'] ?? '127.0.0.1';
  const sender = d['sender-ip'] ?? defaultSenderIp(server);
  const path = [key, 'dhcp-ddns'];
  if (isIPv4(server) !== isIPv4(sender)) {
    throw configError(
      source,
      path,
      `address family mismatch: server-ip ${server} is ${isIPv4(server) ? 'IPv4' : 'IPv6'} while sender-ip ${sender} is ${isIPv4(sender) ? 'IPv4' : 'IPv6'}`,
    );
  }
  if (server === sender && (d['server-port'] ?? 53001) === (d['sender-port'] ?? 0)) {
    throw configError(
      source,
      path,
      `server and sender cannot share the same address and port: ${server}/${d['server-port'] ?? 53001}`,
    );
  }
}
