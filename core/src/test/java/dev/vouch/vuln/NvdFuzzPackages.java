package dev.vouch.vuln;

import dev.vouch.sbom.Package;
import dev.vouch.sbom.PackageType;
import java.util.List;
import java.util.Map;

/** A runtime the NVD fuzz targets evaluate configurations against. */
final class NvdFuzzPackages {
    private NvdFuzzPackages() {}

    static Package python() {
        return new Package(
                PackageType.BINARY,
                "python",
                "3.11.2",
                "pkg:generic/python@3.11.2",
                List.of(),
                null,
                null,
                null,
                List.of(),
                Map.of("cpe", "cpe:2.3:a:python:python:3.11.2:*:*:*:*:*:*:*"));
    }
}
