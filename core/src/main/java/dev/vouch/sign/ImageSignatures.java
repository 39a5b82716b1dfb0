package dev.vouch.sign;

import dev.vouch.image.Digest;
import dev.vouch.image.ImageRef;
import dev.vouch.registry.RegistryClient;
import java.util.ArrayList;
import java.util.List;

/**
 * Every cosign-style signature a registry holds for an image digest, checked: key and keyless layers of the {@code
 * sha256-HEX.sig} manifest, and Sigstore bundles attached as referrers. Keyless ones are checked only when an identity
 * policy and trusted root are given; otherwise the check says what to give.
 */
public final class ImageSignatures {
    private ImageSignatures() {}

    /**
     * @param policy the keyless identity policy, or null
     * @param root the trusted root for keyless signatures, or null
     */
    public static List<SignatureCheck> check(
            RegistryClient client,
            ImageRef ref,
            Digest digest,
            List<SignatureVerifier.NamedKey> named,
            IdentityPolicy policy,
            KeylessBundles.TrustedRoot root) {
        List<SignatureCheck> checks = new ArrayList<>();
        for (CosignRegistry.Stored s : CosignRegistry.find(client, ref.path(), digest)) {
            String source = ref.name() + ":" + s.source().substring(s.source().indexOf(':') + 1);
            if (CosignKeylessLayer.isKeyless(s.annotations())) {
                if (policy == null) {
                    checks.add(new SignatureCheck(
                                    source,
                                    false,
                                    null,
                                    null,
                                    null,
                                    "a keyless signature: give --certificate-identity and --certificate-oidc-issuer to check it")
                            .withKind("keyless"));
                    continue;
                }
                var k = LegacyKeylessVerifier.verify(source, s.payload(), s.signature(), s.annotations(), root, policy);
                SignatureCheck check = k.valid()
                        ? SignatureVerifier.payloadCheck(
                                source, s.payload(), "keyless " + k.identity(), List.of(digest), ref.name())
                        : new SignatureCheck(source, false, null, null, null, k.reason());
                checks.add(check.withKind("keyless"));
            } else {
                checks.add(SignatureVerifier.check(
                        source, s.payload(), s.signature(), named, List.of(digest), ref.name()));
            }
        }
        for (var bundle : SigstoreReferrers.find(client, ref.path(), digest)) {
            String source =
                    ref.name() + bundle.source().substring(bundle.source().indexOf('@'));
            if (policy == null) {
                checks.add(new SignatureCheck(
                                source,
                                false,
                                null,
                                null,
                                null,
                                "a Sigstore bundle: give --certificate-identity and --certificate-oidc-issuer to check it")
                        .withKind("keyless"));
                continue;
            }
            var k = KeylessBundles.verifyDigest(
                    source, bundle.bundleJson(), java.util.HexFormat.of().parseHex(digest.hex()), root, policy);
            checks.add(new SignatureCheck(
                    source,
                    k.valid(),
                    k.valid() ? "keyless " + k.identity() : null,
                    null,
                    k.valid() ? digest.toString() : null,
                    k.reason(),
                    "keyless"));
        }
        return checks;
    }
}
