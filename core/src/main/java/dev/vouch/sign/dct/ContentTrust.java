package dev.vouch.sign.dct;

import dev.vouch.cache.TrustCache;
import dev.vouch.image.ImageRef;
import dev.vouch.registry.RegistryClient;
import dev.vouch.sign.SignatureCheck;
import java.io.IOException;
import java.time.Instant;

/**
 * Docker Content Trust for a registry reference: the tag's trust data checked against what the registry serves for
 * the tag now (see {@link DctVerifier}), and that result as one of the image's signatures ({@code kind: dct}).
 */
public final class ContentTrust {
    private ContentTrust() {}

    /** Whether the reference's tag is signed for the manifest the registry serves for it. */
    public static DctResult check(RegistryClient client, ImageRef ref, DctOptions options) throws IOException {
        NotaryEndpoint endpoint = NotaryEndpoint.of(ref, options.notaryServer(), options.caCert(), options.env());
        if (ref.tag() == null) {
            return DctResult.notSigned(
                    endpoint,
                    null,
                    "Docker Content Trust signs tags, and " + ref.normalized() + " names a digest alone");
        }
        var manifest = client.getManifest(ref.path(), ref.tag()).descriptor();
        TrustCache cache = options.cacheDir() == null
                ? null
                : new TrustCache(options.cacheDir().resolve("trust"));
        return new DctVerifier(endpoint, cache, options.pins(), Instant.now()).verify(ref.tag(), manifest);
    }

    /** The result as a signature check of the image. */
    public static SignatureCheck asSignature(DctResult r, ImageRef ref) {
        String source = "notary " + r.server() + " " + r.gun() + (r.role() == null ? "" : " " + r.role());
        String key = r.verified() ? "dct root " + String.join(",", shortIds(r)) + " (" + r.rootTrust() + ")" : null;
        return new SignatureCheck(
                        source,
                        r.verified(),
                        key,
                        r.tag() == null ? ref.name() : ref.name() + ":" + r.tag(),
                        r.signedDigest(),
                        r.reason())
                .withKind("dct");
    }

    private static java.util.List<String> shortIds(DctResult r) {
        return r.rootKeyIds() == null
                ? java.util.List.of()
                : r.rootKeyIds().stream()
                        .map(id -> id.substring(0, Math.min(12, id.length())))
                        .toList();
    }
}
