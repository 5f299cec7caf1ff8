# Sourced by the lab image builds (after they set IMAGE and define log and die): checks the tools,
# stops the build when IMAGE is already there (unless LAB_FORCE=1), then finds the Debian mirrors
# this machine's own apt sources name (never a hard-coded host) and sets MIRROR and SECURITY_MIRROR.
#   main archive: first `URIs:` of the first deb stanza in
#                 /etc/apt/sources.list.d/debian.sources whose suites are not *-security
#                 (fallback: first `deb` line of /etc/apt/sources.list)
#   security:     first `URIs:` of the deb stanza with a *-security suite
# LAB_MIRROR and LAB_SECURITY_MIRROR override them.
command -v docker >/dev/null 2>&1 || die "docker client not found in PATH"
docker info >/dev/null 2>&1 || die "cannot talk to the Docker engine (docker info failed); start dockerd first (.ci/run does)"

if [[ "${LAB_FORCE:-0}" != 1 ]] && docker image inspect "$IMAGE" >/dev/null 2>&1; then
  log "image $IMAGE already present; nothing to do"
  exit 0
fi

[[ "$(id -u)" == 0 ]] || die "must run as root (debootstrap and chroot need it)"
command -v debootstrap >/dev/null 2>&1 || die "debootstrap not found; apt-get install debootstrap"

SOURCES_DEB822=/etc/apt/sources.list.d/debian.sources
SOURCES_LIST=/etc/apt/sources.list

# deb822: prints "<kind> <first-uri>" for each enabled deb stanza, kind = main|security
deb822_uris() {
  awk '
    function flush() {
      if (types ~ /(^|[ \t])deb([ \t]|$)/ && enabled != "no" && uri != "") {
        print ((suites ~ /-security([ \t]|$)/) ? "security" : "main"), uri
      }
      types = ""; uris = ""; suites = ""; enabled = ""; uri = ""
    }
    /^[ \t]*#/ { next }
    /^[ \t]*$/ { flush(); next }
    {
      line = $0
      key = tolower(line); sub(/:.*/, "", key); gsub(/[ \t]/, "", key)
      val = line; sub(/^[^:]*:[ \t]*/, "", val)
      if (key == "types") types = val
      else if (key == "uris") { split(val, a, /[ \t]+/); uri = a[1] }
      else if (key == "suites") suites = val
      else if (key == "enabled") enabled = tolower(val)
    }
    END { flush() }
  ' "$1"
}
# one-line format: same output
list_uris() {
  awk '
    /^[ \t]*deb[ \t]/ {
      i = 2
      if ($i ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
      uri = $i; suite = $(i + 1)
      print ((suite ~ /-security$/) ? "security" : "main"), uri
    }
  ' "$1"
}

MIRROR="${LAB_MIRROR:-}"
SECURITY_MIRROR="${LAB_SECURITY_MIRROR:-}"
found=""
if [[ -r "$SOURCES_DEB822" ]]; then found="$(deb822_uris "$SOURCES_DEB822")"; fi
if [[ -z "$found" && -r "$SOURCES_LIST" ]]; then found="$(list_uris "$SOURCES_LIST")"; fi
[[ -n "$MIRROR" ]] || MIRROR="$(awk '$1 == "main" { print $2; exit }' <<<"$found")"
[[ -n "$SECURITY_MIRROR" ]] || SECURITY_MIRROR="$(awk '$1 == "security" { print $2; exit }' <<<"$found")"
[[ -n "$MIRROR" ]] || die "no Debian mirror found: no deb entry in $SOURCES_DEB822 nor in $SOURCES_LIST (set LAB_MIRROR)"
MIRROR="${MIRROR%/}"
SECURITY_MIRROR="${SECURITY_MIRROR%/}"
