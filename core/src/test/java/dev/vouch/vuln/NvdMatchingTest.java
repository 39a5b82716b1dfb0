package dev.vouch.vuln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vouch.SharedCorpora;
import dev.vouch.error.InvalidInputException;
import dev.vouch.sbom.Distro;
import dev.vouch.sbom.Package;
import dev.vouch.sbom.PackageLocation;
import dev.vouch.sbom.PackageType;
import dev.vouch.sbom.Sbom;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NVD's own CVE records ({@code ../shared/corpora/nvd}, 60 real records) matched against runtimes by CPE: version
 * bounds of every kind, exact versions with their update, editions, AND configurations with a platform, and never a
 * package a distribution's own source covers.
 */
class NvdMatchingTest {
    @TempDir
    Path tmp;

    VulnDatabase db;

    @BeforeEach
    void importRecords() throws Exception {
        db = VulnDatabase.open(tmp.resolve("vuln.sqlite"));
        VulnDatabase.ImportResult r = db.importPaths(List.of(SharedCorpora.path("nvd/records")));
        assertThat(r.read()).isEqualTo(60);
    }

    static Package runtime(String name, String version, String... cpes) {
        return new Package(
                PackageType.BINARY,
                name,
                version,
                "pkg:generic/" + name + "@" + version,
                List.of(),
                null,
                null,
                null,
                List.of(new PackageLocation("usr/local/bin/" + name, 0)),
                Map.of("cpe", String.join(" ", cpes), "evidence", "test"));
    }

    static String cpe(String vendorProduct, String version) {
        return "cpe:2.3:a:" + vendorProduct + ":" + version + ":*:*:*:*:*:*:*";
    }

    /** "CVE fixed" per match (fixed "-" when none), for one package. */
    TreeSet<String> matches(Distro distro, Package p) throws Exception {
        ScanResult r = VulnMatcher.match(new Sbom("t", null, distro, List.of(p), List.of(), List.of()), db);
        TreeSet<String> out = new TreeSet<>();
        for (Match m : r.matches()) {
            out.add(m.aliases().get(0) + " " + (m.fixedVersion() == null ? "-" : m.fixedVersion()));
        }
        return out;
    }

    static final Distro DEBIAN = new Distro("debian", "12", "bookworm", "Debian GNU/Linux 12", "etc/os-release");

    @Test
    void versionBoundsAndTheFixThatEndsThem() throws Exception {
        assertThat(matches(DEBIAN, runtime("python", "3.11.2", cpe("python:python", "3.11.2"))))
                .containsExactly("CVE-2007-4559 3.11.4");
        assertThat(matches(DEBIAN, runtime("openssl", "3.0.7", cpe("openssl:openssl", "3.0.7"))))
                .containsExactly("CVE-2023-0286 3.0.8", "CVE-2023-0464 3.0.9", "CVE-2023-3817 3.0.10");
        // a letter run is later than the numbers before it: 1.1.1t is fixed for CVE-2023-0286, not for 0464
        assertThat(matches(DEBIAN, runtime("openssl", "1.1.1t", cpe("openssl:openssl", "1.1.1t"))))
                .contains("CVE-2023-0464 1.1.1u")
                .doesNotContain("CVE-2023-0286 1.1.1t");
        assertThat(matches(DEBIAN, runtime("busybox", "1.36.1", cpe("busybox:busybox", "1.36.1"))))
                .containsExactly("CVE-2022-48174 -"); // versionEndIncluding: no fix is named
        assertThat(matches(DEBIAN, runtime("tomcat", "10.1.15", cpe("apache:tomcat", "10.1.15"))))
                .containsExactly("CVE-2023-46589 10.1.16", "CVE-2025-24813 10.1.35");
        // curl is matched as haxx:curl and as haxx:libcurl
        assertThat(matches(
                        DEBIAN, runtime("curl", "7.88.1", cpe("haxx:curl", "7.88.1"), cpe("haxx:libcurl", "7.88.1"))))
                .contains("CVE-2023-38545 8.4.0", "CVE-2023-38546 8.4.0")
                .doesNotContain("CVE-2022-32221 7.86.0", "CVE-2023-23914 7.88.0");
    }

    @Test
    void exactVersionsUpdatesAndEditions() throws Exception {
        assertThat(matches(DEBIAN, runtime("python", "3.11.0", cpe("python:python", "3.11.0"))))
                .contains("CVE-2022-45061 -", "CVE-2007-4559 3.11.4");
        String[] jdk = {"oracle:jdk", "oracle:jre", "oracle:openjdk"};
        List<String> jdk17 = new ArrayList<>();
        List<String> jdk8 = new ArrayList<>();
        List<String> jdk8later = new ArrayList<>();
        for (String vp : jdk) {
            jdk17.add(cpe(vp, "17.0.9"));
            jdk8.add("cpe:2.3:a:" + vp + ":1.8.0:update391:*:*:*:*:*:*");
            jdk8later.add("cpe:2.3:a:" + vp + ":1.8.0:update392:*:*:*:*:*:*");
        }
        assertThat(matches(DEBIAN, runtime("openjdk", "17.0.9", jdk17.toArray(String[]::new))))
                .containsExactly("CVE-2024-20918 -");
        assertThat(matches(DEBIAN, runtime("openjdk", "1.8.0_391", jdk8.toArray(String[]::new))))
                .containsExactly("CVE-2024-20918 -");
        assertThat(matches(DEBIAN, runtime("openjdk", "1.8.0_392", jdk8later.toArray(String[]::new))))
                .isEmpty();
        // nginx open source 1.22.0 is in CVE-2022-41741's open_source range; NGINX Plus's r-numbered ones never match
        assertThat(matches(DEBIAN, runtime("nginx", "1.22.0", "cpe:2.3:a:f5:nginx:1.22.0:*:*:*:open_source:*:*:*")))
                .containsExactly("CVE-2022-41741 -");
        assertThat(matches(DEBIAN, runtime("nginx", "1.22.1", "cpe:2.3:a:f5:nginx:1.22.1:*:*:*:open_source:*:*:*")))
                .isEmpty();
    }

    @Test
    void aPlatformConditionHoldsOnlyOnThatPlatform() throws Exception {
        // CVE-2021-31810 names Ruby only together with Fedora 34; CVE-2021-28966 only with Windows
        Package ruby = runtime("ruby", "3.0.0", cpe("ruby-lang:ruby", "3.0.0"));
        assertThat(matches(DEBIAN, ruby)).doesNotContain("CVE-2021-31810 -", "CVE-2021-28966 3.0.1");
        Distro fedora = new Distro("fedora", "34", null, "Fedora 34", "etc/os-release");
        assertThat(matches(fedora, ruby)).contains("CVE-2021-31810 -").doesNotContain("CVE-2021-28966 3.0.1");
    }

    @Test
    void aDistributionsPackageIsNeverMatchedByCpe() throws Exception {
        Package deb = new Package(
                PackageType.DEB,
                "curl",
                "7.88.1-10+deb12u5",
                "pkg:deb/debian/curl@7.88.1-10%2Bdeb12u5",
                List.of(),
                "curl",
                "7.88.1-10+deb12u5",
                "amd64",
                List.of(new PackageLocation("var/lib/dpkg/status", 0)),
                Map.of("cpe", cpe("haxx:curl", "7.88.1")));
        assertThat(matches(DEBIAN, deb)).isEmpty();
    }

    @Test
    void feedsAndApiResponsesAreStreamedAndBrokenOnesNamed() throws Exception {
        String record = Files.readString(SharedCorpora.path("nvd/records/CVE-2023-38545.json"));
        Path feed = tmp.resolve("nvdcve-2.0-2023.json.gz");
        try (var out = new GZIPOutputStream(Files.newOutputStream(feed))) {
            out.write(
                    ("{\"resultsPerPage\": 1, \"format\": \"NVD_CVE\", \"version\": \"2.0\", \"vulnerabilities\": [{\"cve\": "
                                    + record + "}]}")
                            .getBytes());
        }
        VulnDatabase fresh = VulnDatabase.open(tmp.resolve("feed.sqlite"));
        assertThat(fresh.importPaths(List.of(feed)).read()).isEqualTo(1);
        Path broken = tmp.resolve("broken.json.gz");
        Files.write(broken, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> fresh.importPaths(List.of(broken)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("broken.json.gz: not gzip");
        Path notNvd = tmp.resolve("other.json.gz");
        try (var out = new GZIPOutputStream(Files.newOutputStream(notNvd))) {
            out.write("{\"items\": []}".getBytes());
        }
        assertThatThrownBy(() -> fresh.importPaths(List.of(notNvd)))
                .hasMessageContaining("other.json.gz: neither an OSV record nor an NVD CVE record or feed");
    }
}
