#!/usr/bin/env bash
# Brings the real-world test data that tests read from ../shared/corpora (BuildKit's parser suite, official-image
# Dockerfiles, version vectors, Sigstore and Notation vectors, OSV and NVD records, OCI layouts, rpm databases) from
# the public repositories they were copied from, each file at the commit scripts/corpora.tsv pins, checked against its
# SHA-256 before it is written, into the same layout. For a clone outside the environment that provides them.
#
#   bash scripts/fetch-corpora.sh [DEST]      (default: ../shared/corpora beside the clone)
#
# Files already present with the right SHA-256 are kept; a present file with another SHA-256 is reported and left
# as it is. A file whose download does not match its SHA-256 is not written. Files the corpora's curators derived
# (extracted tables, re-serialised records, their notes) have no upstream copy: they are listed at the end, and the
# tests that read them stay skipped (the test command names them). $VOUCH_CORPORA_MIRROR replaces
# https://raw.githubusercontent.com (same layout: OWNER/REPO/COMMIT/PATH; file:// works too). Exit 1 when a
# fetchable file could not be fetched or did not match.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
dest=${1:-$here/../shared/corpora}
mirror=${VOUCH_CORPORA_MIRROR:-https://raw.githubusercontent.com}
manifest="$here/scripts/corpora.tsv"
mkdir -p "$dest"
dest=$(cd "$dest" && pwd)
stage=$(mktemp -d "${TMPDIR:-/tmp}/vouch-corpora.XXXXXX")
trap 'rm -rf "$stage"' EXIT

# what to fetch: every fetchable file not already present with its SHA-256
config="$stage/curl.config"; : > "$config"
wanted=0 present=0 differs=0 derived=0
declare -A sum
derived_dirs=()
while IFS=$'\t' read -r path sha repo commit upstream; do
  case "$path" in ''|'#'*) continue ;; esac
  case "$path" in /*|*../*) echo "fetch-corpora: $manifest: unsafe path $path" >&2; exit 2 ;; esac
  if [ -f "$dest/$path" ]; then
    if [ "$(sha256sum < "$dest/$path" | cut -d' ' -f1)" = "$sha" ]; then
      present=$((present + 1))
    else
      echo "fetch-corpora: $dest/$path differs from its pinned SHA-256; left as it is" >&2
      differs=$((differs + 1))
    fi
    continue
  fi
  if [ "$repo" = "-" ]; then
    derived=$((derived + 1)); derived_dirs+=("$(dirname "$path")"); continue
  fi
  wanted=$((wanted + 1))
  sum[$wanted]="$sha $path"
  printf 'url = "%s/%s/%s/%s"\noutput = "%s/%d"\n' "$mirror" "$repo" "$commit" "$upstream" "$stage" "$wanted" >> "$config"
done < "$manifest"

failed=0 fetched=0
if [ "$wanted" -gt 0 ]; then
  echo "fetch-corpora: fetching $wanted files from $mirror" >&2
  curl --silent --no-progress-meter --show-error --fail --location --retry 3 --max-time 300 --proto '=https,http,file' \
    --parallel --parallel-max 16 --config "$config" || true
  for i in $(seq 1 "$wanted"); do
    read -r sha path <<< "${sum[$i]}"
    if [ ! -f "$stage/$i" ]; then
      echo "fetch-corpora: $path: not fetched" >&2; failed=$((failed + 1)); continue
    fi
    got=$(sha256sum < "$stage/$i" | cut -d' ' -f1)
    if [ "$got" != "$sha" ]; then
      echo "fetch-corpora: $path: SHA-256 $got, expected $sha; not written" >&2; failed=$((failed + 1)); continue
    fi
    mkdir -p "$dest/$(dirname "$path")"
    mv "$stage/$i" "$dest/$path"
    fetched=$((fetched + 1))
  done
fi
echo "fetch-corpora: $fetched fetched, $present already present, $failed failed, $differs differ locally, $derived derived (not fetchable) into $dest"
if [ "$derived" -gt 0 ]; then
  echo "fetch-corpora: derived files have no upstream copy, so the tests that read them stay skipped: $(printf '%s\n' "${derived_dirs[@]}" | cut -d/ -f1-2 | sort -u | paste -sd' ' -)"
fi
[ "$failed" -eq 0 ]
