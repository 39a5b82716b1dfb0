#!/usr/bin/env bash
# The vulnerability database's two speed goals, on synthetic data made here:
#   import: 100,000 OSV records (one all.zip) into a fresh database, records/s (goal: 20,000 or better)
#   match:  an image with 1,000 dpkg packages against those 100,000 advisories, after the database is open
#           (goal: under 100 ms; printed by vouch scan --debug)
# A benchmark, not a test: run it by hand. Needs python3 and umoci (the fixture tools).
#   bash bench/vuln.sh [records] [packages]
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-100000}
packages=${2:-1000}
work=${KEEP:-$(mktemp -d)}; [ -n "${KEEP:-}" ] || trap "rm -rf $work" EXIT; mkdir -p "$work"
./vouch --version >/dev/null
python3 - "$work" "$records" "$packages" <<'PY'
import json, os, sys, zipfile
work, records, packages = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
names = [f"pkg{i:05d}" for i in range(max(packages * 10, 1000))]
with zipfile.ZipFile(os.path.join(work, "all.zip"), "w", zipfile.ZIP_DEFLATED) as z:
    for i in range(records):
        n = names[i % len(names)]
        rec = {"schema_version": "1.6.0", "id": f"SYN-{i:06d}", "modified": "2026-11-01T00:00:00Z",
               "aliases": [f"CVE-2099-{i:06d}"], "summary": f"synthetic advisory {i}",
               "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"}],
               "affected": [{"package": {"ecosystem": "Debian:12", "name": n},
                             "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": f"1.{i % 7}-1"}]}],
                             "ecosystem_specific": {"urgency": "low"}}]}
        z.writestr(f"SYN-{i:06d}.json", json.dumps(rec))
root = os.path.join(work, "rootfs")
os.makedirs(os.path.join(root, "var/lib/dpkg"))
os.makedirs(os.path.join(root, "etc"))
with open(os.path.join(root, "etc/os-release"), "w") as f:
    f.write("ID=debian\nVERSION_ID=\"12\"\n")
with open(os.path.join(root, "var/lib/dpkg/status"), "w") as f:
    for i in range(packages):
        f.write(f"Package: {names[i]}\nStatus: install ok installed\nVersion: 1.{i % 5}-1\nArchitecture: amd64\n\n")
PY
tar -C "$work/rootfs" --sort=name --owner=0 --group=0 -cf "$work/layer.tar" .
umoci init --layout "$work/img" >/dev/null
umoci new --image "$work/img:1" >/dev/null
umoci raw add-layer --image "$work/img:1" "$work/layer.tar" >/dev/null
db="$work/osv.sqlite"
./vouch db import --db "$db" "$work/all.zip"
./vouch --debug scan --db "$db" "oci:$work/img:1" 2>&1 >/dev/null | grep 'matched' || true
./vouch scan --db "$db" "oci:$work/img:1" | head -1
