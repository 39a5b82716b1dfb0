#!/usr/bin/env bash
# Times signature verification of one image four ways: `vouch verify --dct` (Docker Content Trust, warm trust cache:
# the root remembered, every role fetched and verified again), `vouch verify --key` (a cosign signature), `vouch verify
# --notation` (a Notation JWS signature attached as a referrer, strict policy), and `docker trust inspect` (docker's own
# client reading the same trust data), the peer. Starts its own notary-server (memory
# storage, TLS on loopback), docker-registry and dockerd (root, vfs, private socket), pushes a busybox image with
# DOCKER_CONTENT_TRUST=1 and signs it with a cosign key too. A benchmark, not a test: run it by hand.
#   bash bench/content-trust.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
work=$(mktemp -d /tmp/vouch-bench-dct.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
free() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
np=$(free); rp=$(free)
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/ca.key" -out "$work/ca.crt" \
  -days 2 -subj "/CN=bench ca" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/srv.key" -out "$work/srv.csr" \
  -subj "/CN=127.0.0.1" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > "$work/ext"
openssl x509 -req -in "$work/srv.csr" -CA "$work/ca.crt" -CAkey "$work/ca.key" -CAcreateserial -out "$work/srv.crt" \
  -days 2 -extfile "$work/ext" 2>/dev/null
printf '{"server":{"http_addr":"127.0.0.1:%s","tls_key_file":"%s","tls_cert_file":"%s"},"trust_service":{"type":"local"},"storage":{"backend":"memory"},"logging":{"level":"error"}}' \
  "$np" "$work/srv.key" "$work/srv.crt" > "$work/notary.json"
notary-server -config "$work/notary.json" > "$work/notary.log" 2>&1 & pids+=($!)
printf 'version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: 127.0.0.1:%s\n' "$work/reg" "$rp" \
  > "$work/reg.yml"
docker-registry serve "$work/reg.yml" > "$work/reg.log" 2>&1 & pids+=($!)
dockerd --data-root "$work/data" --exec-root "$work/exec" --pidfile "$work/pid" -H "unix://$work/d.sock" \
  --storage-driver vfs --iptables=false --ip6tables=false --bridge=none > "$work/dockerd.log" 2>&1 & pids+=($!)
export DOCKER_HOST="unix://$work/d.sock" DOCKER_CONFIG="$work/dcfg"
for _ in $(seq 100); do /usr/bin/docker version >/dev/null 2>&1 && break; sleep 0.2; done
mkdir -p "$work/root/bin" "$DOCKER_CONFIG/tls/127.0.0.1:$np" "$work/home/.docker/tls/127.0.0.1:$np"
cp "$work/ca.crt" "$DOCKER_CONFIG/tls/127.0.0.1:$np/root.crt"; cp "$work/ca.crt" "$work/home/.docker/tls/127.0.0.1:$np/root.crt"
cp /bin/busybox "$work/root/bin/"
tar -C "$work/root" -cf "$work/root.tar" .
image="127.0.0.1:$rp/bench/app:1"
/usr/bin/docker import "$work/root.tar" "$image" >/dev/null
export DOCKER_CONTENT_TRUST_SERVER="https://127.0.0.1:$np" DOCKER_CONTENT_TRUST_ROOT_PASSPHRASE=bench \
  DOCKER_CONTENT_TRUST_REPOSITORY_PASSPHRASE=bench
DOCKER_CONTENT_TRUST=1 /usr/bin/docker push "$image" >/dev/null
./vouch --version >/dev/null   # build once, outside the timings
export HOME="$work/home" COSIGN_PASSWORD=bench
./vouch keygen --output-key-prefix "$work/cosign" >/dev/null
./vouch sign "$image" --key "$work/cosign.key" >/dev/null
./vouch verify --dct "$image" >/dev/null   # first use: the root is remembered
# a Notation signature of the same image: an EC key, its certificate from a CA in a Notation trust store
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/nca.key" -out "$work/nca.crt" \
  -days 2 -subj "/C=US/ST=WA/O=Bench/CN=bench ca" -addext basicConstraints=critical,CA:TRUE 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/nleaf.key" -out "$work/nleaf.csr" \
  -subj "/C=US/ST=WA/O=Bench/CN=release" 2>/dev/null
printf 'keyUsage=critical,digitalSignature\nextendedKeyUsage=codeSigning\n' > "$work/next"
openssl x509 -req -in "$work/nleaf.csr" -CA "$work/nca.crt" -CAkey "$work/nca.key" -CAcreateserial \
  -out "$work/nleaf.crt" -days 2 -extfile "$work/next" 2>/dev/null
cat "$work/nleaf.crt" "$work/nca.crt" > "$work/nchain.pem"
openssl pkcs8 -topk8 -nocrypt -in "$work/nleaf.key" -out "$work/nleaf.p8" 2>/dev/null
mkdir -p "$work/ntrust/x509/ca/bench"; cp "$work/nca.crt" "$work/ntrust/x509/ca/bench/"
printf '{"version":"1.0","trustPolicies":[{"name":"bench","registryScopes":["*"],"signatureVerification":{"level":"strict"},"trustStores":["ca:bench"],"trustedIdentities":["*"]}]}' \
  > "$work/npolicy.json"
./vouch sign --notation --key "$work/nleaf.p8" --cert "$work/nchain.pem" "$image" >/dev/null
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
now() { date +%s.%N; }
time_runs() { for _ in $(seq "$runs"); do s=$(now); "$@" >/dev/null; e=$(now); echo "$e - $s" | bc; done | median; }
floor=$(time_runs ./vouch --version)   # the JVM's start, which every vouch run pays
dct=$(time_runs ./vouch verify --dct "$image")
cosign=$(time_runs ./vouch verify --key "$work/cosign.pub" "$image")
docker_trust=$(time_runs /usr/bin/docker trust inspect "$image")
notation=$(time_runs ./vouch verify --notation --notation-trust-policy "$work/npolicy.json" \
  --notation-trust-store "$work/ntrust" "$image")
printf 'median of %d runs: vouch --version %.3f s (start-up); vouch verify --dct %.3f s (warm trust cache, %.3f s'\
' after start-up); vouch verify --key (cosign) %.3f s (%.3f s after start-up); docker trust inspect %.3f s;'\
' dct/cosign after start-up %.2fx; dct after start-up / docker trust inspect %.2fx\n' "$runs" "$floor" "$dct" \
  "$(echo "$dct - $floor" | bc -l)" "$cosign" "$(echo "$cosign - $floor" | bc -l)" "$docker_trust" \
  "$(echo "($dct - $floor) / ($cosign - $floor)" | bc -l)" "$(echo "($dct - $floor) / $docker_trust" | bc -l)"
printf 'vouch verify --notation (JWS, strict) %.3f s (%.3f s after start-up); notation/cosign after start-up %.2fx\n' \
  "$notation" "$(echo "$notation - $floor" | bc -l)" "$(echo "($notation - $floor) / ($cosign - $floor)" | bc -l)"
