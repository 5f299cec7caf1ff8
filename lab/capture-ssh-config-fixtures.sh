#!/usr/bin/env bash
# Captures how OpenSSH's own client reads the ssh_config fixtures: `ssh -G -F FILE HOST` for each
# host a fixture lists on its "# hosts:" line, written as ssh printed it (FILE.HOST.G), and who ran
# it (ssh -G expands ~ to that user's home), for SshClientConfigTest. Needs the Debian openssh-client
# the lab image has (ssh -V is recorded); ssh -G only reads the file, it connects nowhere.
#
# Usage: lab/capture-ssh-config-fixtures.sh [DIR]
#        (default DIR: hardening-core/src/test/resources/fixtures/ssh_config)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
DIR="${1:-hardening-core/src/test/resources/fixtures/ssh_config}"
printf 'user=%s\nhome=%s\nversion=%s\n' "$(id -un)" "$(getent passwd "$(id -u)" | cut -d: -f6)" "$(ssh -V 2>&1)" \
  >"$DIR/CAPTURED.txt"
for conf in "$DIR"/*.conf; do
  for host in $(sed -n 's/^# hosts: //p' "$conf"); do
    ssh -G -F "$conf" "$host" </dev/null >"$conf.$host.G"
    printf '[capture] %s %s (%s lines)\n' "$(basename "$conf")" "$host" "$(wc -l <"$conf.$host.G")" >&2
  done
done
