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
python3 bench/synthetic_debian.py "$work" "$records" "$packages"
tar -C "$work/rootfs" --sort=name --owner=0 --group=0 -cf "$work/layer.tar" .
umoci init --layout "$work/img" >/dev/null
umoci new --image "$work/img:1" >/dev/null
umoci raw add-layer --image "$work/img:1" "$work/layer.tar" >/dev/null
db="$work/osv.sqlite"
./vouch db import --db "$db" "$work/all.zip"
./vouch --debug scan --db "$db" "oci:$work/img:1" 2>&1 >/dev/null | grep 'matched' || true
./vouch scan --db "$db" "oci:$work/img:1" | head -1
