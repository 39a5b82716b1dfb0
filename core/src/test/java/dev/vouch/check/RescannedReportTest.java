package dev.vouch.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vouch.report.Finding;
import dev.vouch.report.Location;
import dev.vouch.report.Severity;
import dev.vouch.vuln.Match;
import dev.vouch.vuln.ScanResult;
import dev.vouch.vuln.VulnSeverity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A stored report matched again against new advisories ({@link TrustChecks#rescanned}): the old vulnerability
 * findings and counts give way to the new ones, which name the Dockerfile line of their layer when it is known; every
 * other finding and fact stays; the verdict is left for the policy.
 */
class RescannedReportTest {
    static final String DIGEST = "sha256:" + "a".repeat(64);

    static Match match(String id, VulnSeverity severity, String fixed, int layer) {
        return new Match(
                "openssl",
                "3.0.1-1",
                "pkg:deb/debian/openssl@3.0.1-1",
                "openssl",
                "Debian:12",
                id,
                List.of(),
                severity,
                null,
                null,
                fixed,
                null,
                null,
                layer,
                List.of());
    }

    static TrustReport stored() {
        Section ok = new Section("?", SectionStatus.VERIFIED, List.of(), List.of());
        Section contents = new Section(
                "what is inside?",
                SectionStatus.FAILED,
                List.of("120 packages", "1 vulnerability {HIGH=1}, 1 fixable; 120 package(s) assessed"),
                List.of(
                        new Finding(
                                "OLD-1",
                                Severity.HIGH,
                                "openssl 3.0.1-1 is affected; fixed in 3.0.1-2 (layer 1)",
                                Location.image()),
                        new Finding("SEC001", Severity.CRITICAL, "an AWS key in /app/.env", Location.image())));
        ReportFacts facts = new ReportFacts(
                new ReportFacts.User("10001", false),
                true,
                false,
                List.of(),
                new ReportFacts.Base("NONE", null, null, false),
                Map.of(),
                0,
                true,
                List.of(new ReportFacts.Vulnerability("OLD-1", "openssl", "3.0.1-1", "high", true, "3.0.1-2")),
                List.of(),
                List.of(),
                List.of(),
                List.of());
        return new TrustReport("x@" + DIGEST, DIGEST, "fail", ok, ok, ok, contents, ok, List.of(), facts, List.of());
    }

    @Test
    void newMatchesReplaceTheOldOnesAndNameTheirDockerfileLine() {
        ScanResult scan = new ScanResult(
                List.of(
                        match("NEW-1", VulnSeverity.CRITICAL, "3.0.1-3", 1),
                        match("NEW-2", VulnSeverity.HIGH, "3.0.1-3", 2),
                        match("NEW-3", VulnSeverity.LOW, null, 1)),
                List.of(),
                List.of(),
                120);
        TrustReport next = TrustChecks.rescanned(stored(), scan, Map.of(1, 7));

        assertThat(next.contents().findings())
                .extracting(Finding::oneLine)
                .containsExactlyInAnyOrder(
                        "[NEW-1] openssl 3.0.1-1 is affected; fixed in 3.0.1-3 (layer 1, Dockerfile line 7)",
                        "[NEW-2] openssl 3.0.1-1 is affected; fixed in 3.0.1-3 (layer 2)",
                        "[SEC001] an AWS key in /app/.env");
        assertThat(next.contents().facts())
                .containsExactly(
                        "120 packages",
                        "3 vulnerabilities {CRITICAL=1, HIGH=1, LOW=1}, 2 fixable; 120 package(s) assessed");
        assertThat(next.facts().vulnerabilities())
                .extracting(ReportFacts.Vulnerability::id)
                .containsExactly("NEW-1", "NEW-2", "NEW-3");
        assertThat(next.verdict()).isEqualTo("no policy");
    }

    @Test
    void withoutMatchesOnlyTheOtherFindingsStay() {
        TrustReport next =
                TrustChecks.rescanned(stored(), new ScanResult(List.of(), List.of(), List.of(), 120), Map.of());
        assertThat(next.contents().findings()).extracting(Finding::id).containsExactly("SEC001");
        assertThat(next.facts().vulnerabilities()).isEmpty();
        assertThat(next.contents().facts()).contains("0 vulnerabilities {}, 0 fixable; 120 package(s) assessed");
    }
}
