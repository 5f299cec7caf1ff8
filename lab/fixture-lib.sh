# Shared by the lab/capture-*-fixtures.sh scripts (sourced after they cd to the repository root):
# the lab image to capture from, messages, and removal of every container a script starts.
IMAGE="${IMAGE:-hardening-lab:bookworm-2}"
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
