package dev.vouch.server.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.error.InvalidInputException;
import dev.vouch.image.Digest;
import dev.vouch.io.Json;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the registry's notification envelope ({@code application/vnd.docker.distribution.events.v1+json}, <a
 * href="https://distribution.github.io/distribution/about/notifications/">distribution's notifications</a>): the
 * manifests pushed, each with its repository, digest and tag. Blob pushes, pulls, deletes and cosign's signature,
 * attestation and SBOM tags are left out.
 */
public final class RegistryEvents {
    public static final String MEDIA_TYPE = "application/vnd.docker.distribution.events.v1+json";
    static final int MAX_EVENTS = 1000;
    private static final Set<String> MANIFESTS = Set.of(
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json");
    private static final Pattern COSIGN_TAG = Pattern.compile("sha256-[0-9a-f]{64}\\.(sig|att|sbom)");
    private static final Pattern REPOSITORY =
            Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");

    private RegistryEvents() {}

    /** A manifest pushed: {@code registry/repository@digest}, and the tag it was pushed as (or null). */
    public record Push(String registry, String repository, String digest, String tag) {
        public String reference() {
            return registry + "/" + repository + "@" + digest;
        }
    }

    /**
     * The manifest pushes of an envelope. The registry's address is taken from each event's {@code target.url}
     * unless {@code registry} names it (how vouch reaches the registry can differ from how it names itself).
     */
    public static List<Push> pushes(byte[] body, String registry) {
        JsonNode root = Json.tree(body, "notification body");
        JsonNode events = root.path("events");
        if (!events.isArray()) {
            throw new InvalidInputException("notification body: no events list");
        }
        if (events.size() > MAX_EVENTS) {
            throw new InvalidInputException("notification body: more than " + MAX_EVENTS + " events");
        }
        List<Push> out = new ArrayList<>();
        int i = 0;
        for (JsonNode e : events) {
            String where = "notification body: events[" + i++ + "]";
            JsonNode t = e.path("target");
            if (!e.path("action").asText().equals("push")
                    || !MANIFESTS.contains(t.path("mediaType").asText())) {
                continue;
            }
            String repository = t.path("repository").asText("");
            if (!REPOSITORY.matcher(repository).matches() || repository.length() > 255) {
                throw new InvalidInputException(where + ": target.repository is not a repository name");
            }
            String digest = t.path("digest").asText("");
            try {
                Digest.parse(digest);
            } catch (RuntimeException x) {
                throw new InvalidInputException(where + ": target.digest is not a digest");
            }
            String tag = t.path("tag").asText(null);
            if (tag != null && (tag.isEmpty() || COSIGN_TAG.matcher(tag).matches())) {
                continue;
            }
            String host = registry;
            if (host == null) {
                try {
                    URI url = URI.create(t.path("url").asText(""));
                    host = url.getRawAuthority();
                } catch (IllegalArgumentException x) {
                    host = null;
                }
                if (host == null || !host.matches("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?")) {
                    host = e.path("request").path("host").asText("");
                }
                if (!host.matches("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?")) {
                    throw new InvalidInputException(where + ": no registry address in target.url or request.host");
                }
            }
            out.add(new Push(host, repository, digest, tag));
        }
        return out;
    }
}
