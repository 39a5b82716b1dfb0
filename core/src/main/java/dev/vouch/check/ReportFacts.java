package dev.vouch.check;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The report's facts in the flat shape a policy reads (CEL over the report's JSON: {@code report.facts.user.isRoot},
 * {@code report.facts.vulnerabilities.all(v, …)}); documented in docs/report-schema.md.
 *
 * @param signaturesChecked whether a key or identity was given (when false, {@code signatures} is empty because
 *     nothing was checked, not because nothing was found)
 * @param vulnerabilitiesChecked whether a vulnerability database was there
 */
public record ReportFacts(
        User user,
        boolean digestPinned,
        boolean signaturesChecked,
        List<Signature> signatures,
        Base base,
        Map<String, String> provenance,
        int attestations,
        boolean vulnerabilitiesChecked,
        List<Vulnerability> vulnerabilities,
        List<Secret> secrets,
        List<String> shells,
        List<String> packageManagers,
        List<FindingFact> findings) {
    public ReportFacts {
        signatures = List.copyOf(signatures);
        provenance = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(provenance));
        vulnerabilities = List.copyOf(vulnerabilities);
        secrets = List.copyOf(secrets);
        shells = List.copyOf(shells);
        packageManagers = List.copyOf(packageManagers);
        findings = List.copyOf(findings);
    }

    public record User(String name, boolean isRoot) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Signature(boolean verified, String kind, String key, String source, String reason) {}

    /** The base image check: VERIFIED, MISMATCH, UNVERIFIABLE, or NONE when no base could be named. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Base(String status, String reference, String digest, boolean pinned) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Vulnerability(
            String id,
            String packageName,
            String version,
            String severity,
            boolean fixAvailable,
            String fixedVersion) {}

    public record Secret(String id, String severity, String where, int layer, boolean remnant) {}

    /** A finding of any section: its rule id, severity (lower case), section and message. */
    public record FindingFact(String id, String severity, String section, String message) {}
}
