package dev.vouch.api.evidence;

import dev.vouch.error.InvalidInputException;
import dev.vouch.image.Digest;
import dev.vouch.image.Image;
import dev.vouch.image.ImageRef;
import dev.vouch.registry.RegistryClient;
import dev.vouch.registry.RegistryOptions;
import dev.vouch.sign.CosignRegistry;
import dev.vouch.sign.IdentityPolicy;
import dev.vouch.sign.KeylessBundles;
import dev.vouch.sign.SignatureVerifier;
import dev.vouch.sign.SigstoreReferrers;
import dev.vouch.trace.Attestation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * cosign's attestations of a registry image, for the trace: Sigstore bundles attached as referrers (verified keylessly
 * when an identity is given) and {@code .att} DSSE envelopes (verified with the given keys), for the image's digest
 * and its index's.
 */
public final class Attestations {
    private Attestations() {}

    /** The attestations of the image that {@code spec} names; none for local images. */
    public static List<Attestation> of(
            String spec,
            Image image,
            RegistryOptions registry,
            List<SignatureVerifier.NamedKey> keys,
            IdentityPolicy identity,
            Path trustedRoot)
            throws IOException {
        List<Attestation> out = new ArrayList<>();
        if (spec.contains(":/")
                || spec.startsWith("oci")
                || spec.startsWith("docker-archive:")
                || Files.exists(Path.of(spec))
                || !ImageRef.isReference(spec)) {
            return out;
        }
        ImageRef ref = ImageRef.parse(spec.startsWith("docker://") ? spec.substring(9) : spec);
        List<Digest> digests = new ArrayList<>(List.of(image.digest()));
        if (image.engine() != null) {
            // a local engine's copy: its attestations are those of the registry digest it was pulled as, if any
            Digest pulled = image.engine().registryDigest(ref.name());
            if (pulled == null) {
                return out;
            }
            digests = new ArrayList<>(List.of(pulled));
        }
        RegistryClient client = RegistryClient.forRepository(ref, registry);
        if (image.index() != null) {
            digests.add(image.index().digest());
        }
        for (Digest d : digests) {
            for (var found : SigstoreReferrers.find(client, ref.path(), d)) {
                String source =
                        ref.name() + found.source().substring(found.source().indexOf('@'));
                String verdict;
                if (identity != null) {
                    var k = KeylessBundles.verifyDigest(
                            source,
                            found.bundleJson(),
                            HexFormat.of().parseHex(d.hex()),
                            trustedRoot(trustedRoot),
                            identity);
                    verdict = k.valid()
                            ? "verified keylessly as " + k.identity()
                            : "no given key verifies it (keyless: " + k.reason() + ")";
                } else {
                    verdict = "signed keylessly; give --certificate-identity and --certificate-oidc-issuer to check it";
                }
                out.add(dev.vouch.trace.Attestations.bundle(found.bundleJson(), source, digests, verdict));
            }
            for (var stored : CosignRegistry.findAttestations(client, ref.path(), d)) {
                String source = ref.name() + ":"
                        + stored.source().substring(stored.source().indexOf(':') + 1);
                out.add(dev.vouch.trace.Attestations.dsse(stored.payload(), source, digests, keys));
            }
        }
        return out;
    }

    /** The Sigstore trusted root keyless verification needs (see {@link dev.vouch.sign.SigstoreTuf} to fetch one). */
    public static KeylessBundles.TrustedRoot trustedRoot(Path file) throws IOException {
        if (file == null) {
            throw new InvalidInputException("keyless verification needs Sigstore's trusted root: a trusted_root.json"
                    + " file, or the one vouch trust update fetches through TUF");
        }
        return KeylessBundles.TrustedRoot.read(file);
    }
}
