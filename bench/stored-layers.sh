#!/usr/bin/env bash
# vouch check of an image whose base was checked before (issue 22): the fixtures' app image (the 63 MB Debian layer
# and four small layers of its own) after a check of the Debian base, against the base's own first check, the app
# with --no-cache, and the floor: reading and verifying only the app's own new layers (sha256 of each blob, gunzip,
# sha256 of the tar) and starting a JVM (java -version). Best of RUNS each.
# Usage: bench/stored-layers.sh [RUNS]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
[ -f cli/target/vouch.jar ] || mvn -B -q package -DskipTests
[ -d target/fixtures/debian ] || bash fixtures/build.sh target/fixtures
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
f=target/fixtures
best() { sort -n | head -1; }
t() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
vouch() { java -jar cli/target/vouch.jar "$@"; }
base_cold=$(for _ in $(seq "$runs"); do rm -rf "$work/c"; t vouch check --policy none --format json --cache-dir "$work/c" "oci:$f/debian:bookworm"; done | best)
app_stored=$(for _ in $(seq "$runs"); do
  rm -rf "$work/c"; vouch check --policy none --format json --cache-dir "$work/c" "oci:$f/debian:bookworm" >/dev/null
  t vouch check --policy none --format json --cache-dir "$work/c" "oci:$f/app:1"; done | best)
app_cold=$(for _ in $(seq "$runs"); do t vouch check --policy none --format json --no-cache "oci:$f/app:1"; done | best)
app_again=$(for _ in $(seq "$runs"); do t vouch check --policy none --format json --cache-dir "$work/c" "oci:$f/app:1"; done | best)
# the floor: the app's own layers (all but the first) read and verified, plus a JVM's start
manifest=$(python3 -c "import json; print(json.load(open('$f/app/index.json'))['manifests'][0]['digest'][7:])")
mapfile -t own < <(python3 -c "import json; m=json.load(open('$f/app/blobs/sha256/$manifest')); [print(l['digest'][7:]) for l in m['layers'][1:]]")
floor_read=$(for _ in $(seq "$runs"); do t bash -c "for b in ${own[*]}; do sha256sum $f/app/blobs/sha256/\$b; gzip -dc $f/app/blobs/sha256/\$b | sha256sum; done"; done | best)
jvm=$(for _ in $(seq "$runs"); do t java -version; done | best)
own_bytes=$(for b in "${own[@]}"; do stat -c %s "$f/app/blobs/sha256/$b"; done | paste -sd+ | bc)
echo "Debian base, first check (63 MB layer read):     ${base_cold} ms"
echo "app, --no-cache (every layer read):              ${app_cold} ms"
echo "app, after the base was checked (4 layers read): ${app_stored} ms"
echo "app, checked again (no layer read):              ${app_again} ms"
echo "floor: JVM start ${jvm} ms + the app's own ${own_bytes} bytes read and verified ${floor_read} ms"
echo "app after the base / base first check:           $(echo "scale=2; $app_stored / $base_cold" | bc)"
echo "app after the base - app checked again:          $(( app_stored - app_again )) ms for the app's own layers"
