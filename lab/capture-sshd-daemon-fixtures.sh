#!/usr/bin/env bash
# Captures how running sshd processes look in /proc on a container of the lab image, as fixtures for
# the daemon discovery tests: the raw /proc/PID/cmdline bytes of the image's listener, of a second
# sshd started with -f/-p/-o, of a per-connection session process, and of a daemon started without
# re-exec (argv kept as is); and Debian's own systemd units for sshd.
#
# Usage: lab/capture-sshd-daemon-fixtures.sh [OUTDIR]
#        (default OUTDIR: hardening-core/src/test/resources/fixtures/sshd-daemons)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
source lab/fixture-lib.sh
OUT="${1:-hardening-core/src/test/resources/fixtures/sshd-daemons}"
mkdir -p "$OUT"

start_with_host_keys
in_c() { docker exec -i "$C" /bin/sh -c "$*"; }

in_c 'printf "PasswordAuthentication yes\nPermitRootLogin yes\n" > /etc/ssh/rescue.conf \
  && /usr/sbin/sshd -f /etc/ssh/rescue.conf -p 2222 -o PasswordAuthentication=yes && sleep 1'
pid_of() { in_c "for p in /proc/[0-9]*; do tr '\\0' ' ' < \$p/cmdline | grep -q -- \"$1\" && basename \$p; done | head -1" 2>/dev/null; }
in_c 'cat /proc/1/cmdline' >"$OUT/listener-default.cmdline"
in_c "cat /proc/$(pid_of 'rescue.conf')/cmdline" >"$OUT/listener-rescue.cmdline"
# a session: a login in progress to the default daemon, as the root user's own ssh client makes it
in_c 'ssh-keygen -q -t ed25519 -N "" -f /root/k && mkdir -p /root/.ssh && cp /root/k.pub /root/.ssh/authorized_keys \
  && (ssh -i /root/k -o StrictHostKeyChecking=no -o BatchMode=yes root@127.0.0.1 sleep 5 >/dev/null 2>&1 &) && sleep 2'
in_c "cat /proc/$(pid_of '^sshd: root')/cmdline" >"$OUT/session.cmdline"
in_c 'cat /lib/systemd/system/ssh.socket' >"$OUT/debian-ssh.socket"
in_c 'cat /lib/systemd/system/ssh.service' >"$OUT/debian-ssh.service"
for f in "$OUT"/*; do log "$(basename "$f") ($(wc -c <"$f") bytes): $(tr '\0' '|' <"$f" | head -c 100)"; done
