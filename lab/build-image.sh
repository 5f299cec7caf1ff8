#!/usr/bin/env bash
# Builds the lab host image (a debootstrapped Debian bookworm with sshd, nftables,
# iptables, iproute2, sudo, ...) and loads it into the local Docker engine with
# `docker import`. Nothing is pulled from any registry.
#
# Usage: lab/build-image.sh [IMAGE]        (default IMAGE: hardening-lab:bookworm-3)
#
# The Debian mirror is the one this machine's apt sources name:
#   main archive: first `URIs:` of the first deb stanza in
#                 /etc/apt/sources.list.d/debian.sources whose suites are not *-security
#                 (fallback: first `deb` line of /etc/apt/sources.list)
#   security:     first `URIs:` of the deb stanza with a *-security suite
# Overrides: LAB_MIRROR, LAB_SECURITY_MIRROR, LAB_SUITE (default bookworm),
#            LAB_UPGRADE=0 to skip applying pending updates at build time,
#            LAB_FORCE=1 to rebuild although the image exists.
#
# Needs root, debootstrap and a running Docker engine.
set -euo pipefail

IMAGE="${1:-hardening-lab:bookworm-3}"
SUITE="${LAB_SUITE:-bookworm}"
UPGRADE="${LAB_UPGRADE:-1}"
INCLUDE="openssh-server,nftables,iptables,ufw,iproute2,sudo,python3,openssl,ca-certificates,procps,unattended-upgrades"
CMD='CMD ["/bin/sh","-c","mkdir -p /run/sshd && ssh-keygen -A && exec /usr/sbin/sshd -D -e"]'

log() { printf '[build-image] %s\n' "$*" >&2; }
die() { printf '[build-image] ERROR: %s\n' "$*" >&2; exit 1; }

# shellcheck source=image-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/image-lib.sh"
log "image:           $IMAGE"
log "mirror:          $MIRROR ($SUITE)"
log "security mirror: ${SECURITY_MIRROR:-<none found; image gets no ${SUITE}-security index>}"

# --- work dir, cleaned on exit ------------------------------------------------------
WORK="$(mktemp -d "${TMPDIR:-/var/tmp}/hardening-lab.XXXXXX")"
ROOTFS="$WORK/rootfs"
cleanup() {
  local rc=$?
  # never delete through a mount point
  for m in "$ROOTFS/proc" "$ROOTFS/dev/pts"; do
    if mountpoint -q "$m" 2>/dev/null; then umount -l "$m" || true; fi
  done
  rm -rf --one-file-system "$WORK" || log "warning: could not remove $WORK"
  if [[ $rc -ne 0 ]]; then log "FAILED (exit $rc); see the messages above"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- debootstrap --------------------------------------------------------------------
log "debootstrap --variant=minbase $SUITE into $ROOTFS (takes about a minute)"
t0=$SECONDS
debootstrap --variant=minbase --include="$INCLUDE" "$SUITE" "$ROOTFS" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 || {
  tail -n 40 "$WORK/debootstrap.log" >&2
  [[ -f "$ROOTFS/debootstrap/debootstrap.log" ]] && tail -n 40 "$ROOTFS/debootstrap/debootstrap.log" >&2
  die "debootstrap failed (mirror $MIRROR)"
}
log "debootstrap done in $((SECONDS - t0)) s"

lists="$(find "$ROOTFS/var/lib/apt/lists" -maxdepth 1 -type f \( -name '*Packages*' -o -name '*Release*' \) 2>/dev/null | wc -l)"
log "apt lists left by debootstrap: $lists Packages/Release file(s)"
find "$ROOTFS/var/lib/apt/lists" -maxdepth 1 -type f -printf '[build-image]   %f (%s bytes)\n' >&2 || true

# --- real package index (bookworm, -updates, -security) ---------------------------------
log "writing /etc/apt/sources.list and fetching the package index inside the rootfs"
{
  echo "deb $MIRROR $SUITE main"
  echo "deb $MIRROR $SUITE-updates main"
  if [[ -n "$SECURITY_MIRROR" ]]; then echo "deb $SECURITY_MIRROR $SUITE-security main"; fi
} >"$ROOTFS/etc/apt/sources.list"
rm -f "$ROOTFS/etc/apt/sources.list.d/"*.list "$ROOTFS/etc/apt/sources.list.d/"*.sources 2>/dev/null || true

# name resolution inside the chroot as on this machine, restored afterwards
for f in hosts resolv.conf; do
  if [[ -e "$ROOTFS/etc/$f" || -L "$ROOTFS/etc/$f" ]]; then cp -a "$ROOTFS/etc/$f" "$WORK/$f.orig"; fi
  if [[ -r "/etc/$f" ]]; then cat "/etc/$f" >"$WORK/$f.host"; rm -f "$ROOTFS/etc/$f"; cp "$WORK/$f.host" "$ROOTFS/etc/$f"; fi
done
# no daemons may start inside the chroot while packages are upgraded
printf '#!/bin/sh\nexit 101\n' >"$ROOTFS/usr/sbin/policy-rc.d"
chmod 755 "$ROOTFS/usr/sbin/policy-rc.d"
mount -t proc proc "$ROOTFS/proc"

# snapshot-style mirrors serve Release files whose Valid-Until has passed
# GzipIndexes: newly fetched indexes stay compressed in the image (apt reads them as they are)
APT_OPTS=(-o Acquire::Check-Valid-Until=false -o Acquire::Languages=none -o APT::Get::List-Cleanup=true
          -o Acquire::GzipIndexes=true)
in_root() { chroot "$ROOTFS" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive LC_ALL=C "$@"; }

t0=$SECONDS
in_root apt-get "${APT_OPTS[@]}" update >"$WORK/apt-update.log" 2>&1 || {
  cat "$WORK/apt-update.log" >&2; die "apt-get update inside the rootfs failed"
}
log "apt-get update done in $((SECONDS - t0)) s"

if [[ "$UPGRADE" == 1 ]]; then
  pending="$(in_root apt-get "${APT_OPTS[@]}" -s dist-upgrade 2>/dev/null | awk '/^Inst /{print $2}' | tr '\n' ' ')"
  if [[ -n "$pending" ]]; then
    log "applying pending updates so the image starts fully patched: $pending"
    in_root apt-get "${APT_OPTS[@]}" -y -o Dpkg::Options::=--force-confold dist-upgrade >"$WORK/apt-upgrade.log" 2>&1 || {
      tail -n 40 "$WORK/apt-upgrade.log" >&2; die "apt-get upgrade inside the rootfs failed"
    }
  else
    log "no pending updates"
  fi
fi
# firewalld needs a logind, a virtual package debootstrap cannot resolve, so apt installs it here;
# the lab tests start its D-Bus and the daemon by hand (systemd never runs as PID 1 in a lab host)
log "installing firewalld"
in_root apt-get "${APT_OPTS[@]}" -y --no-install-recommends install firewalld dbus >"$WORK/apt-firewalld.log" 2>&1 || {
  tail -n 40 "$WORK/apt-firewalld.log" >&2; die "apt-get install firewalld inside the rootfs failed"
}
in_root apt-get clean

umount "$ROOTFS/proc"
rm -f "$ROOTFS/usr/sbin/policy-rc.d"
for f in hosts resolv.conf; do
  rm -f "$ROOTFS/etc/$f"
  if [[ -e "$WORK/$f.orig" || -L "$WORK/$f.orig" ]]; then cp -a "$WORK/$f.orig" "$ROOTFS/etc/$f"; fi
done

lists="$(find "$ROOTFS/var/lib/apt/lists" -maxdepth 1 -type f \( -name '*Packages*' -o -name '*InRelease' \) | wc -l)"
[[ "$lists" -gt 0 ]] || die "no package index in the rootfs after apt-get update"
log "package index in the image: $lists file(s)"

# --- strip per-host state ----------------------------------------------------------------
rm -f "$ROOTFS"/etc/ssh/ssh_host_*
rm -rf "$ROOTFS"/var/cache/apt/archives/*.deb "$ROOTFS"/var/cache/apt/*.bin "$ROOTFS"/var/lib/apt/lists/partial/*
rm -rf "$ROOTFS"/tmp/* "$ROOTFS"/var/tmp/* "$ROOTFS"/var/log/apt/* "$ROOTFS"/root/.bash_history
if [[ -s "$ROOTFS/etc/machine-id" ]]; then : >"$ROOTFS/etc/machine-id"; fi

# --- import -------------------------------------------------------------------------------
log "docker import -> $IMAGE"
t0=$SECONDS
tar --numeric-owner -C "$ROOTFS" -c . | docker import -c "$CMD" -m "debootstrap $SUITE minbase from $MIRROR" - "$IMAGE" >/dev/null
log "import done in $((SECONDS - t0)) s"
docker image inspect -f '[build-image] built {{.Id}} ({{.Size}} bytes)' "$IMAGE" >&2
