#!/usr/bin/env bash
# Captures real rulesets of the shapes the rule-graph evaluator must get right, as fixtures for its
# tests: each shape is loaded with the real tool (nft, iptables-nft, ufw) in a lab container and the
# ruleset written exactly as `nft -j list ruleset` / `iptables-nft-save` / `ip6tables-nft-save` print it.
# firewalld is not in the lab image; lab/capture-firewalld-fixtures.sh captures it separately.
#
#   firewall/graph/<shape>.nft.json            nft -j list ruleset
#   firewall/graph/<shape>.iptables.save       iptables-nft-save (iptables shapes, ufw, Docker-style DNAT)
#   firewall/graph/<shape>.ip6tables.save      ip6tables-nft-save
#   firewall/graph/machine-docker.*            this machine's own rules (dockerd's chains; read only)
#
# Usage: lab/capture-firewall-graph-fixtures.sh [CORE_TEST_RESOURCES]
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
BASE="${1:-hardening-core/src/test/resources/fixtures}"
OUT="$BASE/firewall/graph"
source lab/fixture-lib.sh
mkdir -p "$OUT"

# loads a shape in a new container and captures what the tools list; $2 is run by /bin/sh in the container
shape() {
  local name="$1" setup="$2" c
  c="$(docker run -d --cap-add NET_ADMIN "$IMAGE" sleep 600)"
  CONTAINERS+=("$c")
  docker exec -i "$c" /bin/sh -c "$setup" >/dev/null
  docker exec "$c" nft -j list ruleset >"$OUT/$name.nft.json"
  if docker exec "$c" /bin/sh -c 'iptables-nft-save | grep -q "^-A\|^:.* DROP"'; then
    docker exec "$c" iptables-nft-save >"$OUT/$name.iptables.save"
    docker exec "$c" ip6tables-nft-save >"$OUT/$name.ip6tables.save"
  fi
  docker rm -f "$c" >/dev/null
  log "$name"
}
nft_file() { printf "cat > /tmp/r.nft <<'R'\n%s\nR\nnft -f /tmp/r.nft" "$1"; }

BASIC='ct state established,related accept
    iif "lo" accept
    tcp dport 22 accept'
input_drop() { nft_file "table inet filter {
  chain input {
    type filter hook input priority 0; policy drop;
    $BASIC
    $1
  }
  ${2:-}
}"; }

shape nft-jump-to-accept-all "$(input_drop 'jump allow_all' 'chain allow_all { accept; }')"
shape nft-goto-skips-the-rest "$(input_drop 'goto public
    accept' 'chain public { tcp dport 80 accept; }')"
shape nft-return-before-accept "$(input_drop 'jump checks' 'chain checks { return; accept; }')"
shape nft-jump-returns-then-accept "$(input_drop 'jump checks
    accept' 'chain checks { ip saddr 10.0.0.0/8 drop; }')"
shape nft-accept-every-source "$(input_drop 'ip saddr 0.0.0.0/0 accept
    ip6 saddr ::/0 accept')"
shape nft-accept-public-interface "$(input_drop 'iifname "eth0" accept')"
shape nft-accept-ct-new "$(input_drop 'ct state new accept')"
shape nft-accept-ct-untracked "$(input_drop 'ct state untracked accept')"
shape nft-accept-whole-protocol "$(input_drop 'meta l4proto udp accept')"
shape nft-accept-every-port "$(input_drop 'tcp dport 1-65535 accept')"
shape nft-accept-with-limit "$(input_drop 'limit rate 10/second accept')"
shape nft-accept-by-mark "$(input_drop 'meta mark 0x1 accept')"
shape nft-accept-dynamic-set "$(input_drop 'ip saddr @knocked accept' 'set knocked { type ipv4_addr; flags dynamic, timeout; timeout 1m; }')"
shape nft-verdict-map "$(input_drop 'tcp dport vmap { 80 : accept, 443 : jump web }' 'chain web { accept; }')"
shape nft-jump-target-drops "$(nft_file 'table inet filter {
  chain input {
    type filter hook input priority 0; policy accept;
    iif "lo" accept
    tcp dport 22 accept
    jump deny
  }
  chain deny { counter drop; }
}')"
shape nft-base-chains-by-priority "$(nft_file 'table inet early {
  chain input {
    type filter hook input priority -10; policy accept;
    accept
  }
}
table inet late {
  chain input {
    type filter hook input priority 10; policy drop;
    iif "lo" accept
    tcp dport 22 accept
  }
}')"
shape nft-later-base-chain-accepts-everything "$(nft_file 'table inet early {
  chain input {
    type filter hook input priority -10; policy drop;
    iif "lo" accept
    tcp dport 22 accept
    jump more
  }
  chain more { return; }
}
table inet late {
  chain input {
    type filter hook input priority 10; policy accept;
  }
}')"
shape nft-dnat-published "$(nft_file 'table ip nat {
  chain prerouting {
    type nat hook prerouting priority dstnat; policy accept;
    tcp dport 8080 dnat to 172.17.0.2:80
  }
}
table inet filter {
  chain input {
    type filter hook input priority 0; policy drop;
    iif "lo" accept
    tcp dport 22 accept
  }
  chain forward {
    type filter hook forward priority 0; policy accept;
  }
}')"

IPT_BASE='for t in iptables-nft ip6tables-nft; do $t -A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT && $t -A INPUT -i lo -j ACCEPT && $t -A INPUT -p tcp --dport 22 -j ACCEPT'
shape iptables-jump-to-accept-all "$IPT_BASE"' && $t -N ALLOW && $t -A ALLOW -j ACCEPT && $t -A INPUT -j ALLOW && $t -P INPUT DROP; done'
shape iptables-goto-skips-the-rest "$IPT_BASE"' && $t -N PUBLIC && $t -A PUBLIC -p tcp --dport 80 -j ACCEPT && $t -A INPUT -g PUBLIC && $t -A INPUT -j ACCEPT && $t -P INPUT DROP; done'
shape iptables-jump-target-drops "$IPT_BASE"' && $t -N DENY && $t -A DENY -j DROP && $t -A INPUT -j DENY; done'
shape iptables-accept-public-interface "$IPT_BASE"' && $t -A INPUT -i eth0 -j ACCEPT && $t -P INPUT DROP; done'
shape iptables-accept-new "$IPT_BASE"' && $t -A INPUT -m conntrack --ctstate NEW -j ACCEPT && $t -P INPUT DROP; done'
shape iptables-accept-every-source "$IPT_BASE"' && $t -A INPUT -s 0/0 -j ACCEPT && $t -P INPUT DROP; done'
shape iptables-accept-whole-protocol "$IPT_BASE"' && $t -A INPUT -p udp -j ACCEPT && $t -P INPUT DROP; done'
shape ufw-default-deny 'ufw allow 22/tcp && ufw --force enable'

DOCKER_LIKE='iptables-nft -P INPUT DROP && iptables-nft -A INPUT -i lo -j ACCEPT && iptables-nft -A INPUT -p tcp --dport 22 -j ACCEPT \
 && ip6tables-nft -P INPUT DROP && ip6tables-nft -A INPUT -i lo -j ACCEPT \
 && iptables-nft -t nat -N DOCKER && iptables-nft -t nat -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER \
 && iptables-nft -t nat -A DOCKER -i docker0 -j RETURN \
 && iptables-nft -t nat -A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80 \
 && iptables-nft -N DOCKER && iptables-nft -N DOCKER-USER && iptables-nft -P FORWARD DROP \
 && iptables-nft -A FORWARD -j DOCKER-USER && iptables-nft -A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT \
 && iptables-nft -A FORWARD -o docker0 -j DOCKER \
 && iptables-nft -A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT'
shape docker-dnat-open "$DOCKER_LIKE"' && iptables-nft -A DOCKER-USER -j RETURN'
shape docker-dnat-user-drop "$DOCKER_LIKE"' && iptables-nft -A DOCKER-USER -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN && iptables-nft -A DOCKER-USER -s 10.0.0.0/8 -j RETURN && iptables-nft -A DOCKER-USER -j DROP'

# this machine, where dockerd runs: read only
nft -j list ruleset >"$OUT/machine-docker.nft.json"
iptables-save >"$OUT/machine-docker.iptables.save"
ip6tables-save >"$OUT/machine-docker.ip6tables.save"
cat /proc/sys/net/ipv4/ip_forward >"$OUT/machine-docker.ip_forward"
log "machine-docker"
