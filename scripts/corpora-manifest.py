#!/usr/bin/env python3
"""Writes scripts/corpora.tsv from a corpora directory (default ../shared/corpora): one row per file with its
SHA-256 and, for a file copied verbatim from a public repository, where it came from (owner/name, commit, path), as
each folder's SOURCE.txt states. scripts/fetch-corpora.sh reads the result. Files that were derived (extracted,
re-serialised, or written by the corpus's curator) have no upstream row to fetch: their source column is "-".

    scripts/corpora-manifest.py [CORPORA_DIR] > scripts/corpora.tsv

Run it again when the corpora change (the official-image Dockerfiles grew from 134 to 306 once).
"""
import hashlib
import json
import os
import sys

# (folder in the corpora, repository, commit, folder in the repository): verbatim copies, relative paths kept
TREES = [
    ("buildkit-dockerfile-parser/", "moby/buildkit", "73ed6825c4b7569379ef89df0aedcdbe64473d31", ""),
    ("notation/notation-go/", "notaryproject/notation-go", "a48f22835cb593d4a8ab6032f141a64de01e278d", ""),
    ("notation/notation-core-go/", "notaryproject/notation-core-go", "ef8789627fc3c764e1563a2999b33381e7992963", ""),
    ("oci-layouts/go-containerregistry/", "google/go-containerregistry", "3f4ff3ca60f51c876ac4bd89e9a787157aaa4f15",
     ""),
    ("oci-layouts/busybox-uclibc-amd64/", "docker-library/busybox", "70ce0fb98bee360bbcce132660d727bf6ce55a99",
     "latest/uclibc/amd64/"),
    ("official-images/library/", "docker-library/official-images", "37079fb336f572a88700cf32e5e1f6be54a04e8f",
     "library/"),
    ("rpmdb/pkg/", "knqyf263/go-rpmdb", "7e39c901d1c42d070a7c681b5d36c92ac6c129d6", "pkg/"),
    ("rpmdb/LICENSE", "knqyf263/go-rpmdb", "7e39c901d1c42d070a7c681b5d36c92ac6c129d6", "LICENSE"),
    ("sigstore/conformance/test/", "sigstore/sigstore-conformance", "a73de4970176d258e0154c530b89d20b89444e4d",
     "test/"),
    ("sigstore/containers-image/signature/", "containers/image", "df7e80d2d19872b61f352a8a182ec934dc0c2346",
     "signature/"),
    ("sigstore/sigstore-go/", "sigstore/sigstore-go", "4594ab4c779d08be1f4419803a8249188f35ed5f", ""),
    ("sigstore/cosign/", "sigstore/cosign", "d6d86c224e5899b54f56cbb063b79dc43abc11c2", ""),
    ("version-compare/dpkg/scripts/", "guillemj/dpkg", "c5efef926d16a72fd9270c8efceeba8872419292", "scripts/"),
    ("version-compare/dpkg/lib/", "guillemj/dpkg", "c5efef926d16a72fd9270c8efceeba8872419292", "lib/"),
    ("version-compare/apk/test/", "alpinelinux/apk-tools", "90b974fd8510fbc2b3d6adde311ad1ba8754c728", "test/"),
    ("version-compare/apk/osv.dev/", "google/osv.dev", "7e6c189879195a8aad33ccbf27fe9344f3479632", ""),
    ("version-compare/rpm/tests/", "rpm-software-management/rpm", "a8f0192aee1c08bd1454ed2ac6ebaf506004b55c",
     "tests/"),
]
OSV_DEV = ("google/osv.dev", "7e6c189879195a8aad33ccbf27fe9344f3479632")
OSV_FILES = {
    "osv/debian/DSA-3029-1.json": OSV_DEV + ("gcp/workers/oss_fuzz_worker/testdata/DSA-3029-1.json",),
    "osv/debian/DLA-3623-1.trimmed.json": OSV_DEV + ("gcp/website/testdata/osv/DLA-3623-1.json",),
    "osv/alpine/CVE-2022-27449.json": OSV_DEV + ("gcp/workers/oss_fuzz_worker/testdata/CVE-2022-27449.json",),
    "osv/ubuntu/UBUNTU-CVE-2025-38094.json": OSV_DEV
    + ("gcp/workers/oss_fuzz_worker/testdata/UBUNTU-CVE-2025-38094.json",),
    "osv/maven/GHSA-838r-hvwh-24h8.json": OSV_DEV + ("gcp/workers/oss_fuzz_worker/testdata/GHSA-838r-hvwh-24h8.json",),
}
GO_VULNDB = ("golang/vulndb", "a752ea54fd1b989d208a270aeef772f55a36b87a", "data/osv/")
# an OCI layout's blobs are links upstream (git symlinks) to these files
BUSYBOX_BLOBS = {610: "image-manifest.json", 481: "image-config.json", 773906: "rootfs.tar.gz"}


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__),
                                                                              "../../shared/corpora"))
    files = sorted(os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs)
    sources = {}
    for rel in files:
        for folder, repo, commit, upstream in TREES:
            if rel == folder or (folder.endswith("/") and rel.startswith(folder)):
                sources[rel] = (repo, commit, upstream + rel[len(folder):] if folder.endswith("/") else upstream)
                break
    for rel in files:
        if rel.startswith("oci-layouts/busybox-uclibc-amd64/blobs/"):
            repo, commit, _ = sources[rel]
            name = BUSYBOX_BLOBS[os.path.getsize(os.path.join(root, rel))]
            sources[rel] = (repo, commit, "latest/uclibc/amd64/" + name)
        if rel.startswith("osv/go/"):
            sources[rel] = (GO_VULNDB[0], GO_VULNDB[1], GO_VULNDB[2] + os.path.basename(rel))
    sources.update({k: v for k, v in OSV_FILES.items() if k in files})
    # materialised git symlinks: fetch what the link points at
    links = os.path.join(root, "sigstore/containers-image/SYMLINKS_MATERIALIZED.txt")
    if os.path.exists(links):
        with open(links, encoding="utf-8") as f:
            for line in f:
                if " <= " in line:
                    dest, target = (p.strip() for p in line.split(" <= "))
                    rel = "sigstore/containers-image/" + dest
                    if rel in sources:
                        sources[rel] = (sources[rel][0], sources[rel][1], target)
    # NVD records: each at the commit its SOURCE.txt lists
    nvd = os.path.join(root, "nvd/SOURCE.txt")
    if os.path.exists(nvd):
        with open(nvd, encoding="utf-8") as f:
            for line in f:
                parts = line.strip().split("\t")
                if len(parts) == 4 and parts[0].endswith(".json") and len(parts[1]) == 40:
                    sources["nvd/records/" + parts[0]] = ("fkie-cad/nvd-json-data-feeds", parts[1], parts[2])
    # official-image Dockerfiles: each from the repository and commit INDEX.json records
    index = os.path.join(root, "official-images/dockerfiles/INDEX.json")
    if os.path.exists(index):
        with open(index, encoding="utf-8") as f:
            for e in json.load(f):
                repo = e["repo"].removeprefix("https://github.com/").removesuffix(".git")
                sources["official-images/" + e["saved_as"]] = (repo, e["commit"], e["path"])
    out = sys.stdout
    out.write("# path\tsha256\trepository\tcommit\tpath upstream (- : derived, not fetchable)\n")
    for rel in files:
        repo, commit, upstream = sources.get(rel, ("-", "-", "-"))
        out.write(f"{rel}\t{sha256(os.path.join(root, rel))}\t{repo}\t{commit}\t{upstream}\n")


if __name__ == "__main__":
    main()
