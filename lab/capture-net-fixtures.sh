#!/usr/bin/env bash
# Captures real socket tables, interface listings and firewall rulesets, as fixtures for the
# network and firewall parser tests. Every fixture is written exactly as the command printed it.
#
#   net/lab.*             a lab container with listeners on 127.0.0.1, its private address, a
#                         198.18.0.10 address on a veth pair (the simulated public interface),
#                         0.0.0.0, [::] and UDP 0.0.0.0:161
#   net/machine.*         this machine's own /proc/net tables (read only)
#   firewall/nft-*.json   `nft -j list ruleset` for the rulesets the firewall tests name
#   firewall/*.save       iptables-save / ip6tables-save (nft and legacy backends, ufw)
#   firewall/docker-host.iptables.save   this machine's iptables-save (Docker's chains; read only)
#
# Usage: lab/capture-net-fixtures.sh [CORE_TEST_RESOURCES]
#        (default: hardening-core/src/test/resources/fixtures; IMAGE env overrides the image)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
BASE="${1:-hardening-core/src/test/resources/fixtures}"
NET="$BASE/net"
FW="$BASE/firewall"
source lab/fixture-lib.sh
mkdir -p "$NET" "$FW"

# a new container of the lab image with NET_ADMIN, idle; sets C
C=""
start() {
  C="$(docker run -d --cap-add NET_ADMIN "$IMAGE" sleep 600)"
  CONTAINERS+=("$C")
}
sh_in() { local c="$1"; shift; docker exec -i "$c" /bin/sh -c "$*"; }
# a command's stdout into a fixture; its stderr must be empty
capture() {
  local c="$1" file="$2" cmd="$3"
  sh_in "$c" "$cmd" >"$file"
  log "$file ($(wc -c <"$file") bytes)"
}

# --- sockets and interfaces ------------------------------------------------------------
start; c="$C"
sh_in "$c" 'ip link add veth-pub type veth peer name veth-peer && ip addr add 198.18.0.10/24 dev veth-pub \
  && ip link set veth-pub up && ip link set veth-peer up'
sh_in "$c" 'cat > /usr/local/bin/postgres' <<'PY'
#!/usr/bin/python3
# listens like a database: TCP 5432 on 0.0.0.0, until killed
import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("0.0.0.0", 5432)); s.listen(); time.sleep(1e6)
PY
sh_in "$c" 'cat > /usr/local/bin/listeners' <<'PY'
#!/usr/bin/python3
# one listener per kind of bind address the classification must handle
import socket, sys, time
private = sys.argv[1]
socks = []
def tcp(family, addr, port):
    s = socket.socket(family); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, port)); s.listen(); socks.append(s)
tcp(socket.AF_INET, "127.0.0.1", 6379)
tcp(socket.AF_INET, private, 8081)
tcp(socket.AF_INET, "198.18.0.10", 8443)
tcp(socket.AF_INET6, "::", 8080)
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("0.0.0.0", 161)); socks.append(u)
time.sleep(1e6)
PY
sh_in "$c" 'chmod 755 /usr/local/bin/postgres /usr/local/bin/listeners; cd /; (postgres >/dev/null 2>&1 &);
  (listeners "$(ip -4 -o addr show eth0 | awk "{print \$4}" | cut -d/ -f1)" >/dev/null 2>&1 &); sleep 1'
for t in tcp tcp6 udp udp6; do capture "$c" "$NET/lab.$t" "cat /proc/net/$t"; done
capture "$c" "$NET/lab.ip-addr.json" 'ip -j addr show'
capture "$c" "$NET/lab.if_inet6" 'cat /proc/net/if_inet6'
capture "$c" "$NET/lab.fib_trie" 'cat /proc/net/fib_trie'
# the owner listing as root and as a user who may not look into other processes (stderr kept)
capture "$c" "$NET/lab.fd-listing.txt" 'ls -l /proc/[0-9]*/fd 2>&1; true'
capture "$c" "$NET/lab.comm.txt" 'grep -H "" /proc/[0-9]*/comm'
capture "$c" "$NET/lab-nonroot.fd-listing.txt" 'su nobody -s /bin/sh -c "ls -l /proc/[0-9]*/fd 2>&1" || true'

for t in tcp tcp6 udp udp6 if_inet6; do cp "/proc/net/$t" "$NET/machine.$t"; log "$NET/machine.$t"; done

# --- firewall rulesets -------------------------------------------------------------------
nft_case() {  # name, shell commands that build the ruleset
  local name="$1" setup="$2"
  start
  sh_in "$C" "$setup"
  capture "$C" "$FW/$name.json" 'nft -j list ruleset'
  sh_in "$C" 'nft list ruleset' >"$FW/$name.nft"
}
nft_case nft-empty ':'
nft_case nft-inet-drop 'nft -f - <<EOF
table inet filter {
  chain input {
    type filter hook input priority filter; policy drop;
    ct state established,related accept
    iif "lo" accept
    tcp dport 22 accept
    tcp dport { 80, 443 } accept
    udp dport 53 accept
  }
}
EOF'
nft_case nft-inet-accept 'nft -f - <<EOF
table inet filter {
  chain input {
    type filter hook input priority filter; policy accept;
    tcp dport 22 accept
  }
}
EOF'
nft_case nft-ip-only-drop 'nft -f - <<EOF
table ip filter {
  chain input {
    type filter hook input priority filter; policy drop;
    ct state established,related accept
    tcp dport 22 accept
  }
}
EOF'
nft_case nft-final-drop-rule 'nft -f - <<EOF
table inet filter {
  chain input {
    type filter hook input priority filter; policy accept;
    ct state established,related accept
    iif "lo" accept
    tcp dport 22 accept
    tcp dport 8000-8099 accept
    counter drop
  }
}
EOF'
nft_case nft-unconditional-accept 'nft -f - <<EOF
table inet filter {
  chain input {
    type filter hook input priority filter; policy drop;
    tcp dport 22 accept
    accept
  }
}
EOF'
nft_case nft-reject-rule 'nft -f - <<EOF
table inet filter {
  chain input {
    type filter hook input priority 0; policy accept;
    tcp dport 22 accept
    reject with icmpx type admin-prohibited
  }
}
EOF'

# iptables with the nft backend (Debian's default alternative) and with the legacy backend
IPT_RULES='-P INPUT DROP
-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A INPUT -i lo -j ACCEPT
-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT
-A INPUT -p tcp -m multiport --dports 80,443 -j ACCEPT'
start; c="$C"
sh_in "$c" "printf '%s\n' \"$IPT_RULES\" | while read -r r; do iptables-nft \$r; done"
capture "$c" "$FW/iptables-nft.save" 'iptables-nft-save'
capture "$c" "$FW/ip6tables-nft-open.save" 'ip6tables-nft -L -n >/dev/null; ip6tables-nft-save'
capture "$c" "$FW/nft-iptables-nft.json" 'nft -j list ruleset'
start; c="$C"
sh_in "$c" "printf '%s\n' \"$IPT_RULES\" | while read -r r; do iptables-legacy \$r; ip6tables-legacy \$r; done"
capture "$c" "$FW/iptables-legacy.save" 'iptables-legacy-save'
capture "$c" "$FW/ip6tables-legacy.save" 'ip6tables-legacy-save'
capture "$c" "$FW/nft-after-legacy.json" 'nft -j list ruleset'
# an INPUT chain that ends in an unconditional REJECT instead of a DROP policy
start; c="$C"
sh_in "$c" 'iptables-nft -A INPUT -p tcp --dport 22 -j ACCEPT && iptables-nft -A INPUT -j REJECT'
capture "$c" "$FW/iptables-nft-final-reject.save" 'iptables-nft-save'

# a table made with nft: iptables-nft-save calls it incompatible and prints an empty ACCEPT chain
start; c="$C"
sh_in "$c" 'nft -f - <<EOF
table ip filter {
  chain input {
    type filter hook input priority filter; policy drop;
    tcp dport 22 accept
  }
}
EOF'
capture "$c" "$FW/iptables-nft-incompatible.save" 'iptables-nft-save'

# ufw (on the iptables-nft backend): default deny incoming, 22/tcp allowed
start; c="$C"
sh_in "$c" 'ufw allow 22/tcp >/dev/null && ufw allow 8000:8099/tcp >/dev/null && ufw --force enable >/dev/null'
capture "$c" "$FW/ufw.iptables.save" 'iptables-save'
capture "$c" "$FW/ufw.ip6tables.save" 'ip6tables-save'
capture "$c" "$FW/ufw.nft.json" 'nft -j list ruleset'

# what a user without root gets
start; c="$C"
sh_in "$c" 'su nobody -s /bin/sh -c "nft -j list ruleset" 2>&1; echo "exit status: $?"' >"$FW/nonroot.nft.txt" || true
sh_in "$c" 'su nobody -s /bin/sh -c "iptables-save" 2>&1; echo "exit status: $?"' >"$FW/nonroot.iptables-save.txt" || true
log "$FW/nonroot.*.txt"

iptables-save >"$FW/docker-host.iptables.save"
log "$FW/docker-host.iptables.save"
log "done"
