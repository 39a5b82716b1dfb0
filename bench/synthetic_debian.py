"""Synthetic benchmark data shared by bench/vuln.sh and bench/serve-rematch.sh.

Writes WORK/all.zip (RECORDS OSV advisories for Debian:12 packages pkgNNNNN, each fixed in 1.(i % 7)-1) and
WORK/rootfs (a Debian 12 os-release and a dpkg status of PACKAGES installed packages, versions 1.(i % 5)-1).
Usage: python3 bench/synthetic_debian.py WORK RECORDS PACKAGES [CVSS_VECTOR]
"""
import json
import os
import sys
import zipfile

work, records, packages = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
vector = sys.argv[4] if len(sys.argv) > 4 else "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"
names = [f"pkg{i:05d}" for i in range(max(packages * 10, 1000))]
with zipfile.ZipFile(os.path.join(work, "all.zip"), "w", zipfile.ZIP_DEFLATED) as z:
    for i in range(records):
        n = names[i % len(names)]
        rec = {"schema_version": "1.6.0", "id": f"SYN-{i:06d}", "modified": "2026-11-01T00:00:00Z",
               "aliases": [f"CVE-2099-{i:06d}"], "summary": f"synthetic advisory {i}",
               "severity": [{"type": "CVSS_V3", "score": vector}],
               "affected": [{"package": {"ecosystem": "Debian:12", "name": n},
                             "ranges": [{"type": "ECOSYSTEM",
                                         "events": [{"introduced": "0"}, {"fixed": f"1.{i % 7}-1"}]}],
                             "ecosystem_specific": {"urgency": "low"}}]}
        z.writestr(f"SYN-{i:06d}.json", json.dumps(rec))
root = os.path.join(work, "rootfs")
os.makedirs(os.path.join(root, "var/lib/dpkg"))
os.makedirs(os.path.join(root, "etc"))
with open(os.path.join(root, "etc/os-release"), "w") as f:
    f.write("ID=debian\nVERSION_ID=\"12\"\n")
with open(os.path.join(root, "var/lib/dpkg/status"), "w") as f:
    for i in range(packages):
        f.write(f"Package: {names[i]}\nStatus: install ok installed\nVersion: 1.{i % 5}-1\nArchitecture: amd64\n\n")
