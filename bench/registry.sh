#!/usr/bin/env bash
# Times pulling the Debian fixture (one ~63 MB layer) from a local registry (Debian's docker-registry on
# 127.0.0.1): `vouch inspect` and `vouch layers`, cold (empty cache) and warm (cache filled), next to
# `skopeo copy docker://… oci:…` of the same image and the floor, `curl` of the layer blob piped into sha256sum.
# A benchmark, not a test: run it by hand.
#   bash bench/registry.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
fx=target/fixtures
bash fixtures/build.sh "$fx" >/dev/null
./vouch --version >/dev/null   # build once, outside the timings

work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat >"$work/reg.yml" <<Y
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $work/storage}}
http: {addr: 127.0.0.1:$port}
Y
docker-registry serve "$work/reg.yml" >"$work/registry.log" 2>&1 &
reg=$!
trap 'kill $reg 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.05; done
ref=127.0.0.1:$port/bench/debian:bookworm
skopeo copy -q --dest-tls-verify=false "oci:$fx/debian:bookworm" "docker://$ref"
layer=$(skopeo inspect --tls-verify=false --raw "docker://$ref" | jq -r '.layers[0].digest')

best() { sort -n | head -1; }
now() { date +%s.%N; }
timed() { local s e; s=$(now); "$@" >/dev/null; e=$(now); echo "$e - $s" | bc; }
repeat() { for _ in $(seq "$runs"); do "$@"; done | best; }

cold_inspect() { rm -rf "$work/cache"; timed ./vouch inspect --cache-dir "$work/cache" "$ref"; }
cold_layers() { rm -rf "$work/cache"; timed ./vouch layers --cache-dir "$work/cache" "$ref"; }
skopeo_copy() { rm -rf "$work/oci"; timed skopeo copy -q --src-tls-verify=false "docker://$ref" "oci:$work/oci:bookworm"; }
floor() { timed bash -c "curl -s http://127.0.0.1:$port/v2/bench/debian/blobs/$layer | sha256sum"; }
floor_gunzip() { timed bash -c "curl -s http://127.0.0.1:$port/v2/bench/debian/blobs/$layer | tee >(sha256sum >/dev/null) | gzip -dc | sha256sum"; }

t_floor=$(repeat floor)
t_floor_gz=$(repeat floor_gunzip)
t_skopeo=$(repeat skopeo_copy)
t_inspect_cold=$(repeat cold_inspect)
t_inspect_warm=$(repeat timed ./vouch inspect --cache-dir "$work/cache" "$ref")
t_layers_cold=$(repeat cold_layers)
t_layers_warm=$(repeat timed ./vouch layers --cache-dir "$work/cache" "$ref")
t_layers_nocache=$(repeat timed ./vouch layers --no-cache "$ref")

row() {
  printf '%-46s %6.2f s  %5.2f× skopeo copy  %5.2f× curl+gunzip floor\n' "$1" "$2" \
    "$(echo "$2 / $t_skopeo" | bc -l)" "$(echo "$2 / $t_floor_gz" | bc -l)"
}
t_start=$(repeat timed ./vouch --version)
mb=$(skopeo inspect --tls-verify=false --raw "docker://$ref" | jq '[.layers[].size] | add / 1000000 | floor')
echo "debian fixture, $mb MB compressed, best of $runs (vouch layers also inflates and inventories every file):"
row "vouch --version (JVM start, no work)" "$t_start"
row "floor: curl | sha256sum" "$t_floor"
row "floor: curl | sha256sum + gzip -dc | sha256sum" "$t_floor_gz"
row "skopeo copy docker:// oci:" "$t_skopeo"
row "vouch inspect, cold cache" "$t_inspect_cold"
row "vouch inspect, warm cache" "$t_inspect_warm"
row "vouch layers, cold cache" "$t_layers_cold"
row "vouch layers, warm cache" "$t_layers_warm"
row "vouch layers --no-cache (streamed)" "$t_layers_nocache"
