#!/usr/bin/env bash
# Captures real known_hosts lines, host keys and a host certificate from a container of the lab
# image, as fixtures for the known_hosts tests: ssh-keyscan's own lines (plain, [host]:port,
# hashed by ssh-keygen -H), a host certificate signed by a CA made with ssh-keygen, and a key
# of a second host (to stand for a changed key). Written exactly as the tools printed them.
#
# Usage: lab/capture-known-hosts-fixtures.sh [OUTDIR]
#        (default OUTDIR: hardening-core/src/test/resources/fixtures/known_hosts)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
source lab/fixture-lib.sh
OUT="${1:-hardening-core/src/test/resources/fixtures/known_hosts}"
mkdir -p "$OUT"

in_c() { local c="$1"; shift; docker exec -i "$c" /bin/sh -c "$*"; }

start_with_host_keys; c="$C"
start_with_host_keys; other="$C"
# a second sshd on port 2222, so ssh-keyscan writes the [host]:port form
in_c "$c" '/usr/sbin/sshd -p 2222 && sleep 1'
in_c "$c" 'ssh-keyscan -t ed25519,ecdsa,rsa 127.0.0.1 2>/dev/null | sort' >"$OUT/keyscan-plain.known_hosts"
in_c "$c" 'ssh-keyscan -p 2222 -t ed25519 127.0.0.1 2>/dev/null' >"$OUT/keyscan-port-2222.known_hosts"
in_c "$c" 'ssh-keyscan -t ed25519 localhost 2>/dev/null > /tmp/kh && ssh-keygen -H -f /tmp/kh >/dev/null 2>&1 && cat /tmp/kh' \
  >"$OUT/keyscan-hashed-localhost.known_hosts"
in_c "$c" 'cat /etc/ssh/ssh_host_ed25519_key.pub' >"$OUT/host-ed25519.pub"
in_c "$other" 'cat /etc/ssh/ssh_host_ed25519_key.pub' >"$OUT/other-host-ed25519.pub"
# a host CA and the host's ed25519 key certified for localhost and web1.lab
in_c "$c" 'ssh-keygen -q -t ed25519 -N "" -C lab-host-ca -f /tmp/host_ca \
  && ssh-keygen -q -s /tmp/host_ca -I lab-host -h -n localhost,web1.lab -V -1d:+3650d /etc/ssh/ssh_host_ed25519_key.pub \
  && cat /tmp/host_ca.pub' >"$OUT/host-ca.pub"
in_c "$c" 'cat /etc/ssh/ssh_host_ed25519_key-cert.pub' >"$OUT/host-ed25519-cert.pub"
in_c "$c" 'ssh -V 2>&1' >"$OUT/VERSION.txt"
for f in "$OUT"/*; do log "$(basename "$f") ($(wc -l <"$f") lines)"; done
