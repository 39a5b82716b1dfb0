package dev.vouch.sign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vouch.error.InvalidInputException;
import dev.vouch.image.Digest;
import dev.vouch.io.Json;
import java.nio.charset.StandardCharsets;

/**
 * The payload a cosign key signature signs: containers' "simple signing" JSON ({@code critical.identity.docker-reference},
 * {@code critical.image.docker-manifest-digest}, {@code critical.type} "cosign container image signature"), see <a
 * href="https://github.com/sigstore/cosign/blob/main/specs/SIGNATURE_SPEC.md">cosign's signature spec</a>.
 */
public record SimpleSigning(String dockerReference, Digest manifestDigest) {
    static final String TYPE = "cosign container image signature";
    public static final String MEDIA_TYPE = "application/vnd.dev.cosign.simplesigning.v1+json";

    /** The exact bytes to sign. */
    public byte[] bytes() {
        ObjectNode root = Json.writer().createObjectNode();
        ObjectNode critical = root.putObject("critical");
        critical.putObject("identity").put("docker-reference", dockerReference);
        critical.putObject("image").put("docker-manifest-digest", manifestDigest.toString());
        critical.put("type", TYPE);
        root.putNull("optional");
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads a payload; anything but a well-formed simple-signing document is refused with the field named. */
    public static SimpleSigning parse(byte[] payload, String where) {
        JsonNode root = Json.tree(payload, where);
        JsonNode critical = root.path("critical");
        if (!TYPE.equals(critical.path("type").asText(null))) {
            throw new InvalidInputException(where + ": critical.type is not \"" + TYPE + "\"");
        }
        String digest = critical.path("image").path("docker-manifest-digest").asText(null);
        if (digest == null) {
            throw new InvalidInputException(where + ": critical.image.docker-manifest-digest is missing");
        }
        String ref = critical.path("identity").path("docker-reference").asText(null);
        return new SimpleSigning(ref, Digest.parse(digest));
    }
}
