#!/usr/bin/env bash
# Times `vouch layers` against the physical floor, `gzip -dc LAYER | sha256sum` over the same blobs, on the
# Debian fixture (one ~63 MB layer) and on the big fixture (~1 GB uncompressed, five layers). Reports wall time,
# the ratio to the floor, and vouch's peak RSS. A benchmark, not a test: run it by hand.
#   bash bench/layers.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
fx=target/fixtures
bash fixtures/build.sh "$fx" big >/dev/null
./vouch --version >/dev/null   # build once, outside the timings

best() { sort -n | head -1; }
now() { date +%s.%N; }

for name in debian big; do
  layout="$fx/$name"
  m=$(jq -r '.manifests[0].digest' "$layout/index.json" | cut -d: -f2)
  blobs=$(jq -r '.layers[].digest' "$layout/blobs/sha256/$m" | cut -d: -f2 | sed "s|^|$layout/blobs/sha256/|")
  gz=$(du -cb $blobs | tail -1 | cut -f1)
  floor=$(for i in $(seq "$runs"); do
    s=$(now); for b in $blobs; do gzip -dc "$b" | sha256sum >/dev/null; done; e=$(now)
    echo "$e - $s" | bc; done | best)
  vouch=$(for i in $(seq "$runs"); do
    s=$(now); ./vouch layers --format json "oci:$layout:bookworm" >/dev/null; e=$(now)
    echo "$e - $s" | bc; done | best)
  rss=$(/usr/bin/time -f %M ./vouch layers --format json "oci:$layout:bookworm" 2>&1 >/dev/null | tail -1)
  printf '%-7s %4d MB compressed, %d layers: floor %6.2f s  vouch %6.2f s  ratio %.2f  peak RSS %d MB\n' \
    "$name" $((gz / 1000000)) "$(echo "$blobs" | wc -l)" "$floor" "$vouch" "$(echo "$vouch / $floor" | bc -l)" $((rss / 1024))
done
