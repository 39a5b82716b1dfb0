package dev.vouch.check;

import dev.vouch.report.Finding;
import dev.vouch.report.Severity;
import java.util.List;

/**
 * One section of the trust report: a question, its status, the facts that answer it and the findings that qualify
 * the answer. Checks that could not run are facts too ("not checked: …"), so that silence never reads as success.
 */
public record Section(String question, SectionStatus status, List<String> facts, List<Finding> findings) {
    public Section {
        facts = List.copyOf(facts);
        findings = List.copyOf(findings);
    }

    /**
     * The status the findings and the checks that ran give: FAILED with a high or critical finding, NEEDS_REVIEW with
     * any other finding or a check that did not run, else VERIFIED.
     */
    static SectionStatus judge(List<Finding> findings, boolean everythingRan) {
        if (findings.stream().anyMatch(f -> f.severity() == Severity.CRITICAL || f.severity() == Severity.HIGH)) {
            return SectionStatus.FAILED;
        }
        if (!everythingRan || findings.stream().anyMatch(f -> f.severity() != Severity.INFO)) {
            return SectionStatus.NEEDS_REVIEW;
        }
        return SectionStatus.VERIFIED;
    }
}
