// The configuration summary of DHCP4_CONFIG_COMPLETE / DHCP6_CONFIG_COMPLETE, as Kea 2.2's
// getConfigSummary(CFGSEL_ALL4 / ALL6) words it: the subnet count, then whether DDNS is on.
export function configSummary(
  family: 4 | 6,
  subnets: number,
  section: { 'dhcp-ddns'?: { 'enable-updates'?: boolean | undefined } | undefined },
): string {
  const nets = subnets > 0 ? `added IPv${family} subnets: ${subnets}` : `no IPv${family} subnets!`;
  return `${nets}; DDNS: ${section['dhcp-ddns']?.['enable-updates'] === true ? 'enabled' : 'disabled'}`;
}
