package dev.vouch.trace;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One provenance attestation found for an image: an <a href="https://github.com/in-toto/attestation">in-toto
 * statement</a> with a <a href="https://slsa.dev/spec/v1.0/provenance">SLSA provenance</a> predicate (v0.2 or v1),
 * as BuildKit attaches it (an attestation manifest in the index) or cosign does (a DSSE envelope under the
 * {@code sha256-HEX.att} tag).
 *
 * @param source where it was found
 * @param predicateType the statement's predicate type
 * @param subjectMatches whether one of the statement's subjects is this image's digest
 * @param builderId who built it ({@code builder.id} / {@code runDetails.builder.id})
 * @param buildType the build type URI
 * @param sourceRepository the source the build started from (config source, VCS, or the git material)
 * @param sourceRevision its commit
 * @param parameters the build's parameters (v0.2 invocation.parameters / v1 externalParameters), flattened, bounded
 * @param materials the inputs, {@code uri@algorithm:digest}
 * @param signature how it is signed: null for unsigned (BuildKit's), else the check of its DSSE signature
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Attestation(
        String source,
        String predicateType,
        boolean subjectMatches,
        String builderId,
        String buildType,
        String sourceRepository,
        String sourceRevision,
        Map<String, String> parameters,
        List<String> materials,
        String signature) {
    public Attestation {
        parameters = java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(parameters == null ? Map.of() : parameters));
        materials = materials == null ? List.of() : List.copyOf(materials);
    }

    /** Whether it is SLSA provenance at all (other predicates are listed but not read). */
    public boolean isProvenance() {
        return predicateType != null && predicateType.startsWith("https://slsa.dev/provenance/");
    }
}
