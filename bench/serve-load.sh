#!/usr/bin/env bash
# Admission webhook under load with cached verdicts: a real registry on loopback holding the demo image, vouch serve
# with a fresh certificate, then bench/AdmissionLoad.java posting a Pod's AdmissionReview at RATE/s for SECONDS.
# Usage: bench/serve-load.sh [RATE] [SECONDS]   (default 500 20)
set -euo pipefail
cd "$(dirname "$0")/.."
rate=${1:-500}; seconds=${2:-20}
[ -f cli/target/vouch.jar ] || mvn -B -q package -DskipTests
work=$(mktemp -d); trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
reg=$(port); https=$(port)
cat > "$work/reg.yml" <<YML
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $work/storage}}
http: {addr: 127.0.0.1:$reg, secret: bench}
YML
docker-registry serve "$work/reg.yml" >"$work/reg.log" 2>&1 &
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=127.0.0.1 \
  -addext subjectAltName=IP:127.0.0.1 -keyout "$work/tls.key" -out "$work/tls.crt" 2>/dev/null
sleep 1
skopeo copy -q --dest-tls-verify=false oci:examples/demo "docker://127.0.0.1:$reg/demo:1"
HOME=$work java -jar cli/target/vouch.jar serve --https "127.0.0.1:$https" --tls-cert "$work/tls.crt" \
  --tls-key "$work/tls.key" --db "$work/server.sqlite" --vuln-db "$work/none.sqlite" --mode warn >"$work/serve.log" 2>&1 &
for _ in $(seq 100); do grep -q listening "$work/serve.log" && break; sleep 0.1; done
cat > "$work/review.json" <<JSON
{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"b1","operation":"CREATE","namespace":"prod",
 "object":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web"},"spec":{"containers":[{"name":"web","image":"127.0.0.1:$reg/demo:1",
 "securityContext":{"runAsNonRoot":true,"allowPrivilegeEscalation":false,"readOnlyRootFilesystem":true},
 "resources":{"limits":{"cpu":"1","memory":"64Mi"}}}]}}}}
JSON
# the first review checks the image (cold); every later one is answered from the cache
curl -s --cacert "$work/tls.crt" -H 'Content-Type: application/json' --data @"$work/review.json" \
  "https://127.0.0.1:$https/mutate" -o /dev/null -w 'cold review (check included): %{time_total} s\n'
if [ -n "${AB:-}" ]; then
  ab -q -k -n 10000 -c 32 -p "$work/review.json" -T application/json "https://127.0.0.1:$https/mutate" | grep -E "Requests per|Failed|50%|99%"
fi
java bench/AdmissionLoad.java "https://127.0.0.1:$https/mutate" "$work/tls.crt" "$work/review.json" "$rate" "$seconds"
