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
        if (request.contentTrust() != null) {
            evidence.contentTrust = contentTrust(context);
        }
        if (request.notation() != null) {
            evidence.notation = notation(context);
        }
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

    /** The Notation signatures of what the reference names now; an image not read from a registry has none. */
    private static List<dev.vouch.sign.SignatureCheck> notation(CheckContext context) {
        if (!context.onRegistry()) {
            return List.of(new dev.vouch.sign.SignatureCheck(
                            "referrers",
                            false,
                            null,
                            null,
                            null,
                            "Notation signatures are attached in registries, and "
                                    + context.request().image() + " was not read from a registry")
                    .withKind("notation"));
        }
        var ref = context.reference();
        var subject = ref.digest() != null
                ? context.client()
                        .getManifest(ref.path(), ref.digest().toString())
                        .descriptor()
                : context.client().resolve(ref.path(), ref.tag()).descriptor();
        var trust = context.request().notation();
        return dev.vouch.sign.notation.NotationSignatures.check(
                context.client(), ref, subject, trust.policy(), trust.store(), java.time.Instant.now());
    }

    /** The tag's Docker Content Trust, as a signature check; an image not read from a registry has none. */
    private static dev.vouch.sign.SignatureCheck contentTrust(CheckContext context) throws IOException {
        if (!context.onRegistry()) {
            return new dev.vouch.sign.SignatureCheck(
                            "notary",
                            false,
                            null,
                            null,
                            null,
                            "Docker Content Trust signs registry tags, and "
                                    + context.request().image() + " was not read from a registry")
                    .withKind("dct");
        }
        var result = dev.vouch.sign.dct.ContentTrust.check(
                context.client(), context.reference(), context.request().contentTrust());
        return dev.vouch.sign.dct.ContentTrust.asSignature(result, context.reference());
    }
}
