package dev.vouch.sign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vouch.error.InvalidInputException;
import dev.vouch.image.Descriptor;
import dev.vouch.image.Digest;
import dev.vouch.io.Json;
import dev.vouch.registry.RegistryClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cosign's tag scheme for signatures (<a href="https://github.com/sigstore/cosign/blob/main/specs/SIGNATURE_SPEC.md">spec</a>):
 * the signatures of {@code sha256:HEX} are the layers of the OCI manifest tagged {@code sha256-HEX.sig} in the same
 * repository, each a simple-signing payload blob with the base64 signature in the {@code dev.cosignproject.cosign/signature}
 * annotation. Signing adds a layer to that manifest (keeping the signatures already there).
 */
public final class CosignRegistry {
    public static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
    private static final int MAX_SIGNATURES = 100;
    private static final int MAX_PAYLOAD = 1 << 20;

    private CosignRegistry() {}

    /** One signature as stored: where, the payload bytes, the base64 signature, the layer's annotations. */
    public record Stored(String source, byte[] payload, String signature, Map<String, String> annotations) {
        public Stored {
            annotations = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(annotations));
        }
    }

    /** The tag cosign keeps the signatures of {@code subject} under. */
    public static String signatureTag(Digest subject) {
        return subject.algorithm() + "-" + subject.hex() + ".sig";
    }

    /** The tag cosign keeps the attestations of {@code subject} under. */
    public static String attestationTag(Digest subject) {
        return subject.algorithm() + "-" + subject.hex() + ".att";
    }

    /** The DSSE envelopes stored for {@code subject} under its {@code .att} tag (payload = the envelope bytes). */
    public static List<Stored> findAttestations(RegistryClient client, String repo, Digest subject) {
        return layers(
                client,
                repo,
                attestationTag(subject),
                8 * MAX_PAYLOAD,
                l -> l.path("mediaType").asText().equals("application/vnd.dsse.envelope.v1+json"));
    }

    /** The signatures stored for {@code subject} (none when the tag does not exist). */
    public static List<Stored> find(RegistryClient client, String repo, Digest subject) {
        return layers(
                client,
                repo,
                signatureTag(subject),
                MAX_PAYLOAD,
                l -> l.path("annotations").has(SIGNATURE_ANNOTATION));
    }

    /** The layers of the manifest under {@code tag} that {@code wanted} keeps, each blob read (bounded, checked). */
    private static List<Stored> layers(
            RegistryClient client,
            String repo,
            String tag,
            int maxBlob,
            java.util.function.Predicate<JsonNode> wanted) {
        if (client.headManifest(repo, tag).isEmpty()) {
            return List.of();
        }
        String where = repo + ":" + tag;
        JsonNode layers =
                Json.tree(client.getManifest(repo, tag).bytes(), where).path("layers");
        List<Stored> out = new ArrayList<>();
        int i = 0;
        for (JsonNode l : layers) {
            String source = where + " layer " + i++;
            if (out.size() >= MAX_SIGNATURES) {
                throw new InvalidInputException(where + ": more than " + MAX_SIGNATURES + " layers");
            }
            if (!wanted.test(l)) {
                continue; // another kind of attachment
            }
            Descriptor d = Descriptor.of(
                    l.path("mediaType").asText(SimpleSigning.MEDIA_TYPE),
                    Digest.parse(l.path("digest").asText("")),
                    l.path("size").asLong(-1));
            Map<String, String> annotations = new java.util.LinkedHashMap<>();
            l.path("annotations")
                    .properties()
                    .forEach(e -> annotations.put(e.getKey(), e.getValue().asText()));
            out.add(new Stored(
                    source, client.getBlob(repo, d, maxBlob), annotations.get(SIGNATURE_ANNOTATION), annotations));
        }
        return out;
    }

    /** Adds a signature of {@code subject} to its signature manifest; returns the tag written. */
    public static String attach(RegistryClient client, String repo, Digest subject, byte[] payload, String signature) {
        String tag = signatureTag(subject);
        ArrayNode layers = Json.writer().createArrayNode();
        Optional<Descriptor> existing = client.headManifest(repo, tag);
        Digest payloadDigest = Digest.sha256(payload);
        List<String> diffIds = new ArrayList<>();
        if (existing.isPresent()) {
            JsonNode old = Json.tree(client.getManifest(repo, tag).bytes(), repo + ":" + tag);
            for (JsonNode l : old.path("layers")) {
                if (l.path("digest").asText().equals(payloadDigest.toString())
                        && signature.equals(
                                l.path("annotations").path(SIGNATURE_ANNOTATION).asText())) {
                    return tag; // this very signature is already there
                }
                layers.add(l);
                diffIds.add(l.path("digest").asText());
            }
        }
        client.pushBlob(repo, payload);
        ObjectNode layer = layers.addObject();
        layer.put("mediaType", SimpleSigning.MEDIA_TYPE);
        layer.put("size", payload.length);
        layer.put("digest", payloadDigest.toString());
        layer.putObject("annotations").put(SIGNATURE_ANNOTATION, signature);
        diffIds.add(payloadDigest.toString());
        ObjectNode config = Json.writer().createObjectNode();
        config.put("architecture", "").put("os", "");
        config.putObject("config");
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode ids = rootfs.putArray("diff_ids");
        diffIds.forEach(ids::add);
        byte[] configBytes = config.toString().getBytes(StandardCharsets.UTF_8);
        Digest configDigest = client.pushBlob(repo, configBytes);
        ObjectNode manifest = Json.writer().createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        ObjectNode c = manifest.putObject("config");
        c.put("mediaType", "application/vnd.oci.image.config.v1+json");
        c.put("size", configBytes.length);
        c.put("digest", configDigest.toString());
        manifest.set("layers", layers);
        client.pushManifest(
                repo,
                tag,
                "application/vnd.oci.image.manifest.v1+json",
                manifest.toString().getBytes(StandardCharsets.UTF_8));
        return tag;
    }
}
