#!/usr/bin/env bash
# Rebuilds examples/demo, the small OCI image the README's quick start checks (committed, a few MB), from
# examples/demo-src/Dockerfile with buildah, on a base made here (committed too, as examples/demo-base):
#   base     busybox-static from Debian bookworm (mmdebstrap), its applets linked (/bin/sh, wget, …) and its dpkg
#            status entry, so that the SBOM and the vulnerability data in demo-src/osv see the package
#   then     the Dockerfile's layers (see its header for the problems planted on purpose)
# Needs mmdebstrap, umoci, buildah, apt-get (to read busybox-static's control data) and dpkg-deb. Not run by CI:
# the result is committed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export SOURCE_DATE_EPOCH=1700000000
W=/tmp/vouch-demo-$$; rm -rf "$W"; mkdir -p "$W"; trap 'rm -rf "$W"' EXIT # lower case: buildah names images after the path
out="$here/demo"
B="buildah --root $W/store --runroot $W/run --storage-driver vfs"
mmdebstrap --quiet --variant=extract --include=busybox-static --arch=amd64 --format=directory bookworm "$W/root"
# the few applets the image uses, as links (as `busybox --install -s` would make them, but not all 300)
for applet in bin/sh bin/cp bin/chmod bin/rm bin/mkdir usr/bin/id usr/bin/printf usr/bin/wget usr/sbin/httpd; do
  mkdir -p "$(dirname "$W/root/$applet")"; ln -s /bin/busybox "$W/root/$applet"
done
mkdir -p "$W/root/etc"
printf 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\nID=debian\n' > "$W/root/etc/os-release"
# busybox-static's dpkg status entry, from the package's own control data
(cd "$W" && apt-get download -q busybox-static >/dev/null 2>&1)
mkdir -p "$W/root/var/lib/dpkg" "$W/root/usr/local/bin" "$W/root/root" "$W/root/tmp"
{ echo "Package: $(dpkg-deb -f "$W"/busybox-static_*.deb Package)"; echo "Status: install ok installed"
  dpkg-deb -f "$W"/busybox-static_*.deb Priority Section Installed-Size Maintainer Architecture Source Version \
    Replaces Provides Conflicts Description Homepage; } > "$W/root/var/lib/dpkg/status"
rm -rf "$W/root/var/cache" "$W/root/var/log" "$W/root/dev"/* 2>/dev/null || true
tar -C "$W/root" --sort=name --mtime=@$SOURCE_DATE_EPOCH --owner=0 --group=0 --numeric-owner -cf "$W/base.tar" .
umoci init --layout "$W/base"
umoci new --image "$W/base:1"
umoci raw add-layer --image "$W/base:1" --history.created_by "mmdebstrap --variant=extract --include=busybox-static bookworm" \
  --history.created "2023-11-14T22:13:20Z" "$W/base.tar"
umoci config --image "$W/base:1" --no-history --os linux --architecture amd64 --created "2023-11-14T22:13:20Z" \
  --config.env PATH=/usr/bin:/bin --config.cmd /bin/sh
$B pull -q "oci:$W/base:1" >/dev/null
$B tag "$($B images -q | head -1)" localhost/vouch-demo-base:1
$B bud -q --layers --isolation chroot --timestamp 0 --format docker -t localhost/vouch-demo:1 "$here/demo-src" >/dev/null
rm -rf "$out" "$here/demo-base"
$B push -q localhost/vouch-demo:1 "oci:$out:latest"
# the base too, so that the quick start can verify the demo is built on it (its layers and history a prefix)
$B push -q localhost/vouch-demo-base:1 "oci:$here/demo-base:1"
echo "demo image written to $out ($(du -sh "$out" | cut -f1))"
