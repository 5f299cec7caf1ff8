#!/usr/bin/env bash
# Renders the HTML report of one host and of 50 hosts (synthetic results: 80 pending updates, public
# ports, TLS errors, hostile host names) and photographs both with headless Chromium at 1,400 px.
# Writes hardening-core/target/report-screenshots/{one-host,fifty-hosts}.{html,png}; never commit them.
# Usage: lab/report-screenshots.sh [window height in px, default 2000]
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
fi
mvn -B -ntp -o -Dmaven.compiler.fork=true ${MAVEN_REPO:+-Dmaven.repo.local="$MAVEN_REPO"} -pl hardening-core test \
  -Dtest=ReportScreenshotsTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dhardening.excludedGroups=none -Dscreenshot.height="${1:-2000}"
ls -l hardening-core/target/report-screenshots/*.png
