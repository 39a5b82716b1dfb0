#!/usr/bin/env bash
# Fuzzes every Jazzer @FuzzTest target for a time box each (default 60 s) and prints, per target, the executions,
# coverage and findings libFuzzer reported. A crash stops that target; Jazzer writes its input into the target's
# regression inputs (src/test/resources/PACKAGE/CLASSInputs/METHOD/), where `mvn verify` replays it from then on:
# give it a name that says what it is, fix the bug, and commit both. Run it on a clone you are not editing, with
# ../shared beside it (the signature targets read the Sigstore trusted root there; without it they skip at once).
# Not part of CI: the regression inputs are.
#   bash scripts/fuzz.sh [SECONDS] [CLASS#METHOD ...]
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
mvn -q -o -B test-compile -pl core,server -am -Dspotless.check.skip=true >/dev/null
if [ $# -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(grep -rl "@FuzzTest" core/src/test/java server/src/test/java | sort | while read -r f; do
    cls=$(basename "$f" .java)
    grep -A2 "@FuzzTest" "$f" | sed -n 's/^ *void \([a-zA-Z0-9_]*\)(.*/\1/p' | sed "s/^/$cls#/"
  done)
fi
log=target/fuzz
mkdir -p "$log"
printf '%-48s %12s %10s %8s  %s\n' target executions exec/s cov result
for t in "${targets[@]}"; do
  cls=${t%#*}
  out="$log/$t.log"
  touch "$log/.start"
  # the time box: Jazzer's JUnit runner takes its duration from the annotation only, so the run is cut from outside
  # (libFuzzer's periodic status lines carry the counts); a finding ends it earlier with a non-zero status
  # the server's targets need core's test classes (the Fuzzing property) from the same reactor
  file=$(grep -rl "class $cls\b" core/src/test/java server/src/test/java | head -1)
  module=${file%%/*}
  modules=core
  [ "$module" = server ] && modules=core,server
  JAZZER_FUZZ=1 timeout --kill-after=10 "$((seconds + 25))" mvn -o -B test -pl "$modules" -Dspotless.check.skip=true \
    -Dsurefire.failIfNoSpecifiedTests=false -Dtest="$t" >"$out" 2>&1
  status=$?
  pkill -f "$PWD/[a-z]*/target/surefire/surefirebooter" 2>/dev/null || true # this clone's forks only
  pkg=$(echo "$file" | sed "s#$module/src/test/java/##; s#/[^/]*\$##")
  dir="$module/src/test/resources/$pkg/${cls}Inputs/${t#*#}"
  if [ $status -eq 124 ]; then
    # the time box ran out: no finding; libFuzzer writes the input it was on when stopped, which is none
    status=0
    find "$dir" -newer "$log/.start" -name 'crash-*' -delete 2>/dev/null
  fi
  done_line=$(grep -E '^#[0-9]+' "$out" | tail -1)
  execs=$(echo "$done_line" | sed -n 's/^#\([0-9]*\).*/\1/p')
  rate=$(grep -Eo 'exec/s: [0-9]+' "$out" | tail -1 | awk '{print $2}')
  cov=$(echo "$done_line" | grep -Eo 'cov: [0-9]+' | awk '{print $2}')
  result=ok
  if [ $status -ne 0 ]; then
    result="FINDING: $(grep -Eo 'FuzzTestFinding[^ ]* [^ ]+' "$out" | head -1)"
    mkdir -p "$dir"
    for c in "$module"/crash-* "$module"/timeout-* "$module"/oom-*; do [ -f "$c" ] && mv "$c" "$dir/"; done
  fi
  printf '%-48s %12s %10s %8s  %s\n' "$t" "${execs:-?}" "${rate:-?}" "${cov:-?}" "$result"
done
