package dev.vouch.vuln;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vouch.image.Digest;
import dev.vouch.sbom.Distro;
import dev.vouch.sbom.Package;
import dev.vouch.sbom.PackageLocation;
import dev.vouch.sbom.PackageType;
import dev.vouch.sbom.Sbom;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CycloneDX document written as it is made has the bytes of the one cyclonedx-core-java makes as a string. */
class VulnCycloneDxStreamTest {
    @Test
    void streamedAndWholeAreTheSameBytes() throws Exception {
        Package openssl = new Package(
                PackageType.DEB,
                "openssl",
                "3.0.11-1~deb12u2",
                "pkg:deb/debian/openssl@3.0.11-1~deb12u2?distro=debian-12",
                List.of("OpenSSL"),
                "openssl",
                "3.0.11-1~deb12u2",
                "amd64",
                List.of(new PackageLocation("var/lib/dpkg/status", -1)));
        Sbom sbom = new Sbom(
                "oci:x",
                Digest.parse("sha256:" + "a".repeat(64)),
                new Distro("debian", "12", null, null, "etc/os-release"),
                List.of(openssl),
                List.of(),
                List.of());
        Match m = new Match(
                "openssl",
                "3.0.11-1~deb12u2",
                openssl.purl(),
                "openssl",
                "Debian:12",
                "CVE-2024-0001",
                List.of("DSA-1"),
                VulnSeverity.HIGH,
                7.5,
                "CVSS_V3",
                "3.0.13-1~deb12u1",
                null,
                "an advisory",
                -1,
                List.of());
        ScanResult scan = new ScanResult(List.of(m), List.of(), List.of(), 1);
        String whole = VulnCycloneDx.json(sbom, scan, "1.0");
        StringWriter streamed = new StringWriter();
        VulnCycloneDx.write(streamed, sbom, scan, "1.0");
        // serial number and timestamp differ between two documents: everything else is the same
        String mask = "\"(serialNumber|timestamp)\" : \"[^\"]*\"";
        assertThat(streamed.toString().replaceAll(mask, "X")).isEqualTo(whole.replaceAll(mask, "X"));
        assertThat(whole).contains("\"id\" : \"CVE-2024-0001\"").contains("pkg:deb/debian/openssl");
    }
}
