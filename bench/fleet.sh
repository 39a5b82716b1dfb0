#!/usr/bin/env bash
# A registry's worth of images through vouch serve (issue 22, docs/scale.md): ten bases (the fixtures' Debian base,
# the images built on it, the demo, and Debian under a 1 MB layer of its own) pushed first, then N images each adding one to three small layers, pushed
# to a real registry that notifies the replicas. Phase "cold" starts with nothing stored; phase "warm" pushes N more
# images on the same bases, whose layers are stored; "again" rebuilds the warm images with no new layer (the fixed
# cost of a check); "large" pushes N/10 images adding one 8 MiB layer (the cost per new byte). Each phase also
# measures the floor of reading its new layers (bench/fleet.py). Prints one JSON line per phase and each replica's
# peak RSS.
# Usage: bench/fleet.sh [N] [sqlite|postgres]   (default 200 sqlite; postgres runs two replicas)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200}; db=${2:-sqlite}
[ -f cli/target/vouch.jar ] || mvn -B -q package -DskipTests
[ -d target/fixtures/debian ] || bash fixtures/build.sh target/fixtures
work=$(mktemp -d); chmod 755 "$work"
cleanup() { kill $(jobs -p) 2>/dev/null || true; [ -n "${pgbin:-}" ] && runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
reg=$(port); a=$(port); b=$(port)
replicas="127.0.0.1:$a"; [ "$db" = postgres ] && replicas="$replicas,127.0.0.1:$b"
echo bench-secret > "$work/token"
{
  echo "version: 0.1"
  echo "log: {level: error, accesslog: {disabled: true}}"
  echo "storage: {filesystem: {rootdirectory: $work/storage}}"
  echo "http: {addr: 127.0.0.1:$reg, secret: bench}"
  echo "notifications:"
  echo "  endpoints:"
  for r in ${replicas//,/ }; do
    echo "    - {name: ep-${r##*:}, url: http://$r/events, headers: {Authorization: [\"Bearer bench-secret\"]}, timeout: 5s, threshold: 3, backoff: 500ms}"
  done
} > "$work/reg.yml"
docker-registry serve "$work/reg.yml" >"$work/reg.log" 2>&1 &
if [ "$db" = postgres ]; then
  pgbin=$(ls -d /usr/lib/postgresql/*/bin | tail -1); pgport=$(port)
  chown postgres "$work"
  runuser -u postgres -- "$pgbin/initdb" -D "$work/pg" -A trust -U vouch >/dev/null
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -o "-p $pgport -k $work -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
  store="postgresql://vouch@127.0.0.1:$pgport/postgres"
else
  store="$work/server.sqlite"
fi
i=0
for r in ${replicas//,/ }; do
  i=$((i + 1))
  HOME=$work java -jar cli/target/vouch.jar serve --http "$r" --db "$store" --vuln-db "$work/none.sqlite" \
    --notify-token-file "$work/token" --replica-name "replica-$i" --poll 200ms >"$work/serve-$i.log" 2>&1 &
  echo $! > "$work/serve-$i.pid"
done
for r in ${replicas//,/ }; do
  for _ in $(seq 300); do curl -sf "http://$r/api/healthz" >/dev/null && break; sleep 0.2; done
done
# phase cold pushes the ten bases too (their own checks count): nothing is stored before it
date +%s.%N >&2; python3 bench/fleet.py "127.0.0.1:$reg" "$n" cold "$work/bases.json" "$replicas"
date +%s.%N >&2; python3 bench/fleet.py "127.0.0.1:$reg" "$n" warm "$work/bases.json" "$replicas"
date +%s.%N >&2; python3 bench/fleet.py "127.0.0.1:$reg" "$n" again "$work/bases.json" "$replicas"
date +%s.%N >&2; python3 bench/fleet.py "127.0.0.1:$reg" "$n" large "$work/bases.json" "$replicas"
for pidf in "$work"/serve-*.pid; do
  echo "$(basename "$pidf" .pid) peak RSS: $(grep VmHWM /proc/$(cat "$pidf")/status | awk '{print $2, $3}')"
done
