package dev.vouch.server.admission;

import dev.vouch.image.ImageRef;
import dev.vouch.registry.RegistryClient;
import dev.vouch.registry.RegistryOptions;
import dev.vouch.sign.SignatureCheck;
import dev.vouch.sign.notation.NotationSignatures;
import dev.vouch.sign.notation.NotationTrust;
import java.time.Instant;
import java.util.List;

/**
 * {@link TagTrust} from Notation signatures: the digest admitted must carry a signature valid under the server's
 * trust policy and store (a rule with {@code trust: notation}).
 */
public final class NotationImageTrust implements TagTrust {
    private final RegistryOptions registry;
    private final NotationTrust trust;

    public NotationImageTrust(RegistryOptions registry, NotationTrust trust) {
        this.registry = registry;
        this.trust = trust;
    }

    @Override
    public String untrusted(String image, String digest) {
        ImageRef ref = ImageRef.parse(image);
        RegistryClient client = RegistryClient.forRepository(ref, registry);
        var subject = client.getManifest(ref.path(), digest).descriptor();
        List<SignatureCheck> checks =
                NotationSignatures.check(client, ref, subject, trust.policy(), trust.store(), Instant.now());
        if (checks.stream().anyMatch(SignatureCheck::valid)) {
            return null;
        }
        return "Notation: "
                + (checks.isEmpty()
                        ? "no signature found for " + digest
                        : "no valid signature: "
                                + String.join(
                                        "; ",
                                        checks.stream()
                                                .map(SignatureCheck::reason)
                                                .toList()));
    }
}
