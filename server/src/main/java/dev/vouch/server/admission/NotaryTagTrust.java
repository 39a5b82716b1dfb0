package dev.vouch.server.admission;

import dev.vouch.image.ImageRef;
import dev.vouch.registry.RegistryClient;
import dev.vouch.registry.RegistryOptions;
import dev.vouch.sign.dct.ContentTrust;
import dev.vouch.sign.dct.DctOptions;
import dev.vouch.sign.dct.DctResult;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * {@link TagTrust} from each image's Notary server ({@link ContentTrust}): the tag's signed target must be the digest
 * admitted. An image named by digest alone has no tag to look up and is refused. Answers are kept for a short while
 * per image and digest, so a burst of pods asks the Notary server once.
 */
public final class NotaryTagTrust implements TagTrust {
    private final RegistryOptions registry;
    private final DctOptions options;
    private final long ttlMillis;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Answer> answers = new ConcurrentHashMap<>();

    private record Answer(String reason, long expires) {}

    public NotaryTagTrust(RegistryOptions registry, DctOptions options, long ttlMillis, LongSupplier clock) {
        this.registry = registry;
        this.options = options;
        this.ttlMillis = ttlMillis;
        this.clock = clock;
    }

    @Override
    public String untrusted(String image, String digest) throws Exception {
        String key = image + "\n" + digest;
        Answer a = answers.get(key);
        if (a != null && a.expires() > clock.getAsLong()) {
            return a.reason();
        }
        String reason = check(image, digest);
        if (answers.size() > 10_000) {
            answers.clear();
        }
        answers.put(key, new Answer(reason, clock.getAsLong() + ttlMillis));
        return reason;
    }

    private String check(String image, String digest) throws Exception {
        ImageRef ref = ImageRef.parse(image);
        if (ref.tag() == null) {
            return "Docker Content Trust signs tags, and " + image + " names a digest alone (name it TAG@DIGEST)";
        }
        ImageRef tagged = ImageRef.parse(ref.name() + ":" + ref.tag());
        DctResult r = ContentTrust.check(RegistryClient.forRepository(tagged, registry), tagged, options);
        if (!r.verified()) {
            return "Docker Content Trust: " + r.reason();
        }
        if (!digest.equals(r.signedDigest())) {
            return "Docker Content Trust: " + r.role() + " signs " + r.signedDigest() + " for tag " + ref.tag()
                    + ", not the digest admitted, " + digest;
        }
        return null;
    }
}
