package dev.vouch.api.evidence;

import java.util.List;

/**
 * Every kind of evidence {@code vouch check} gathers, in the order they run: later providers read what earlier ones
 * found (the trace reads the Dockerfile, the vulnerability matcher reads the SBOM). A new kind of evidence is a new
 * provider in this list.
 */
public final class StandardProviders {
    private StandardProviders() {}

    /** Fresh providers for one check. */
    public static List<EvidenceProvider> forOneCheck() {
        return List.of(
                new DockerfileEvidence(),
                new PackageEvidence(),
                new SecretEvidence(),
                new HardeningEvidence(),
                new TraceEvidence(),
                new SignatureEvidence(),
                new LockEvidence(),
                new VulnerabilityEvidence());
    }
}
