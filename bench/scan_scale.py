"""Scale data for bench/scan-scale.sh: an SBOM of COMPONENTS PyPI packages and OSV advisories that give MATCHES matches.

Writes WORK/sbom.cdx.json (CycloneDX 1.6: pkg:pypi/pNNNNNN@1.0) and WORK/advisories.zip (OSV records, each
affecting PER_ADVISORY packages with "introduced 0, fixed 2.0", so every listed package at 1.0 is affected).
Usage: python3 bench/scan_scale.py WORK COMPONENTS MATCHES [PER_ADVISORY]
"""
import json
import os
import sys
import zipfile

work, components, matches = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
per = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
names = [f"p{i:06d}" for i in range(components)]
with open(os.path.join(work, "sbom.cdx.json"), "w") as f:
    f.write('{"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "components": [')
    for i, n in enumerate(names):
        f.write(("," if i else "") + json.dumps({"type": "library", "name": n, "version": "1.0",
                                                  "purl": f"pkg:pypi/{n}@1.0"}))
    f.write("]}\n")
advisories = max(1, matches // per)
with zipfile.ZipFile(os.path.join(work, "advisories.zip"), "w", zipfile.ZIP_DEFLATED) as z:
    for a in range(advisories):
        affected = [{"package": {"ecosystem": "PyPI", "name": names[(a * per + k) % components]},
                     "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.0"}]}]}
                    for k in range(per)]
        rec = {"schema_version": "1.6.0", "id": f"SCALE-{a:06d}", "modified": "2026-11-01T00:00:00Z",
               "aliases": [f"CVE-2099-{a:06d}"], "summary": f"synthetic advisory {a} at scale",
               "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"}],
               "affected": affected}
        z.writestr(f"SCALE-{a:06d}.json", json.dumps(rec))
