#!/usr/bin/env bash
# Rebuilds examples/demo, the small OCI image the README's quick start reads (committed, ~1 MB):
#   layer 0  busybox-static from Debian bookworm (mmdebstrap)
#   layer 1  an app directory with a config file that holds a (fake) database password, and a setuid helper
#   layer 2  "deletes" the config file (a whiteout: its bytes still ship in layer 1) and adds a start script
# Needs mmdebstrap and umoci. Byte-for-byte reproducible (SOURCE_DATE_EPOCH).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export SOURCE_DATE_EPOCH=1700000000
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
out="$here/demo"
rm -rf "$out"
mmdebstrap --quiet --variant=extract --include=busybox-static --arch=amd64 --format=tar bookworm "$W/base.tar"
mktar() { tar -C "$1" --sort=name --mtime=@$SOURCE_DATE_EPOCH --owner=0 --group=0 --numeric-owner -cf "$2" .; }
mkdir -p "$W/l1/app" "$W/l1/usr/local/bin" "$W/l1/etc"
printf 'DB_HOST=db.internal\nDB_PASSWORD=demo-not-a-real-password-42\n' > "$W/l1/app/config.env"
printf '#!/bin/busybox sh\nexec /bin/busybox id\n' > "$W/l1/usr/local/bin/helper"
chmod 4755 "$W/l1/usr/local/bin/helper"
printf 'root:x:0:0:root:/root:/bin/sh\n' > "$W/l1/etc/passwd"
mktar "$W/l1" "$W/l1.tar"
mkdir -p "$W/l2/app"
: > "$W/l2/app/.wh.config.env"
printf '#!/bin/busybox sh\nexec /bin/busybox httpd -f -p 8080 -h /app\n' > "$W/l2/app/start.sh"
chmod 0755 "$W/l2/app/start.sh"
mktar "$W/l2" "$W/l2.tar"
umoci init --layout "$out"
umoci new --image "$out:latest"
umoci raw add-layer --image "$out:latest" --history.created_by "mmdebstrap --variant=extract --include=busybox-static bookworm" --history.created "2023-11-14T22:13:20Z" "$W/base.tar"
umoci raw add-layer --image "$out:latest" --history.created_by "COPY app/ usr/local/bin/helper etc/passwd /" --history.created "2023-11-14T22:13:20Z" "$W/l1.tar"
umoci raw add-layer --image "$out:latest" --history.created_by "RUN rm /app/config.env && install start.sh /app/" --history.created "2023-11-14T22:13:20Z" "$W/l2.tar"
umoci config --image "$out:latest" --no-history --os linux --architecture amd64 --created "2023-11-14T22:13:20Z" \
  --config.env PATH=/usr/local/bin:/usr/bin:/bin --config.env APP_SECRET_TOKEN=demo-token-0000 \
  --config.entrypoint /app/start.sh --config.exposedports 8080/tcp --config.label org.opencontainers.image.source=https://example.invalid/vouch/demo
umoci gc --layout "$out"
echo "demo image written to $out ($(du -sh "$out" | cut -f1))"
