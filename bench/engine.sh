#!/usr/bin/env bash
# Times reading an image out of a local Docker engine: `vouch check NAME` (engine source) vs the same image from a
# docker-archive file, and vs `docker save NAME | sha256sum`, the floor for getting the bytes out of the engine.
# Starts its own dockerd (root, vfs, private socket) unless DOCKER_HOST is set; loads the Debian fixture (target/fixtures,
# built by fixtures/build.sh). A benchmark, not a test: run it by hand.
#   bash bench/engine.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
fixtures=target/fixtures
[ -f "$fixtures/debian.tar" ] || bash fixtures/build.sh "$fixtures" >/dev/null
work=$(mktemp -d /tmp/vouch-bench-engine.XXXXXX)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
if [ -z "${DOCKER_HOST:-}" ]; then
  dockerd --data-root "$work/data" --exec-root "$work/exec" --pidfile "$work/pid" -H "unix://$work/docker.sock" \
    --storage-driver vfs --iptables=false --ip6tables=false --bridge=none >"$work/dockerd.log" 2>&1 &
  pid=$!
  export DOCKER_HOST="unix://$work/docker.sock"
  for _ in $(seq 100); do /usr/bin/docker version >/dev/null 2>&1 && break; sleep 0.2; done
fi
docker=/usr/bin/docker
name=$($docker load -i "$fixtures/debian.tar" | sed -n 's/^Loaded image: //p')
$docker save -o "$work/saved.tar" "$name"
size=$(stat -c %s "$work/saved.tar")
./vouch --version >/dev/null   # build once, outside the timings
best() { sort -n | head -1; }
now() { date +%s.%N; }
floor=$(for _ in $(seq "$runs"); do s=$(now); $docker save "$name" | sha256sum >/dev/null; e=$(now); echo "$e - $s" | bc; done | best)
engine=$(for _ in $(seq "$runs"); do s=$(now); ./vouch check "$name" --policy none --no-cache >/dev/null; e=$(now); echo "$e - $s" | bc; done | best)
archive=$(for _ in $(seq "$runs"); do s=$(now); ./vouch check "docker-archive:$work/saved.tar" --policy none >/dev/null; e=$(now); echo "$e - $s" | bc; done | best)
printf '%s (%d MB saved): docker save | sha256sum %.2f s; vouch check from the engine %.2f s (%.1fx the floor);'\
' from the docker-archive file %.2f s; engine/file %.2fx\n' "$name" "$((size / 1000000))" "$floor" "$engine" \
  "$(echo "$engine / $floor" | bc -l)" "$archive" "$(echo "$engine / $archive" | bc -l)"
