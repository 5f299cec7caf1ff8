#!/usr/bin/env bash
# Captures real apt outputs from containers of the lab image, as fixtures for the package
# parser tests. Pending updates are made the way the lab tests make them: the dpkg status of a
# real installed package is rewritten to an older real version, so apt computes the upgrade from
# the image's real bookworm, bookworm-updates and bookworm-security index. Nothing is fetched
# (no apt-get update) and nothing is installed.
# Files that also record an exit status end with one line "exit status: N".
#
# Usage: lab/capture-apt-fixtures.sh [OUTDIR]
#        (default OUTDIR: hardening-core/src/test/resources/fixtures/packages; IMAGE env overrides the image)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
OUT="${1:-hardening-core/src/test/resources/fixtures/packages}"
source lab/fixture-lib.sh
mkdir -p "$OUT"

# The read-only commands the gate runs (gather/PackageFactsCollector.java); the login user of
# the lab hosts is the unprivileged "deploy", so the captures run as that user too.
SIMULATE='LC_ALL=C apt-get -s -o Debug::NoLocking=1 -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= -o Dir::Log::Planner=/dev/null dist-upgrade'
POLICY='LC_ALL=C apt-cache -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= policy'
INDEX_AGE='date +%s; for f in /var/lib/apt/lists/*_InRelease /var/lib/apt/lists/*_Release /var/lib/apt/periodic/update-success-stamp /var/lib/apt/periodic/update-stamp; do [ -e "$f" ] && stat -c "%Y %n" -- "$f"; done; true'
AUTO_UPGRADES_PACKAGE="dpkg-query -W -f='\${Status} \${Version}\n' unattended-upgrades"

C=""
start() {  # a fresh container (sets C; not run in a subshell, so the trap knows every container)
  C="$(docker run -d "$IMAGE" sleep infinity)"
  CONTAINERS+=("$C")
  docker exec "$C" useradd -m deploy
}
as_root() { local c="$1"; shift; docker exec -i "$c" /bin/sh -c "$*"; }
as_deploy() { local c="$1"; shift; docker exec -i -u deploy "$c" /bin/sh -c "$*"; }
# rewrites the Version: of installed packages in /var/lib/dpkg/status: PACKAGE=VERSION...
set_installed() {
  local c="$1"; shift
  as_root "$c" "python3 - $*" <<'EOF'
import re, sys
path = "/var/lib/dpkg/status"
text = open(path).read()
for arg in sys.argv[1:]:
    package, version = arg.split("=", 1)
    pattern = r"(Package: %s\n(?:[^\n]+\n)*?Version: )[^\n]+" % re.escape(package)
    text, count = re.subn(pattern, lambda m: m.group(1) + version, text, count=1)
    if count != 1:
        sys.exit("not installed: " + package)
open(path, "w").write(text)
EOF
}
capture() {  # container, file, user (root|deploy), command; stdout only, must exit 0
  local c="$1" file="$2" user="$3" cmd="$4"
  "as_$user" "$c" "$cmd" >"$OUT/$file" || die "$file: command failed: $cmd"
  log "$file ($(wc -l <"$OUT/$file") lines)"
}
with_status() {  # container, file, user, command; stdout and stderr, then "exit status: N"
  local c="$1" file="$2" user="$3" cmd="$4" rc=0
  "as_$user" "$c" "$cmd 2>&1" >"$OUT/$file" || rc=$?
  printf 'exit status: %s\n' "$rc" >>"$OUT/$file"
  log "$file (exit $rc)"
}

# --- the image as built: fully patched, unattended-upgrades configured ------------------------
start; c="$C"
capture "$c" os-release.debian-bookworm.txt deploy 'cat /etc/os-release'
capture "$c" apt-get-s.none.txt deploy "$SIMULATE"
capture "$c" apt-get-s.none.root.txt root "$SIMULATE"
capture "$c" apt-config-dump.configured.txt deploy 'apt-config dump'
capture "$c" dpkg-query.unattended-upgrades.installed.txt deploy "$AUTO_UPGRADES_PACKAGE"
{
  echo '$ apt-get --version | head -n1'; as_root "$c" 'apt-get --version | head -n1'
  echo '$ cat /etc/debian_version'; as_root "$c" 'cat /etc/debian_version'
  echo '$ ls /var/lib/apt/lists'; as_root "$c" 'ls /var/lib/apt/lists'
  echo '$ date -u (capture time)'; as_root "$c" 'date -u'
} >"$OUT/VERSION.txt"
log "VERSION.txt"
# the index as the image has it, then moved 10 days back
as_root "$c" 'touch /var/lib/apt/lists/*_InRelease'
capture "$c" index-age.fresh.txt deploy "$INDEX_AGE"
as_root "$c" "touch -d '10 days ago' /var/lib/apt/lists/*"
capture "$c" index-age.stale.txt deploy "$INDEX_AGE"
as_root "$c" "mkdir -p /var/lib/apt/periodic && touch -d '3 hours ago' /var/lib/apt/periodic/update-success-stamp"
capture "$c" index-age.stale-lists-fresh-stamp.txt deploy "$INDEX_AGE"
# unattended-upgrades present, its periodic settings switched off, then missing
as_root "$c" "printf 'APT::Periodic::Update-Package-Lists \"0\";\nAPT::Periodic::Unattended-Upgrade \"0\";\n' > /etc/apt/apt.conf.d/20auto-upgrades"
capture "$c" apt-config-dump.disabled.txt deploy 'apt-config dump'
as_root "$c" 'rm /etc/apt/apt.conf.d/20auto-upgrades'
capture "$c" apt-config-dump.unconfigured.txt deploy 'apt-config dump'
as_root "$c" 'dpkg -r --force-depends unattended-upgrades >/dev/null 2>&1'
capture "$c" dpkg-query.unattended-upgrades.removed.txt deploy "$AUTO_UPGRADES_PACKAGE"
as_root "$c" 'dpkg -P --force-depends unattended-upgrades >/dev/null 2>&1'
with_status "$c" dpkg-query.unattended-upgrades.purged.txt deploy "$AUTO_UPGRADES_PACKAGE"

# --- security updates: one whose candidate is in bookworm-security (liblzma5, tzdata), one whose
# candidate is a point release that supersedes a bookworm-security fix (openssh-server) -----------
SECURITY_PACKAGES='openssh-server liblzma5 tzdata'
start; c="$C"
set_installed "$c" openssh-server=1:9.2p1-2+deb12u7 liblzma5=5.4.1-1+deb12u1 tzdata=2026b-0+deb12u1
capture "$c" apt-get-s.security.txt deploy "$SIMULATE"
capture "$c" apt-cache-policy.security.txt deploy "$POLICY $SECURITY_PACKAGES"
# the same pending updates with openssh-server on hold: apt keeps it back
as_root "$c" 'apt-mark hold openssh-server >/dev/null'
capture "$c" apt-get-s.held.txt deploy "$SIMULATE"
capture "$c" apt-cache-policy.held.txt deploy "$POLICY $SECURITY_PACKAGES"

# --- a non-security update: the installed version already has the last bookworm-security fix -----
start; c="$C"
set_installed "$c" openssh-server=1:9.2p1-2+deb12u9
capture "$c" apt-get-s.nonsecurity.txt deploy "$SIMULATE"
capture "$c" apt-cache-policy.nonsecurity.txt deploy "$POLICY openssh-server"

# --- broken dependencies: apt refuses to plan an upgrade --------------------------------------
start; c="$C"
as_root "$c" 'dpkg -r --force-depends openssh-sftp-server >/dev/null 2>&1'
with_status "$c" apt-get-s.broken.txt deploy "$SIMULATE"

log "done: $(ls "$OUT" | wc -l) files in $OUT"
