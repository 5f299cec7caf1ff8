#!/usr/bin/env bash
# Captures firewalld's real nftables rulesets for the rule-graph tests. firewalld is not in the lab
# image (it needs D-Bus), so a container of the image installs it from the machine's own Debian
# sources (the image's apt sources), starts dbus-daemon and firewalld without systemd, and writes
#   firewall/graph/firewalld-drop.nft.json     default zone drop, ssh allowed
#   firewall/graph/firewalld-public.nft.json   default zone public as shipped (ssh, dhcpv6-client)
# exactly as `nft -j list ruleset` prints them.
#
# Usage: lab/capture-firewalld-fixtures.sh [CORE_TEST_RESOURCES]
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
BASE="${1:-hardening-core/src/test/resources/fixtures}"
OUT="$BASE/firewall/graph"
source lab/fixture-lib.sh
mkdir -p "$OUT"

c="$(docker run -d --cap-add NET_ADMIN --cap-add NET_RAW "$IMAGE" sleep 900)"
CONTAINERS+=("$c")
log "installing firewalld in $c"
docker exec "$c" /bin/sh -c 'DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends firewalld dbus >/dev/null'
docker exec "$c" /bin/sh -c 'mkdir -p /run/dbus && dbus-daemon --system --fork
  (firewalld --nofork --nopid >/var/log/firewalld.capture 2>&1 &)
  for i in $(seq 1 30); do firewall-cmd --state >/dev/null 2>&1 && exit 0; sleep 1; done; exit 1' \
  || die "firewalld did not start"
docker exec "$c" /bin/sh -c 'firewall-cmd --set-default-zone=drop >/dev/null && firewall-cmd --zone=drop --add-service=ssh >/dev/null'
docker exec "$c" nft -j list ruleset >"$OUT/firewalld-drop.nft.json"
docker exec "$c" firewall-cmd --set-default-zone=public >/dev/null
docker exec "$c" nft -j list ruleset >"$OUT/firewalld-public.nft.json"
log "firewalld $(docker exec "$c" firewall-cmd --version) rulesets written to $OUT"
