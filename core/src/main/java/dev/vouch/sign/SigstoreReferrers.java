package dev.vouch.sign;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.image.Descriptor;
import dev.vouch.image.Digest;
import dev.vouch.io.Json;
import dev.vouch.registry.RegistryClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Sigstore bundles attached to an image as OCI referrers (cosign's new bundle format): manifests whose artifact type
 * is a Sigstore bundle media type and whose layer is the bundle JSON, found with the referrers API or its tag
 * fallback.
 */
public final class SigstoreReferrers {
    private static final int MAX_BUNDLE = 4 << 20;
    private static final int MAX_REFERRERS = 100;

    private SigstoreReferrers() {}

    /** One bundle: where it was found, and its JSON. */
    public record Found(String source, String bundleJson) {}

    public static List<Found> find(RegistryClient client, String repo, Digest subject) {
        List<Found> out = new ArrayList<>();
        int n = 0;
        for (Descriptor d : client.referrers(repo, subject).manifests()) {
            if (n++ >= MAX_REFERRERS) {
                break;
            }
            String type = d.artifactType() == null ? "" : d.artifactType();
            if (!type.startsWith("application/vnd.dev.sigstore.bundle")) {
                continue;
            }
            String where = repo + "@" + d.digest();
            JsonNode manifest =
                    Json.tree(client.getManifest(repo, d.digest().toString()).bytes(), where);
            if (!subject.toString()
                    .equals(manifest.path("subject").path("digest").asText())) {
                continue; // the registry lists it, but it refers to another image: not this image's signature
            }
            for (JsonNode l : manifest.path("layers")) {
                if (!l.path("mediaType").asText().startsWith("application/vnd.dev.sigstore.bundle")) {
                    continue;
                }
                Descriptor layer = Descriptor.of(
                        l.path("mediaType").asText(),
                        Digest.parse(l.path("digest").asText("")),
                        l.path("size").asLong(-1));
                out.add(new Found(where, new String(client.getBlob(repo, layer, MAX_BUNDLE), StandardCharsets.UTF_8)));
            }
        }
        return out;
    }
}
