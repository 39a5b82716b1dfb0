#!/usr/bin/env bash
# vouch check of an image whose base was checked before (issue 22): an image built on the fixtures' Debian base (its
# 63 MB layer, the same blob, as a registry mount or a local build keeps it, and four small layers of its own) after a
# check of the base, against the base's own first check, the image with --no-cache, and the floor: reading and
# verifying only its own new layers (sha256 of each blob, gunzip, sha256 of the tar) and starting a JVM
# (java -version). Best of RUNS each.
# Usage: bench/stored-layers.sh [RUNS]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
[ -f cli/target/vouch.jar ] || mvn -B -q package -DskipTests
[ -d target/fixtures/debian ] || bash fixtures/build.sh target/fixtures
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
f=target/fixtures
# the derived image: the Debian layout's blobs (linked), four small gzipped layers, a config and a manifest
python3 - "$f/debian" "$work/app" <<'PY'
import gzip, hashlib, io, json, os, sys, tarfile
src, dst = sys.argv[1], sys.argv[2]
os.makedirs(dst + "/blobs/sha256")
for b in os.listdir(src + "/blobs/sha256"):
    os.link(src + "/blobs/sha256/" + b, dst + "/blobs/sha256/" + b)
def put(data):
    h = hashlib.sha256(data).hexdigest()
    open(dst + "/blobs/sha256/" + h, "wb").write(data)
    return "sha256:" + h
idx = json.load(open(src + "/index.json"))
m = json.load(open(src + "/blobs/sha256/" + idx["manifests"][0]["digest"][7:]))
cfg = json.load(open(src + "/blobs/sha256/" + m["config"]["digest"][7:]))
for k in range(4):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as t:
        data = os.urandom(4096 * (k + 1))
        info = tarfile.TarInfo("srv/app-%d.bin" % k); info.size = len(data)
        t.addfile(info, io.BytesIO(data))
    raw = buf.getvalue(); gz = gzip.compress(raw, mtime=0)
    m["layers"].append({"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": put(gz), "size": len(gz)})
    cfg["rootfs"]["diff_ids"].append("sha256:" + hashlib.sha256(raw).hexdigest())
    cfg.setdefault("history", []).append({"created_by": "COPY app-%d.bin /srv/ # buildkit" % k})
c = json.dumps(cfg).encode(); m["config"] = {"mediaType": m["config"]["mediaType"], "digest": put(c), "size": len(c)}
mb = json.dumps(m).encode()
json.dump({"schemaVersion": 2, "manifests": [{"mediaType": m.get("mediaType", "application/vnd.oci.image.manifest.v1+json"),
           "digest": put(mb), "size": len(mb), "annotations": {"org.opencontainers.image.ref.name": "1"}}]},
          open(dst + "/index.json", "w"))
open(dst + "/oci-layout", "w").write('{"imageLayoutVersion":"1.0.0"}')
PY
app="oci:$work/app:1"
best() { sort -n | head -1; }
t() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
# the launcher users run (README): its class-data archive and small serial-GC heap are part of what a check costs
vouch() { ./vouch "$@"; }
base_cold=$(for _ in $(seq "$runs"); do rm -rf "$work/c"; t vouch check --policy none --format json --cache-dir "$work/c" "oci:$f/debian:bookworm"; done | best)
app_stored=$(for _ in $(seq "$runs"); do
  rm -rf "$work/c"; vouch check --policy none --format json --cache-dir "$work/c" "oci:$f/debian:bookworm" >/dev/null
  t vouch check --policy none --format json --cache-dir "$work/c" "$app"; done | best)
app_cold=$(for _ in $(seq "$runs"); do t vouch check --policy none --format json --no-cache "$app"; done | best)
app_again=$(for _ in $(seq "$runs"); do t vouch check --policy none --format json --cache-dir "$work/c" "$app"; done | best)
# the floor: the app's own layers (all but the first) read and verified, plus a JVM's start
manifest=$(python3 -c "import json; print(json.load(open('$work/app/index.json'))['manifests'][0]['digest'][7:])")
mapfile -t own < <(python3 -c "import json; m=json.load(open('$work/app/blobs/sha256/$manifest')); [print(l['digest'][7:]) for l in m['layers'][1:]]")
# (timed inside one Python process, as bench/fleet.py does: hashlib and zlib, no process start per blob)
floor_read=$(for _ in $(seq "$runs"); do python3 -c '
import hashlib, sys, time, zlib
t0 = time.perf_counter()
for p in sys.argv[1:]:
    data = open(p, "rb").read()
    hashlib.sha256(data).hexdigest()
    hashlib.sha256(zlib.decompress(data, 16 + zlib.MAX_WBITS)).hexdigest()
print(round((time.perf_counter() - t0) * 1000))' "${own[@]/#/$work/app/blobs/sha256/}"; done | best)
jvm=$(for _ in $(seq "$runs"); do t java -version; done | best)
own_bytes=$(for b in "${own[@]}"; do stat -c %s "$work/app/blobs/sha256/$b"; done | paste -sd+ | bc)
echo "Debian base, first check (63 MB layer read):     ${base_cold} ms"
echo "app, --no-cache (every layer read):              ${app_cold} ms"
echo "app, after the base was checked (4 layers read): ${app_stored} ms"
echo "app, checked again (no layer read):              ${app_again} ms"
echo "floor: JVM start ${jvm} ms + the app's own ${own_bytes} bytes read and verified ${floor_read} ms"
echo "app after the base / base first check:           $(echo "scale=2; $app_stored / $base_cold" | bc)"
echo "app after the base - app checked again:          $(( app_stored - app_again )) ms for the app's own layers"
