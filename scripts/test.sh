#!/usr/bin/env bash
# The test command of a fresh machine: installs what the tests need when it is missing, then runs the build
# with every test (unit, fixture images built with mmdebstrap/umoci/buildah/skopeo and a Go binary built with
# golang-go, gems, a Composer project and a Rust binary installed offline by Debian's ruby, composer and cargo,
# CLI end to end, vouch serve with a real registry and PostgreSQL; kubectl applies its JSONPatches; a real
# Docker engine, Debian's docker.io, started by the tests themselves on a private socket).
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
for tool in dockerd:docker.io skopeo:skopeo umoci:umoci buildah:buildah mmdebstrap:mmdebstrap docker-registry:docker-registry htpasswd:apache2-utils go:golang-go rpmbuild:rpm dpkg-query:dpkg tar:tar gpg:gpg gpg-agent:gpg-agent gpgconf:gpgconf chromium:chromium kubectl:kubernetes-client notary-server:notary ruby:ruby gem:ruby composer:composer cargo:cargo objcopy:binutils node:nodejs; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || need+=("${tool##*:}")
done
# the engine tests build their images on Debian's static busybox (and run Debian's own docker client)
[ -x /bin/busybox ] || need+=(busybox-static)
[ -x /usr/bin/docker ] || need+=(docker.io)
# the signing tests check cosign's key format against PyNaCl and signatures against openssl
/usr/bin/python3 -c 'import nacl.secret' >/dev/null 2>&1 || need+=(python3-nacl)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
# vouch serve's replica test runs a throwaway PostgreSQL cluster on loopback (initdb + pg_ctl, no service)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}" >&2
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
status=0
mvn -B verify "$@" || status=$?
# tests that need ../shared/corpora (real-world data written by others) skip when it is absent: say so, never silently
reports=$(ls ./*/target/surefire-reports/TEST-*.xml 2>/dev/null || true)
skip='corpus not beside the repository\|corpora is not beside the repository'
if [ -n "$reports" ]; then
  # shellcheck disable=SC2086
  n=$( (grep -ho "$skip" $reports || true) | wc -l)
  if [ "$n" -gt 0 ]; then
    # shellcheck disable=SC2086
    suites=$( (grep -l "$skip" $reports || true) | sed 's#.*/TEST-##; s#\.xml$##; s#.*\.##' | sort -u | paste -sd, - \
      | sed 's/,/, /g')
    echo "vouch: $n tests skipped because ../shared/corpora is not beside the repository (bash scripts/fetch-corpora.sh brings it): $suites"
  fi
fi
exit $status
