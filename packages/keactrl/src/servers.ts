// The four servers keactrl manages, with the names Kea users see: the -s keyword, the keactrl.conf
// variables, the binary name (which is also part of the PID file name) and the labels `status` prints.

export type ServerKey = 'dhcp4' | 'dhcp6' | 'dhcp_ddns' | 'ctrl_agent';

export interface ServerInfo {
  /** The -s keyword and the keactrl.conf on/off variable, e.g. 'dhcp_ddns'. */
  readonly key: ServerKey;
  /** Default binary name; the real one is the basename of `<key>_srv` from keactrl.conf. */
  readonly binary: string;
  /** keactrl.conf variable holding the binary path, e.g. 'dhcp4_srv'. */
  readonly srvVar: string;
  /** keactrl.conf variable holding the daemon's config file, e.g. 'kea_dhcp4_config_file'. */
  readonly configVar: string;
  /** Label of the first `status` block, e.g. 'DHCPv4 server'. */
  readonly statusLabel: string;
  /** Label of the config file line of `status`, e.g. 'Kea DHCPv4 configuration file'. */
  readonly configLabel: string;
}

function server(key: ServerKey, binary: string, statusLabel: string, configName: string): ServerInfo {
  return {
    key,
    binary,
    srvVar: `${key}_srv`,
    configVar: `kea_${key}_config_file`,
    statusLabel,
    configLabel: `Kea ${configName} configuration file`,
  };
}

/** In the order Kea's keactrl handles them (start, stop, status and version all follow it). */
export const SERVERS: readonly ServerInfo[] = [
  server('dhcp4', 'kea-dhcp4', 'DHCPv4 server', 'DHCPv4'),
  server('dhcp6', 'kea-dhcp6', 'DHCPv6 server', 'DHCPv6'),
  server('dhcp_ddns', 'kea-dhcp-ddns', 'DHCP DDNS', 'DHCP DDNS'),
  server('ctrl_agent', 'kea-ctrl-agent', 'Control Agent', 'Control Agent'),
];

export const SERVER_KEYS: readonly ServerKey[] = SERVERS.map((s) => s.key);

export function isServerKey(name: string): name is ServerKey {
  return (SERVER_KEYS as readonly string[]).includes(name);
}
