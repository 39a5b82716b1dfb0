package dev.vouch.trace;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vouch.report.Finding;
import java.util.List;

/**
 * Everything vouch can prove, or fail to prove, about how an image was made: what it says of its origin, whether
 * it is built on its base, and whether its history is the Dockerfile's.
 *
 * @param base the base image check, or null when no base could be named at all
 * @param reconciliation the Dockerfile reconciliation, or null when no Dockerfile was given
 * @param attestations the provenance attestations found (BuildKit's in the index, cosign's under the .att tag)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TraceReport(
        String image,
        String digest,
        Provenance provenance,
        BaseCheck base,
        Reconciliation reconciliation,
        List<Attestation> attestations,
        List<Finding> findings) {
    public TraceReport {
        attestations = List.copyOf(attestations);
        findings = List.copyOf(findings);
    }
}
