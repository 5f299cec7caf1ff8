#!/usr/bin/env bash
# Captures what an OpenSSH server says about its crypto, on the wire and in `sshd -T`, as fixtures
# for the ssh.crypto tests. For each case:
#
#   NAME.server-hello.hex   every byte the server sent up to the end of its SSH_MSG_KEXINIT packet
#                           (identification line, CR LF, the unencrypted binary packet), as hex,
#                           64 digits a line; read inside the container from 127.0.0.1:22 after
#                           sending the identification "SSH-2.0-hardening_probe"
#   NAME.sshd-T.txt         `sshd -T` exactly as printed (stderr must be empty, exit status 0)
#   NAME.conf               the drop-in the case adds to /etc/ssh/sshd_config.d (not for default)
#
#   default   the lab image's stock sshd
#   weak      CBC cipher, SHA-1 MAC, SHA-1 key exchange, ssh-rsa host key signatures added
#   hardened  only what the default policy accepts (Mozilla "modern" minus the NIST curves)
#   stale     sshd started stock, then the weak drop-in written and never reloaded: the daemon
#             answering is not the config sshd -T reads
#
# Usage: lab/capture-crypto-fixtures.sh [OUTDIR]
#        (default OUTDIR: hardening-core/src/test/resources/fixtures/crypto; IMAGE env overrides the image)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
OUT="${1:-hardening-core/src/test/resources/fixtures/crypto}"
source lab/fixture-lib.sh
mkdir -p "$OUT"

WEAK=('Ciphers aes128-cbc,aes256-ctr'
      'MACs hmac-sha1,hmac-sha2-256'
      'KexAlgorithms diffie-hellman-group14-sha1,curve25519-sha256'
      'HostKeyAlgorithms +ssh-rsa')
HARDENED=('KexAlgorithms sntrup761x25519-sha512@openssh.com,curve25519-sha256,curve25519-sha256@libssh.org,diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,diffie-hellman-group-exchange-sha256'
          'Ciphers chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,aes128-gcm@openssh.com,aes256-ctr,aes192-ctr,aes128-ctr'
          'MACs hmac-sha2-512-etm@openssh.com,hmac-sha2-256-etm@openssh.com,umac-128-etm@openssh.com'
          'HostKeyAlgorithms ssh-ed25519,ssh-ed25519-cert-v01@openssh.com,rsa-sha2-512,rsa-sha2-256'
          'PubkeyAcceptedAlgorithms ssh-ed25519,ssh-ed25519-cert-v01@openssh.com,sk-ssh-ed25519@openssh.com,rsa-sha2-512,rsa-sha2-256'
          'HostKey /etc/ssh/ssh_host_ed25519_key'
          'HostKey /etc/ssh/ssh_host_rsa_key')

# the bytes up to the end of the server's KEXINIT, as the probe reads them (python3 is in the image)
HELLO_PY='
import socket, sys, time
s = socket.create_connection(("127.0.0.1", 22), timeout=10)
buf = b""
while b"\r\n" not in buf and len(buf) < 65536:
    chunk = s.recv(4096)
    if not chunk: sys.exit("closed before the identification")
    buf += chunk
s.sendall(b"SSH-2.0-hardening_probe\r\n")
end = buf.index(b"\r\n") + 2
while len(buf) < end + 4 or len(buf) < end + 4 + int.from_bytes(buf[end:end + 4], "big"):
    chunk = s.recv(4096)
    if not chunk: sys.exit("closed before the end of KEXINIT")
    buf += chunk
buf = buf[:end + 4 + int.from_bytes(buf[end:end + 4], "big")]
h = buf.hex()
print("\n".join(h[i:i + 64] for i in range(0, len(h), 64)))
'

# a new container of the lab image with sshd listening; sets C
C=""
start() {
  local i
  C="$(docker run -d "$IMAGE")"
  CONTAINERS+=("$C")
  for i in $(seq 1 40); do
    docker exec "$C" python3 -c 'import socket; socket.create_connection(("127.0.0.1", 22), timeout=1)' \
      2>/dev/null && return 0
    sleep 0.25
  done
  die "sshd did not listen in container $C"
}
sh_in() { local c="$1"; shift; docker exec -i "$c" /bin/sh -c "$*"; }
dropin() { local c="$1" name="$2"; shift 2; printf '%s\n' "$@" | sh_in "$c" "cat > /etc/ssh/sshd_config.d/$name"; }
# sshd restarted in place (the container's main process), so it reads a drop-in written after start
restart_sshd() {
  docker restart "$1" >/dev/null
  local i
  for i in $(seq 1 40); do
    docker exec "$1" python3 -c 'import socket; socket.create_connection(("127.0.0.1", 22), timeout=1)' \
      2>/dev/null && return 0
    sleep 0.25
  done
  die "sshd did not come back in container $1"
}
hello() { docker exec "$1" python3 -c "$HELLO_PY" >"$OUT/$2.server-hello.hex"; log "$2.server-hello.hex"; }
sshd_t() {
  local c="$1" name="$2" rc=0 err
  err="$(mktemp)"
  docker exec "$c" /usr/sbin/sshd -T >"$OUT/$name.sshd-T.txt" 2>"$err" || rc=$?
  [[ $rc -eq 0 && ! -s "$err" ]] || { cat "$err" >&2; rm -f "$err"; die "sshd -T failed for $name (exit $rc)"; }
  rm -f "$err"
  log "$name.sshd-T.txt ($(wc -l <"$OUT/$name.sshd-T.txt") lines)"
}

start; hello "$C" default; sshd_t "$C" default
docker exec "$C" sh -c 'sshd -V 2>&1; dpkg-query -W openssh-server' >"$OUT/VERSION.txt"; log VERSION.txt

printf '%s\n' "${WEAK[@]}" >"$OUT/weak.conf"
start; dropin "$C" 00-crypto.conf "${WEAK[@]}"; restart_sshd "$C"; hello "$C" weak; sshd_t "$C" weak

printf '%s\n' "${HARDENED[@]}" >"$OUT/hardened.conf"
start; dropin "$C" 00-crypto.conf "${HARDENED[@]}"; restart_sshd "$C"; hello "$C" hardened; sshd_t "$C" hardened

start; dropin "$C" 00-crypto.conf "${WEAK[@]}"; hello "$C" stale; sshd_t "$C" stale

log "done: $(ls "$OUT" | wc -l) files in $OUT"
