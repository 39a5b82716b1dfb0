#!/usr/bin/env bash
# Scans an SBOM of COMPONENTS packages with MATCHES matches (default 100,000 and 1,000,000) in every output format with
# the launcher's heap (192 MiB), and reports the time and peak RSS of each, with the match counts checked. A benchmark,
# not a test: run it by hand.   bash bench/scan-scale.sh [COMPONENTS] [MATCHES]
set -euo pipefail
cd "$(dirname "$0")/.."
components=${1:-100000}
matches=${2:-1000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./vouch --version >/dev/null # build once, outside the timings
python3 bench/scan_scale.py "$work" "$components" "$matches"
./vouch db import --db "$work/osv.sqlite" "$work/advisories.zip"
for f in text json sarif cyclonedx; do
  /usr/bin/time -f "%e %M" -o "$work/time" ./vouch scan --sbom "$work/sbom.cdx.json" --db "$work/osv.sqlite" \
    --format "$f" >"$work/out" 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  read -r secs rss <"$work/time"
  case $f in
    text) n=$(grep -c '^  [a-z]' "$work/out" || true) ;;
    json) n=$(grep -c '"packageName"' "$work/out") ;;
    sarif) n=$(grep -c '"ruleIndex"' "$work/out") ;;
    cyclonedx) n=$(grep -c '"ref" :' "$work/out") ;;
  esac
  printf '%-9s %7.2f s  peak RSS %4d MiB  %s matches  %5d MiB written\n' \
    "$f" "$secs" "$((rss / 1024))" "$n" "$(($(stat -c %s "$work/out") >> 20))"
done
