#!/usr/bin/env bash
# Builds the RPM-family lab host image: a Debian bookworm rootfs with Debian's own dnf 4.14,
# rpm 4.18, dnf-plugins-core (needs-restarting) and createrepo-c, made to behave like a stock
# RHEL 9 host (see ../shared/platforms/README.md and its reference recipe), with sshd, two local
# file:// repositories whose updates carry updateinfo advisories, dnf-automatic's timer units and
# a dnf cache built so that `dnf -C` works. Loaded with `docker import`; nothing is pulled.
#
# Usage: lab/build-rpm-image.sh [IMAGE]        (default IMAGE: hardening-lab-rpm:bookworm-1)
#
# The image starts fully updated: every package of the updates repository is installed, so both
# kernels are (an install-only package), and every rpm install time is older than any container's
# boot, so `needs-restarting -r` says no reboot is needed. Lab tests make their variants from it
# (an older version installed again, a cache removed or aged, a timer enabled, a setting changed).
# dnf-automatic is installed with dnf-automatic.timer enabled and upstream's automatic.conf
# (apply_updates = no).
#
# Overrides: LAB_MIRROR (see apt-mirror.sh), LAB_SUITE (default bookworm),
#            LAB_FORCE=1 to rebuild although the image exists.
# Needs root, debootstrap and a running Docker engine; rpmbuild and createrepo_c run inside the rootfs.
set -euo pipefail

IMAGE="${1:-hardening-lab-rpm:bookworm-1}"
SUITE="${LAB_SUITE:-bookworm}"
INCLUDE="dnf,dnf-plugins-core,rpm,createrepo-c,systemd,procps,openssh-server,sudo,python3"
CMD='CMD ["/bin/sh","-c","mkdir -p /run/sshd && ssh-keygen -A && exec /usr/sbin/sshd -D -e"]'

log() { printf '[build-rpm-image] %s\n' "$*" >&2; }
die() { printf '[build-rpm-image] ERROR: %s\n' "$*" >&2; exit 1; }

# shellcheck source=image-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/image-lib.sh"
log "image:  $IMAGE"
log "mirror: $MIRROR ($SUITE)"

WORK="$(mktemp -d "${TMPDIR:-/var/tmp}/hardening-lab-rpm.XXXXXX")"
R="$WORK/rootfs"
cleanup() {
  local rc=$?
  # never delete through a mount point
  if mountpoint -q "$R/proc" 2>/dev/null; then umount -l "$R/proc" || true; fi
  rm -rf --one-file-system "$WORK" || log "warning: could not remove $WORK"
  if [[ $rc -ne 0 ]]; then log "FAILED (exit $rc); see the messages above"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- 1. rootfs --------------------------------------------------------------------------
log "debootstrap --variant=minbase $SUITE with $INCLUDE (takes about two minutes)"
t0=$SECONDS
debootstrap --variant=minbase --include="$INCLUDE" "$SUITE" "$R" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 || {
  tail -n 40 "$WORK/debootstrap.log" >&2
  die "debootstrap failed (mirror $MIRROR)"
}
log "debootstrap done in $((SECONDS - t0)) s"
in_root() { chroot "$R" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME=/root sh -c "$*"; }
mount -t proc proc "$R/proc"

# --- 2. dnf as on a stock RHEL 9 host -------------------------------------------------------
# Debian-only plugins: a _dnf_local repository, GPG failures and "New leaves:" output otherwise
sed -i '0,/^enabled *=.*/s//enabled = false/' "$R/etc/dnf/plugins/local.conf"
sed -i 's/^enabled *= *1/enabled = 0/' "$R/etc/dnf/plugins/post-transaction-actions.conf" "$R/etc/dnf/plugins/versionlock.conf"
rm -f "$R/usr/lib/python3/dist-packages/dnf-plugins/show_leaves.py"
# RHEL 9's dnf.conf defaults (skip_if_unavailable=False matters: see the no-cache lab tests)
cat >"$R/etc/dnf/dnf.conf" <<'CONF'
[main]
gpgcheck=1
installonly_limit=3
clean_requirements_on_remove=True
best=True
skip_if_unavailable=False
CONF
rm -f "$R/etc/os-release"
cat >"$R/etc/os-release" <<'OS'
# SYNTHETIC lab host: Debian 12 userland with Debian's dnf 4.14.0 / rpm 4.18.0
NAME="RHEL-like lab"
VERSION="9.4"
ID="rhel"
ID_LIKE="fedora"
VERSION_ID="9.4"
PLATFORM_ID="platform:el9"
PRETTY_NAME="RHEL-like lab 9.4"
OS
# Debian's rpm keeps a database per user (~/.rpmdb): a login that is not root would see no
# package installed. RHEL's one system database:
mkdir -p "$R/etc/rpm" "$R/var/lib/rpm"
echo '%_dbpath /var/lib/rpm' >"$R/etc/rpm/macros.dbpath"
# yum-utils' /usr/bin/needs-restarting, which Debian does not ship
printf '#!/bin/sh\nexec /usr/bin/dnf needs-restarting "$@"\n' >"$R/usr/bin/needs-restarting"
chmod 755 "$R/usr/bin/needs-restarting"

# --- 3. dummy rpms, built inside the rootfs ------------------------------------------------
S="$R/lab-build/specs"; mkdir -p "$S"
mkspec() { # name version release [extra preamble lines]
cat <<SPEC
%global debug_package %{nil}
Name: $1
Version: $2
Release: $3
Summary: lab dummy package $1
License: MIT
${4:-}
%description
Lab dummy package $1.
%install
mkdir -p %{buildroot}/usr/share/lab
echo "$1 $2-$3" > %{buildroot}/usr/share/lab/$1-$2-$3
%files
/usr/share/lab/$1-$2-$3
SPEC
}
mkspec acme-tool 1.0 1.el9 >"$S/acme-tool-1.0.spec"
mkspec acme-tool 1.1 1.el9 >"$S/acme-tool-1.1.spec"
mkspec acme-lib 2.0 1.el9 >"$S/acme-lib-2.0.spec"
mkspec acme-lib 2.1 1.el9 >"$S/acme-lib-2.1.spec"
mkspec openssl-libs 3.0.7 24.el9 'Epoch: 1' >"$S/openssl-libs-24.spec"
mkspec openssl-libs 3.0.7 27.el9 'Epoch: 1' >"$S/openssl-libs-27.spec"
mkspec kernel 5.14.0 427.13.1.el9_4 >"$S/kernel-13.spec"
mkspec kernel 5.14.0 427.16.1.el9_4 >"$S/kernel-16.spec"
mkspec lab-release 9.4 1.el9 'BuildArch: noarch
Provides: system-release(releasever) = 9
Provides: redhat-release = 9.4' >"$S/lab-release.spec"
# dnf-automatic's own files as RHEL's package has them (timers, wrapper, automatic.conf); the
# code is Debian's python3-dnf. automatic.conf moves from Debian's package into this rpm, so
# removing the rpm removes it, as on RHEL.
[[ -f "$R/etc/dnf/automatic.conf" ]] || die "Debian's dnf ships no /etc/dnf/automatic.conf to package"
mkdir -p "$R/lab-build/sources"
mv "$R/etc/dnf/automatic.conf" "$R/lab-build/sources/automatic.conf"
cat >"$S/dnf-automatic.spec" <<'SPEC'
%global debug_package %{nil}
Name: dnf-automatic
Version: 4.14.0
Release: 9.el9
Summary: lab stand-in for dnf-automatic (wrapper, timer units, automatic.conf; code is Debian's python3-dnf)
License: GPLv2+
BuildArch: noarch
AutoReq: no
%description
Lab stand-in.
%install
mkdir -p %{buildroot}/usr/lib/systemd/system %{buildroot}/usr/bin %{buildroot}/etc/dnf
install -m 644 /lab-build/sources/automatic.conf %{buildroot}/etc/dnf/automatic.conf
printf '#!/usr/bin/python3\nimport sys\nfrom dnf.automatic.main import main\nsys.exit(main(sys.argv[1:]))\n' > %{buildroot}/usr/bin/dnf-automatic
chmod 755 %{buildroot}/usr/bin/dnf-automatic
for t in "" -notifyonly -download -install; do
printf '[Unit]\nDescription=lab dnf-automatic%s\n[Service]\nType=oneshot\nExecStart=/usr/bin/dnf-automatic /etc/dnf/automatic.conf\n' "$t" > %{buildroot}/usr/lib/systemd/system/dnf-automatic$t.service
printf '[Unit]\nDescription=lab dnf-automatic%s timer\n[Timer]\nOnCalendar=*-*-* 6:00\nPersistent=true\n[Install]\nWantedBy=timers.target\n' "$t" > %{buildroot}/usr/lib/systemd/system/dnf-automatic$t.timer
done
%files
%config(noreplace) /etc/dnf/automatic.conf
/usr/bin/dnf-automatic
/usr/lib/systemd/system/dnf-automatic*
SPEC
t0=$SECONDS
for s in "$S"/*.spec; do
  in_root "rpmbuild --define '_topdir /lab-build/rpmbuild' -bb /lab-build/specs/${s##*/}" >"$s.log" 2>&1 \
    || { cat "$s.log" >&2; die "rpmbuild ${s##*/} failed"; }
done
log "rpmbuild of $(ls "$S"/*.spec | wc -l) dummy packages done in $((SECONDS - t0)) s"

# --- 4. two file:// repositories; the updates one with updateinfo.xml ------------------------
T=/lab-build/rpmbuild/RPMS
in_root "mkdir -p /srv/repo/baseos /srv/repo/updates \
  && cp $T/noarch/*.rpm $T/x86_64/acme-tool-1.0-* $T/x86_64/acme-lib-2.0-* $T/x86_64/openssl-libs-3.0.7-24.* \
        $T/x86_64/kernel-5.14.0-427.13.1.* /srv/repo/baseos/ \
  && cp $T/x86_64/acme-tool-1.1-* $T/x86_64/acme-lib-2.1-* $T/x86_64/openssl-libs-3.0.7-27.* \
        $T/x86_64/kernel-5.14.0-427.16.1.* /srv/repo/updates/"
adv() { # id type severity(or '') title name epoch version release reboot(True/False) cve
  local sev="" rb=""
  [[ -n "$3" ]] && sev="<severity>$3</severity>"
  [[ "$9" == True ]] && rb="<reboot_suggested>True</reboot_suggested>"
  cat <<X
  <update from="lab@example.invalid" status="final" type="$2" version="2">
    <id>$1</id><title>$4</title>$sev<release>Lab 9</release>
    <issued date="2024-05-01 00:00:00"/><updated date="2024-05-01 00:00:00"/>
    <references><reference href="https://example.invalid/${10}" id="${10}" type="cve" title="lab"/></references>
    <description>lab advisory</description>
    <pkglist><collection short="lab9"><name>Lab 9</name>
      <package name="$5" epoch="$6" version="$7" release="$8" arch="x86_64"><filename>$5-$7-$8.x86_64.rpm</filename>$rb</package>
    </collection></pkglist>
  </update>
X
}
{ echo '<?xml version="1.0" encoding="UTF-8"?>'; echo '<updates>'
  adv RHSA-2024:2001 security Important "Important: openssl security update" openssl-libs 1 3.0.7 27.el9 False CVE-2024-2001
  adv RHSA-2024:2002 security Moderate "Moderate: acme-tool security update" acme-tool 0 1.1 1.el9 False CVE-2024-2002
  adv RHBA-2024:2003 bugfix "" "acme-lib bug fix update" acme-lib 0 2.1 1.el9 False CVE-2024-2003
  adv RHSA-2024:2004 security Important "Important: kernel security update" kernel 0 5.14.0 427.16.1.el9_4 True CVE-2024-2004
  echo '</updates>'; } >"$R/lab-build/updateinfo.xml"
in_root "createrepo_c -q /srv/repo/baseos && createrepo_c -q /srv/repo/updates \
  && modifyrepo_c --mdtype=updateinfo /lab-build/updateinfo.xml /srv/repo/updates/repodata >/dev/null"
mkdir -p "$R/etc/yum.repos.d"
printf '[lab-baseos]\nname=Lab BaseOS\nbaseurl=file:///srv/repo/baseos\ngpgcheck=0\n\n[lab-updates]\nname=Lab Updates\nbaseurl=file:///srv/repo/updates\ngpgcheck=0\n' \
  >"$R/etc/yum.repos.d/lab.repo"

# --- 5. baseline from baseos, then every update: a fully updated host with two kernels -----------
t0=$SECONDS
in_root "rpm --eval %_dbpath" | grep -qx /var/lib/rpm || die "rpm does not use /var/lib/rpm"
in_root "dnf -q -y --releasever=9 --disablerepo=lab-updates install lab-release acme-tool acme-lib openssl-libs kernel dnf-automatic" \
  >"$WORK/dnf-install.log" 2>&1 || { cat "$WORK/dnf-install.log" >&2; die "dnf install of the baseline failed"; }
in_root "dnf -q -y upgrade" >"$WORK/dnf-upgrade.log" 2>&1 || { cat "$WORK/dnf-upgrade.log" >&2; die "dnf upgrade failed"; }
in_root "systemctl enable dnf-automatic.timer" 2>/dev/null || die "systemctl enable dnf-automatic.timer failed"
in_root "dnf -q makecache" || die "dnf makecache failed"
log "dnf install, upgrade and makecache done in $((SECONDS - t0)) s"
in_root "rpm -q kernel openssl-libs acme-tool acme-lib dnf-automatic" | sed 's/^/[build-rpm-image]   /' >&2

umount "$R/proc"
# --- 6. strip build and per-host state -------------------------------------------------------
rm -rf "$R/lab-build" "$R/root/.rpmdb" "$R"/etc/ssh/ssh_host_* "$R"/var/cache/apt/archives/*.deb "$R"/var/cache/apt/*.bin
rm -rf "$R"/tmp/* "$R"/var/tmp/* "$R"/var/log/dnf*.log "$R"/var/log/hawkey.log "$R"/root/.bash_history
if [[ -s "$R/etc/machine-id" ]]; then : >"$R/etc/machine-id"; fi

log "docker import -> $IMAGE"
t0=$SECONDS
tar --numeric-owner -C "$R" -c . | docker import -c "$CMD" -m "RPM-family lab: debootstrap $SUITE minbase + dnf/rpm from $MIRROR" - "$IMAGE" >/dev/null
log "import done in $((SECONDS - t0)) s"
docker image inspect -f '[build-rpm-image] built {{.Id}} ({{.Size}} bytes)' "$IMAGE" >&2
