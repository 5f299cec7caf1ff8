#!/usr/bin/env bash
# Regenerates docs/performance.md: starts lab hosts (containers of the lab image) and times, side by
# side, the OpenSSH floor, the gate in-process, hardening:verify as a whole mvn process and
# pytest-testinfra, for each fleet size (GateBenchmark in hardening-junit). Never part of CI.
#
#   lab/benchmark.sh [SIZES] [FLEET]     e.g. lab/benchmark.sh 1,10,50 200 (the defaults)
#
# Needs Docker and the lab image (as after .ci/run) and the OpenSSH client. Installs Debian's
# python3-testinfra and python3-pytest-xdist with apt-get when they are missing (as root,
# non-interactively). MVN_ARGS adds Maven options, e.g. MVN_ARGS="-o -Dmaven.repo.local=/path".
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SIZES="${1:-1,10,50}"
FLEET="${2:-200}"
read -r -a mvn_args <<<"${MVN_ARGS:-}"

log() { printf '[benchmark] %s\n' "$*" >&2; }

if ! /usr/bin/python3 -c 'import testinfra, xdist' 2>/dev/null; then
  log "installing python3-testinfra python3-pytest-xdist (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update </dev/null
  apt-get install -y python3-testinfra python3-pytest-xdist </dev/null
fi
command -v ssh >/dev/null || { log "the OpenSSH client (ssh) is needed"; exit 1; }

export TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=localhost
log "installing the plugin for the whole-process runs (mvn install -DskipTests)"
mvn -B -q -ntp "${mvn_args[@]}" -DskipTests install </dev/null
log "benchmark: sizes $SIZES, fleet of $FLEET host entries"
mvn -B -ntp "${mvn_args[@]}" -pl hardening-junit test -Dgroups=benchmark -Dhardening.excludedGroups=none \
  -Dtest=GateBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dhardening.bench.sizes="$SIZES" -Dhardening.bench.fleet="$FLEET" </dev/null
log "wrote docs/performance.md"
