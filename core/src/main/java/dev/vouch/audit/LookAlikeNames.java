package dev.vouch.audit;

import dev.vouch.image.ImageRef;
import dev.vouch.report.Finding;
import dev.vouch.report.Location;
import dev.vouch.report.Severity;
import java.util.Optional;

/**
 * DF003 applied to any image reference vouch is given, not only to FROM lines: a Docker Hub name that looks like an
 * official image but is not one (typo, homoglyph, borrowed name) is a finding before anything is pulled.
 */
public final class LookAlikeNames {
    private LookAlikeNames() {}

    /** The DF003 finding for {@code reference}, or empty when it is not a registry reference or looks fine. */
    public static Optional<Finding> check(String reference) {
        if (reference == null
                || reference.startsWith("oci:")
                || reference.startsWith("oci-archive:")
                || reference.startsWith("docker-archive:")
                || !ImageRef.isReference(reference.startsWith("docker://") ? reference.substring(9) : reference)) {
            return Optional.empty();
        }
        String ref = reference.startsWith("docker://") ? reference.substring(9) : reference;
        String repo = LookAlikeBaseImage.repository(ref);
        if (repo == null) {
            return Optional.empty();
        }
        String why = LookAlikeBaseImage.lookAlike(repo);
        return why == null
                ? Optional.empty()
                : Optional.of(new Finding("DF003", Severity.HIGH, ref + " " + why, Location.image()));
    }
}
