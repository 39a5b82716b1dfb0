#!/usr/bin/env bash
# vouch's own image, built on this machine without Docker Hub:
#   base   Debian bookworm (with its security updates) installed by mmdebstrap with Debian's Java 17 runtime
#          (openjdk-17-jre-headless); deploy/runtime-rootfs.py then keeps only what the runtime needs at run time:
#          no shell, no package manager, the packages recorded in var/lib/dpkg/status.d as distroless images do,
#          a nonroot user 65532; one layer, written as an OCI layout
#   image  deploy/Dockerfile built on that base with buildah (FROM ${BASE}): the shaded jar, USER 65532:65532
#
#   deploy/make-image.sh OUT [REGISTRY/NAMESPACE]
#
# OUT gets two OCI layouts, OUT/base (tag runtime) and OUT/image (tag latest). With REGISTRY/NAMESPACE both are also
# pushed there (plain HTTP for loopback registries), the base as vouch-runtime-base and the image as vouch, and the
# image is built FROM the base named by digest. The last line printed is the image's reference by digest; check it
# with its Dockerfile and base:
#   vouch check --policy strict --dockerfile deploy/Dockerfile --build-arg BASE=<base by digest> <image by digest>
# Needs mmdebstrap, umoci, buildah, skopeo and python3; the jar is cli/target/vouch.jar (built when missing, or
# $VOUCH_JAR). Run as root (mmdebstrap installs packages in a chroot).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: deploy/make-image.sh OUT [REGISTRY/NAMESPACE]}
registry=${2:-}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1700000000}
jar=${VOUCH_JAR:-$repo/cli/target/vouch.jar}
if [ ! -f "$jar" ]; then
  (cd "$repo" && mvn -B -q -DskipTests -Dspotless.check.skip=true package -pl cli -am)
fi
[ ! -e "$out/base" ] && [ ! -e "$out/image" ] || { echo "make-image: $out/base or $out/image exists" >&2; exit 2; }
mkdir -p "$out"
out=$(cd "$out" && pwd)
W=$(mktemp -d /tmp/vouch-image.XXXXXX)
B="buildah --root $W/store --runroot $W/run --storage-driver vfs"
cleanup() { $B rm -a >/dev/null 2>&1 || true; rm -rf "$W"; }
trap cleanup EXIT

mmdebstrap --quiet --variant=essential --include=openjdk-17-jre-headless --format=directory bookworm "$W/full" \
  "deb $mirror/debian bookworm main" "deb $mirror/debian bookworm-updates main" \
  "deb $mirror/debian-security bookworm-security main"
python3 "$repo/deploy/runtime-rootfs.py" "$W/full" "$W/root" openjdk-17-jre-headless base-files netbase >&2
tar -C "$W/root" --sort=name --mtime="@$SOURCE_DATE_EPOCH" --numeric-owner -cf "$W/base.tar" .
created=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)
umoci init --layout "$out/base"
umoci new --image "$out/base:runtime"
umoci raw add-layer --image "$out/base:runtime" --history.created "$created" \
  --history.created_by "mmdebstrap --variant=essential --include=openjdk-17-jre-headless bookworm; run-time packages only (deploy/runtime-rootfs.py)" \
  "$W/base.tar"
umoci config --image "$out/base:runtime" --no-history --os linux --architecture amd64 --created "$created" \
  --config.user 65532:65532 --config.workingdir /home/nonroot \
  --config.env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  --config.label "org.opencontainers.image.description=Debian bookworm with its Java 17 runtime, no shell"

base="oci:$out/base:runtime"
tls=()
if [ -n "$registry" ]; then
  case "$registry" in 127.*|localhost*|\[::1\]*) tls=(--tls-verify=false) ;; esac
  skopeo copy -q "${tls[@]/--tls-verify/--dest-tls-verify}" --digestfile "$W/base.digest" "$base" \
    "docker://$registry/vouch-runtime-base:17"
  base="$registry/vouch-runtime-base@$(cat "$W/base.digest")"
fi
# the build context is the jar alone, at the path the Dockerfile copies it from
mkdir -p "$W/context/cli/target"
cp "$jar" "$W/context/cli/target/vouch.jar"
$B bud -q --layers --isolation chroot --timestamp "$SOURCE_DATE_EPOCH" --format oci "${tls[@]}" \
  --build-arg "BASE=$base" -f "$repo/deploy/Dockerfile" -t localhost/vouch:latest "$W/context" >/dev/null
$B push -q localhost/vouch:latest "oci:$out/image:latest"
if [ -n "$registry" ]; then
  $B push -q "${tls[@]}" --digestfile "$W/image.digest" localhost/vouch:latest "docker://$registry/vouch:latest"
  echo "base: $base" >&2
  echo "$registry/vouch@$(cat "$W/image.digest")"
else
  echo "base: $base" >&2
  echo "oci:$out/image:latest"
fi
