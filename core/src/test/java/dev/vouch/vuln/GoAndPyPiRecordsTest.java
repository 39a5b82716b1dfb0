package dev.vouch.vuln;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vouch.SharedCorpora;
import dev.vouch.sbom.Package;
import dev.vouch.sbom.PackageType;
import dev.vouch.sbom.Sbom;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Go vulnerability database's and the PyPA database's own records (../shared/corpora/osv/go, osv/pypi): module
 * paths with capital letters, the go command ("toolchain") and the standard library, versions that are not PEP 440
 * listed word for word, records with no real modification date; and one row per advisory when several of its
 * affected entries apply.
 */
class GoAndPyPiRecordsTest {
    @TempDir
    Path tmp;

    private static Package pkg(PackageType type, String name, String version) {
        return new Package(
                type,
                name,
                version,
                "pkg:" + type.purlType() + "/x@" + version,
                List.of(),
                null,
                null,
                null,
                List.of());
    }

    private static Sbom sbom(Package... packages) {
        return new Sbom("test", null, null, List.of(packages), List.of(), List.of());
    }

    private static List<String> rows(ScanResult r) {
        return r.matches().stream()
                .map(m -> m.id() + " " + m.packageName() + " " + m.version() + " " + m.ecosystem() + " fixed "
                        + m.fixedVersion() + (m.entries().isEmpty() ? "" : " " + m.entries()))
                .sorted()
                .toList();
    }

    @Test
    void goAndPyPiRecordsMatchExactly() throws Exception {
        try (VulnDatabase db = VulnDatabase.open(tmp.resolve("osv.sqlite"))) {
            db.importPaths(List.of(SharedCorpora.path("osv/go"), SharedCorpora.path("osv/pypi")));
            Sbom sbom = sbom(
                    pkg(PackageType.GOLANG, "github.com/Azure/go-ntlmssp", "v0.1.0"),
                    pkg(PackageType.GOLANG, "github.com/Azure/go-ntlmssp", "v0.1.1"),
                    // module paths are case-sensitive: the lower-cased path is another module
                    pkg(PackageType.GOLANG, "github.com/azure/go-ntlmssp", "v0.1.0"),
                    pkg(PackageType.GOLANG, "github.com/Masterminds/goutils", "v1.1.0"),
                    pkg(PackageType.GOLANG, "toolchain", "1.14.1"),
                    pkg(PackageType.GOLANG, "toolchain", "1.19.8"),
                    pkg(PackageType.GOLANG, "stdlib", "1.19.8"),
                    pkg(PackageType.GOLANG, "stdlib", "1.26.6"),
                    // listed word for word although not PEP 440, and an ordinary version in range
                    pkg(PackageType.PYPI, "buildbot", "0.7.10p1"),
                    pkg(PackageType.PYPI, "paramiko", "0.1-bulbasaur"),
                    pkg(PackageType.PYPI, "paramiko", "1.7.1"),
                    pkg(PackageType.PYPI, "buildbot", "2.3.1"),
                    // not PEP 440 and listed nowhere: not assessed, never clean
                    pkg(PackageType.PYPI, "buildbot", "0.7.99zz"));
            ScanResult r = VulnMatcher.match(sbom, db);
            assertThat(rows(r))
                    .containsExactly(
                            "GO-2021-0068 toolchain 1.14.1 Go fixed 1.14.14",
                            "GO-2022-0411 github.com/Masterminds/goutils v1.1.0 Go fixed 1.1.1",
                            "GO-2026-5543 github.com/Azure/go-ntlmssp v0.1.0 Go fixed 0.1.1",
                            "GO-2026-6218 stdlib 1.19.8 Go fixed 1.25.13",
                            "PYSEC-2008-8 paramiko 0.1-bulbasaur PyPI fixed 1.7.2",
                            "PYSEC-2008-8 paramiko 1.7.1 PyPI fixed 1.7.2",
                            "PYSEC-2019-6 buildbot 0.7.10p1 PyPI fixed 1.8.2");
            assertThat(r.notAssessed())
                    .extracting(ScanResult.NotAssessed::reason, ScanResult.NotAssessed::examples)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(
                            "versions that are not valid PyPI versions", List.of("buildbot 0.7.99zz")));
            // the Go database's records carry 0001-01-01 as their modification date, so their import (today) dates
            // the database rather than the PyPI records' newest real date
            VulnDatabase.Status s = db.status();
            assertThat(s.newest()).isEqualTo("2021-08-27T03:22:10.050129Z");
            assertThat(s.datedBy()).isEqualTo("import");
            assertThat(s.ageDays(Instant.now())).isBetween(0L, 1L);
        }
    }

    @Test
    void goRecordsAloneAreDatedByTheirImport() throws Exception {
        try (VulnDatabase db = VulnDatabase.open(tmp.resolve("go.sqlite"))) {
            db.importPaths(List.of(SharedCorpora.path("osv/go")));
            VulnDatabase.Status s = db.status();
            assertThat(s.newest()).isNull();
            assertThat(s.datedBy()).isEqualTo("import");
            assertThat(s.ageDays(Instant.now())).isZero();
        }
    }

    @Test
    void oneRowPerAdvisoryWhenSeveralOfItsEntriesApply() throws Exception {
        // written from the OSV schema: two affected entries for one package, one fixed, one listing versions
        Path record = tmp.resolve("records/EXAMPLE-2026-1.json");
        Files.createDirectories(record.getParent());
        Files.writeString(record, """
                {"schema_version": "1.6.0", "id": "EXAMPLE-2026-1", "modified": "2026-10-01T00:00:00Z",
                 "affected": [
                  {"package": {"ecosystem": "PyPI", "name": "example"},
                   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "3.7.14"}]}]},
                  {"package": {"ecosystem": "PyPI", "name": "example"}, "versions": ["3.7.10", "3.8.0"]}
                 ]}
                """);
        try (VulnDatabase db = VulnDatabase.open(tmp.resolve("rows.sqlite"))) {
            db.importPaths(List.of(record.getParent()));
            Sbom sbom = sbom(
                    pkg(PackageType.PYPI, "example", "3.7.10"),
                    pkg(PackageType.PYPI, "example", "3.7.12"),
                    pkg(PackageType.PYPI, "example", "3.8.0"));
            assertThat(rows(VulnMatcher.match(sbom, db)))
                    .containsExactly(
                            "EXAMPLE-2026-1 example 3.7.10 PyPI fixed null [fixed in 3.7.14, no fix yet]",
                            "EXAMPLE-2026-1 example 3.7.12 PyPI fixed 3.7.14",
                            "EXAMPLE-2026-1 example 3.8.0 PyPI fixed null");
        }
    }
}
