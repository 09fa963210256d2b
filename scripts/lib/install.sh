# Shared install steps for scripts/setup and scripts/test (sourced, not run).

# pnpm at the version package.json names, through npm (a fresh machine has only Node and npm).
install_pnpm() {
  local want
  want=$(node -p "require('./package.json').packageManager.split('@')[1]")
  if [ "$(pnpm --version 2>/dev/null || true)" != "$want" ]; then
    npm install -g "pnpm@$want" --no-fund --no-audit --loglevel=error
  fi
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Debian packages the system tests use as real peers: Kea 2.2 as oracle, curl for the agent,
# iproute2 for namespaces, systemd for systemd-analyze verify, dhclient, udhcpc and dhcpcd as real DHCPv4 clients, dhcrelay as a real relay,
# the PostgreSQL and MariaDB clients that real kea-admin calls (the servers run on the test machine),
# BIND 9 named and nsupdate/dig as the DNS server DNS updates and TSIG are checked against.
TEST_APT_PACKAGES=(kea-dhcp4-server kea-dhcp6-server kea-dhcp-ddns-server kea-admin kea-doc curl iproute2 openssl procps systemd tcpdump isc-dhcp-client udhcpc dhcpcd-base isc-dhcp-relay postgresql-client mariadb-client bind9 bind9-dnsutils)
install_test_packages() {
  local missing=()
  for p in "${TEST_APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    as_root apt-get update -qq
    # The Debian Kea packages must not start their own services on the test machine: a policy-rc.d
    # that answers 101 (action forbidden) keeps their maintainer scripts from starting anything.
    local policy=/usr/sbin/policy-rc.d own_policy=0
    if [ ! -e "$policy" ]; then
      printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null
      as_root chmod +x "$policy"
      own_policy=1
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || {
      [ "$own_policy" = 1 ] && as_root rm -f "$policy"
      return 1
    }
    [ "$own_policy" = 1 ] && as_root rm -f "$policy"
    true
  fi
}
