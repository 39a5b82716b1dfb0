package dev.vouch.api.evidence;

import dev.vouch.sign.ImageSignatures;
import java.io.IOException;
import java.util.List;

/**
 * The image's cosign signatures (keys, or keyless against a trusted root), checked against the digest its reference
 * names now; asked for only when keys or an identity are given. A local image has no registry signatures: none found.
 */
public final class SignatureEvidence implements EvidenceProvider {
    @Override
    public void collect(CheckContext context, Evidence evidence) throws IOException {
        var request = context.request();
        boolean keyless = request.identity() != null;
        if (request.keys().isEmpty() && !keyless) {
            return;
        }
        if (!context.onRegistry()) {
            evidence.signatures = List.of();
            return;
        }
        evidence.signatures = ImageSignatures.check(
                context.client(),
                context.reference(),
                context.currentDigest(),
                request.keys(),
                keyless ? request.identity() : null,
                keyless ? Attestations.trustedRoot(request.trustedRoot()) : null);
    }
}
