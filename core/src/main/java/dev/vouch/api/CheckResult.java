package dev.vouch.api;

import dev.vouch.check.HtmlModel;
import dev.vouch.check.TrustReport;
import dev.vouch.check.render.HtmlReport;
import dev.vouch.check.render.Sarif;
import dev.vouch.check.render.TextReport;
import dev.vouch.io.Json;
import dev.vouch.report.Version;
import dev.vouch.sbom.CycloneDx;
import dev.vouch.sbom.Sbom;
import dev.vouch.vuln.ScanResult;
import dev.vouch.vuln.VulnCycloneDx;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A finished check: the trust report (sections, review queue, verdict), the SBOM, the vulnerability matches, and the
 * page model of the HTML report; each can be rendered the way {@code vouch check --format} renders it.
 *
 * @param report the trust report, with the policy's verdict when the request had a policy
 * @param sbom the packages found
 * @param scan the vulnerability matches, or null when no advisories were given ({@link #noScan} says why)
 * @param noScan why nothing was matched, or null
 * @param page what the HTML report is rendered from
 */
public record CheckResult(TrustReport report, Sbom sbom, ScanResult scan, String noScan, HtmlModel page) {
    /** Whether the verdict fails the check: a failed policy, or bytes that are not what they claim. */
    public boolean failed() {
        return report.verdict().equals("fail") || report.verdict().equals("integrity failed");
    }

    /** The versioned JSON report (docs/report-schema.md). */
    public String json() {
        return write(report);
    }

    /** A SARIF 2.1.0 log with Dockerfile regions and logical image locations. */
    public String sarif() {
        return write(Sarif.checkLog(report));
    }

    /** One self-contained HTML page. */
    public String html() {
        return HtmlReport.render(page);
    }

    /** The terminal report (100 columns, at most 8 findings per section unless verbose). */
    public String text(boolean verbose, boolean colour) {
        return TextReport.render(report, verbose, colour);
    }

    /** The terminal report wrapped to {@code width} columns. */
    public String text(boolean verbose, boolean colour, int width) {
        return TextReport.render(report, verbose, colour, width);
    }

    /** The SBOM with its vulnerabilities, CycloneDX 1.6 (none listed when there were no advisories). */
    public String cycloneDxWithVulnerabilities() {
        return VulnCycloneDx.json(
                sbom, scan == null ? new ScanResult(List.of(), List.of(), List.of(), 0) : scan, Version.number());
    }

    /** The SBOM alone, CycloneDX 1.6. */
    public String cycloneDx() {
        return CycloneDx.json(sbom, Version.number());
    }

    private static String write(Object value) {
        try {
            return Json.writer().writeValueAsString(value) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
