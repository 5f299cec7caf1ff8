#!/usr/bin/env bash
# Captures real OpenSSH outputs from containers of the lab image, as fixtures for the
# sshd parser tests. Every fixture is written exactly as the command printed it.
# Files that also record an exit status end with one line "exit status: N".
#
# Usage: lab/capture-sshd-fixtures.sh [OUTDIR]
#        (default OUTDIR: hardening-core/src/test/resources/fixtures/sshd; IMAGE env overrides the image)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
OUT="${1:-hardening-core/src/test/resources/fixtures/sshd}"
IMAGE="${IMAGE:-hardening-lab:bookworm-3}"
CONTAINERS=()
TMP="$(mktemp -d)"

log() { printf '[fixtures] %s\n' "$*" >&2; }
die() { printf '[fixtures] ERROR: %s\n' "$*" >&2; exit 1; }
cleanup() {
  local rc=$? c
  for c in "${CONTAINERS[@]}"; do docker rm -f "$c" >/dev/null 2>&1 || true; done
  rm -rf "$TMP"
  exit $rc
}
trap cleanup EXIT

docker image inspect "$IMAGE" >/dev/null 2>&1 || die "image $IMAGE missing; run lab/build-image.sh"
mkdir -p "$OUT"

# new container of the lab image, sshd running (host keys generated), SSH port on 127.0.0.1;
# sets C (not run in a subshell, so the trap knows every container)
C=""
start() {
  local i
  C="$(docker run -d -p 127.0.0.1::22 "$IMAGE")"
  CONTAINERS+=("$C")
  for i in $(seq 1 20); do
    docker exec "$C" test -s /etc/ssh/ssh_host_ed25519_key.pub 2>/dev/null && break
    sleep 0.5
  done
}
sh_in() { local c="$1"; shift; docker exec -i "$c" /bin/sh -c "$*"; }

# sshd -T variants: stdout is the fixture; stderr must be empty and the exit status 0
sshd_t() {
  local c="$1" file="$2"; shift 2
  local rc=0
  docker exec "$c" /usr/sbin/sshd -T "$@" >"$OUT/$file" 2>"$TMP/err" || rc=$?
  [[ $rc -eq 0 && ! -s "$TMP/err" ]] || { cat "$TMP/err" >&2; die "sshd -T $* failed (exit $rc)"; }
  log "$file ($(wc -l <"$OUT/$file") lines)"
}
# a command's output (as the shell snippet redirects it), then "exit status: N"
with_status() {
  local c="$1" file="$2" cmd="$3" rc=0
  sh_in "$c" "$cmd" >"$OUT/$file" || rc=$?
  printf 'exit status: %s\n' "$rc" >>"$OUT/$file"
  log "$file (exit $rc)"
}

# --- stock Debian -------------------------------------------------------------------
start; c="$C"
sshd_t "$c" debian-default.sshd-T.txt
sh_in "$c" 'cat /etc/ssh/sshd_config' >"$OUT/debian-default.sshd_config"
cp "$OUT/debian-default.sshd_config" "$TMP/stock"
{
  echo '$ sshd -V'; sh_in "$c" 'sshd -V 2>&1'
  echo '$ ssh -V'; sh_in "$c" 'ssh -V 2>&1'
  echo '$ dpkg-query -W openssh-server openssh-client openssl'
  sh_in "$c" 'dpkg-query -W openssh-server openssh-client openssl'
  echo '$ cat /etc/debian_version'; sh_in "$c" 'cat /etc/debian_version'
} >"$OUT/VERSION.txt"
log "VERSION.txt"
sh_in "$c" 'useradd -m -s /bin/bash alice'
# the real errors a non-root user gets
with_status "$c" nonroot-error.txt "su nobody -s /bin/sh -c 'sshd -T' 2>&1"
with_status "$c" sudo-n-no-sudoers.txt "su alice -s /bin/sh -c 'sudo -n sshd -T' 2>&1 >/dev/null"
# an obsolete keyword: sshd warns on stderr and goes on; the gate's batch reads both streams together
with_status "$c" deprecated-option.stderr-and-stdout.txt "cp /etc/ssh/sshd_config /tmp/stock && \
  printf 'UsePrivilegeSeparation sandbox\\nProtocol 2\\n' >> /etc/ssh/sshd_config && \
  sshd -T -C user=root,host=h,addr=10.0.0.1,laddr=10.0.0.2,lport=22 2>&1; rc=\$?; cp /tmp/stock /etc/ssh/sshd_config; exit \$rc"

# the same two over a real SSH session as a non-root user (the PATH sshd gives such a
# session on Debian has no /usr/sbin)
ssh-keygen -q -t ed25519 -N '' -f "$TMP/id" >/dev/null
sh_in "$c" 'mkdir -p -m 700 ~alice/.ssh && cat > ~alice/.ssh/authorized_keys && chown -R alice: ~alice/.ssh' <"$TMP/id.pub"
port="$(docker port "$c" 22/tcp | head -n1 | sed 's/.*://')"
SSH=(ssh -F none -i "$TMP/id" -p "$port" -o BatchMode=yes -o IdentitiesOnly=yes
     -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile="$TMP/known_hosts" -o LogLevel=ERROR alice@127.0.0.1)
for i in $(seq 1 20); do "${SSH[@]}" true 2>/dev/null && break; sleep 0.5; done
rc=0; "${SSH[@]}" 'sshd -T' >"$OUT/nonroot-ssh-exec-sshd-T.txt" 2>&1 || rc=$?
printf 'exit status: %s\n' "$rc" >>"$OUT/nonroot-ssh-exec-sshd-T.txt"; log "nonroot-ssh-exec-sshd-T.txt (exit $rc)"
rc=0; "${SSH[@]}" '/usr/sbin/sshd -T' >"$OUT/nonroot-ssh-exec-usr-sbin-sshd-T.txt" 2>&1 || rc=$?
printf 'exit status: %s\n' "$rc" >>"$OUT/nonroot-ssh-exec-usr-sbin-sshd-T.txt"; log "nonroot-ssh-exec-usr-sbin-sshd-T.txt (exit $rc)"
rc=0; "${SSH[@]}" 'sudo -n sshd -T' 2>"$OUT/nonroot-ssh-exec-sudo-n.txt" >/dev/null || rc=$?
printf 'exit status: %s\n' "$rc" >>"$OUT/nonroot-ssh-exec-sudo-n.txt"; log "nonroot-ssh-exec-sudo-n.txt (exit $rc)"

# --- drop-ins in /etc/ssh/sshd_config.d (Debian's config includes them first) ------------
dropin() {  # file, drop-in name, lines...
  local file="$1" name="$2"; shift 2
  local c; start; c="$C"
  printf '%s\n' "$@" | sh_in "$c" "cat > /etc/ssh/sshd_config.d/$name"
  sshd_t "$c" "$file"
}
HARDENING=('PasswordAuthentication no' 'KbdInteractiveAuthentication no' 'PermitRootLogin no' 'PubkeyAuthentication yes')
printf '%s\n' "${HARDENING[@]}" >"$OUT/hardened.00-hardening.conf"
dropin hardened.sshd-T.txt 00-hardening.conf "${HARDENING[@]}"
dropin prohibit-password.sshd-T.txt 00-root.conf 'PermitRootLogin prohibit-password'
dropin authmethods.sshd-T.txt 00-authmethods.conf 'AuthenticationMethods publickey,password publickey,keyboard-interactive'

# --- Match blocks -------------------------------------------------------------------------
{
  cat "$TMP/stock"
  printf '\nMatch User deploy\n    PasswordAuthentication yes\n\nMatch Address 10.0.0.0/8\n    PermitRootLogin yes\n'
} >"$OUT/match-user-deploy.sshd_config"

match_case() {  # prefix, with-hardening drop-in (0|1)
  local p="$1" hardened="$2" c
  start; c="$C"
  sh_in "$c" 'cat > /etc/ssh/sshd_config' <"$OUT/match-user-deploy.sshd_config"
  if [[ "$hardened" == 1 ]]; then
    sh_in "$c" 'cat > /etc/ssh/sshd_config.d/00-hardening.conf' <"$OUT/hardened.00-hardening.conf"
  fi
  sh_in "$c" 'useradd deploy'
  sshd_t "$c" "$p.sshd-T.txt"
  sshd_t "$c" "$p.sshd-T-C-user-deploy.txt" -C user=deploy,host=gw.example,addr=192.0.2.10,laddr=172.17.0.2,lport=22
  sshd_t "$c" "$p.sshd-T-C-addr-10.txt" -C user=root,host=gw.example,addr=10.0.0.1,laddr=172.17.0.2,lport=22
}
match_case match-user-deploy 0
# same Match blocks on top of the hardening drop-in: here the Match blocks change the result
match_case hardened-match-user-deploy 1; c="$C"

# --- partial -C specs (only some of user/host/addr given) ---------------------------------
{
  echo "# OpenSSH $(sh_in "$c" 'sshd -V 2>&1')"
  echo '# config: match-user-deploy.sshd_config + sshd_config.d/00-hardening.conf (hardened.00-hardening.conf); user deploy exists, user nosuch does not'
  echo '# each command: its stderr (raw), the permitrootlogin/passwordauthentication lines of its stdout, its exit status'
  for spec in user=deploy user=nosuch user=root addr=10.0.0.1 user=root,addr=10.0.0.1 host=gw.example \
              user=deploy,host=gw.example,addr=192.0.2.10 user=deploy,addr=not-an-address addr=10.0.0.1,user= \
              nosuch=1 ''; do
    echo
    echo "\$ sshd -T -C '$spec'"
    rc=0; sh_in "$c" "sshd -T -C '$spec'" >"$TMP/o" 2>"$TMP/e" || rc=$?
    echo "stderr:"; cat "$TMP/e"
    echo "stdout: $(wc -l <"$TMP/o") lines, of which:"
    grep -E '^(permitrootlogin|passwordauthentication) ' "$TMP/o" || true
    echo "exit status: $rc"
  done
} >"$OUT/partial-spec.txt"
log "partial-spec.txt"

log "done: $(ls "$OUT" | wc -l) files in $OUT"
