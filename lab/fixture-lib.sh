# Shared by the lab/capture-*-fixtures.sh scripts (sourced after they cd to the repository root):
# the lab image to capture from, messages, and removal of every container a script starts.
IMAGE="${IMAGE:-hardening-lab:bookworm-3}"
CONTAINERS=()

log() { printf '[fixtures] %s\n' "$*" >&2; }
die() { printf '[fixtures] ERROR: %s\n' "$*" >&2; exit 1; }
cleanup() {
  local rc=$? c
  for c in "${CONTAINERS[@]}"; do docker rm -f "$c" >/dev/null 2>&1 || true; done
  exit $rc
}
trap cleanup EXIT

docker image inspect "$IMAGE" >/dev/null 2>&1 || die "image $IMAGE missing; run lab/build-image.sh"

# A new container of the lab image once its host keys are made; sets C (call it directly, not in a
# subshell, so the cleanup trap knows every container).
C=""
start_with_host_keys() {
  local i
  C="$(docker run -d "$IMAGE")"
  CONTAINERS+=("$C")
  for i in $(seq 1 20); do
    docker exec "$C" test -s /etc/ssh/ssh_host_ed25519_key.pub 2>/dev/null && return 0
    sleep 0.5
  done
  die "no host keys in container $C"
}
