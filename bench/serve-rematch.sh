#!/usr/bin/env bash
# vouch serve when new advisories arrive: IMAGES distinct images (one synthetic Debian layer of PACKAGES dpkg packages,
# configs that differ) are pushed to a real registry that notifies vouch serve, which checks each; then RECORDS
# synthetic OSV advisories are imported into the server's database and every stored SBOM is matched again.
# Prints the check time per image, the rematch time per image (the images are not read again), and the floor:
# matching one image's packages alone (vouch scan --debug's "matched" line).
# A benchmark, not a test: run it by hand. Needs python3, umoci, skopeo, docker-registry, curl.
#   bash bench/serve-rematch.sh [IMAGES] [RECORDS] [PACKAGES]   (default 100 100000 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
images=${1:-100}; records=${2:-100000}; packages=${3:-1000}
[ -f cli/target/vouch.jar ] || mvn -B -q package -DskipTests
work=$(mktemp -d); trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
reg=$(port); http=$(port)

python3 bench/synthetic_debian.py "$work" "$records" "$packages" "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
tar -C "$work/rootfs" --sort=name --owner=0 --group=0 -cf "$work/layer.tar" .
umoci init --layout "$work/img" >/dev/null
umoci new --image "$work/img:base" >/dev/null
umoci raw add-layer --image "$work/img:base" "$work/layer.tar" >/dev/null
for i in $(seq "$images"); do
  umoci config --image "$work/img:base" --tag "v$i" --config.user 10001 --config.label "n=$i" >/dev/null
done

cat > "$work/reg.yml" <<YML
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $work/storage}}
http: {addr: 127.0.0.1:$reg, secret: bench}
notifications:
  endpoints:
    - name: vouch
      url: http://127.0.0.1:$http/events
      headers: {Authorization: [Bearer bench-secret]}
      timeout: 2s
      threshold: 3
      backoff: 500ms
YML
echo bench-secret > "$work/notify.token"
docker-registry serve "$work/reg.yml" >"$work/reg.log" 2>&1 &
HOME=$work java -jar cli/target/vouch.jar serve --http "127.0.0.1:$http" --db "$work/server.sqlite" \
  --vuln-db "$work/osv.sqlite" --notify-token-file "$work/notify.token" --policy baseline --workers 2 \
  --poll 100ms --rematch-interval 250ms >"$work/serve.log" 2>&1 &
for _ in $(seq 100); do grep -q listening "$work/serve.log" && break; sleep 0.1; done
metric() { curl -s "http://127.0.0.1:$http/metrics" | awk -v m="$1" '$1 == m {print $2}' | head -1; }
await() { # metric target
  while [ "$(metric "$1" | cut -d. -f1)" != "$2" ]; do sleep 0.1; done
}

t0=$(now)
for i in $(seq "$images"); do
  skopeo copy -q --dest-tls-verify=false "oci:$work/img:v$i" "docker://127.0.0.1:$reg/bench/app:v$i"
done
t1=$(now)
await 'vouch_checks_total{result="ok"}' "$images"
t2=$(now)
sum=$(metric vouch_check_duration_seconds_sum); count=$(metric vouch_check_duration_seconds_count)

HOME=$work java -jar cli/target/vouch.jar db import --db "$work/osv.sqlite" "$work/all.zip" >/dev/null
t3=$(now)
await vouch_rematched_images_total "$images"
t4=$(now)
changes=$(curl -s "http://127.0.0.1:$http/metrics" | awk '$1 ~ /^vouch_verdict_changes_total/ {s += $2} END {print s + 0}')
floor=$(HOME=$work java -jar cli/target/vouch.jar --debug scan --db "$work/osv.sqlite" "oci:$work/img:v1" 2>&1 >/dev/null \
  | grep -o 'matched [^;]*' | head -1 || true)

python3 - "$images" "$records" "$packages" "$t0" "$t1" "$t2" "$t3" "$t4" "$sum" "$count" "$changes" "$floor" <<'PY'
import sys
n, records, packages = map(int, sys.argv[1:4])
t0, t1, t2, t3, t4, s, c = map(float, sys.argv[4:11])
changes, floor = sys.argv[11], sys.argv[12]
print(f"{n} images of {packages} packages pushed in {t1 - t0:.1f} s; all checked {t2 - t0:.1f} s after the first push;"
      f" a check took {1000 * s / c:.0f} ms on average")
print(f"{records} advisories imported; every stored SBOM matched again {t4 - t3:.1f} s later"
      f" ({1000 * (t4 - t3) / n:.0f} ms an image, {changes} verdicts changed)")
print(f"floor, one image's packages matched in the CLI: {floor or 'n/a'}")
PY
