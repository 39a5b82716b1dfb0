package dev.vouch.sign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vouch.error.IntegrityException;
import dev.vouch.error.InvalidInputException;
import dev.vouch.image.Digest;
import dev.vouch.io.BoundedReads;
import dev.vouch.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * cosign's tag scheme inside an <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/image-layout.md">OCI
 * image layout</a>: the signature manifest is a blob, listed in {@code index.json} under the ref name {@code
 * sha256-HEX.sig}; its layers are the payloads with their signatures, as in a registry. Files are written to a
 * temporary name and renamed, index.json last, so an interrupted signing leaves the layout as it was.
 */
public final class CosignLayout {
    private static final String REF_NAME = "org.opencontainers.image.ref.name";
    private static final int MAX_PAYLOAD = 1 << 20;

    private CosignLayout() {}

    public static List<CosignRegistry.Stored> find(Path layout, Digest subject) throws IOException {
        String tag = CosignRegistry.signatureTag(subject);
        JsonNode index = Json.tree(read(layout.resolve("index.json"), 4 << 20), layout + "/index.json");
        List<CosignRegistry.Stored> out = new ArrayList<>();
        for (JsonNode m : index.path("manifests")) {
            if (!tag.equals(m.path("annotations").path(REF_NAME).asText())) {
                continue;
            }
            String where = layout + ":" + tag;
            JsonNode manifest = Json.tree(blob(layout, m.path("digest").asText(), 4 << 20), where);
            int i = 0;
            for (JsonNode l : manifest.path("layers")) {
                String sig = l.path("annotations")
                        .path(CosignRegistry.SIGNATURE_ANNOTATION)
                        .asText(null);
                String source = where + " layer " + i++;
                if (sig == null) {
                    continue;
                }
                Map<String, String> annotations = new LinkedHashMap<>();
                l.path("annotations")
                        .properties()
                        .forEach(e -> annotations.put(e.getKey(), e.getValue().asText()));
                out.add(new CosignRegistry.Stored(
                        source, blob(layout, l.path("digest").asText(), MAX_PAYLOAD), sig, annotations));
            }
        }
        return out;
    }

    public static String attach(Path layout, Digest subject, byte[] payload, String signature) throws IOException {
        String tag = CosignRegistry.signatureTag(subject);
        Path indexFile = layout.resolve("index.json");
        ObjectNode index = (ObjectNode) Json.tree(read(indexFile, 4 << 20), indexFile.toString());
        ArrayNode manifests = index.withArray("manifests");
        ArrayNode layers = Json.writer().createArrayNode();
        int at = -1;
        for (int i = 0; i < manifests.size(); i++) {
            JsonNode m = manifests.get(i);
            if (tag.equals(m.path("annotations").path(REF_NAME).asText())) {
                at = i;
                JsonNode old = Json.tree(blob(layout, m.path("digest").asText(), 4 << 20), layout + ":" + tag);
                for (JsonNode l : old.path("layers")) {
                    if (signature.equals(l.path("annotations")
                            .path(CosignRegistry.SIGNATURE_ANNOTATION)
                            .asText())) {
                        return tag;
                    }
                    layers.add(l);
                }
            }
        }
        Digest payloadDigest = write(layout, payload);
        ObjectNode layer = layers.addObject();
        layer.put("mediaType", SimpleSigning.MEDIA_TYPE)
                .put("size", payload.length)
                .put("digest", payloadDigest.toString());
        layer.putObject("annotations").put(CosignRegistry.SIGNATURE_ANNOTATION, signature);
        ObjectNode config = Json.writer().createObjectNode();
        config.put("architecture", "").put("os", "");
        config.putObject("config");
        ArrayNode ids = config.putObject("rootfs").put("type", "layers").putArray("diff_ids");
        layers.forEach(l -> ids.add(l.path("digest").asText()));
        byte[] configBytes = config.toString().getBytes(StandardCharsets.UTF_8);
        Digest configDigest = write(layout, configBytes);
        ObjectNode manifest = Json.writer().createObjectNode();
        manifest.put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        manifest.putObject("config")
                .put("mediaType", "application/vnd.oci.image.config.v1+json")
                .put("size", configBytes.length)
                .put("digest", configDigest.toString());
        manifest.set("layers", layers);
        byte[] manifestBytes = manifest.toString().getBytes(StandardCharsets.UTF_8);
        Digest manifestDigest = write(layout, manifestBytes);
        ObjectNode desc = Json.writer().createObjectNode();
        desc.put("mediaType", "application/vnd.oci.image.manifest.v1+json")
                .put("digest", manifestDigest.toString())
                .put("size", manifestBytes.length);
        desc.putObject("annotations").put(REF_NAME, tag);
        if (at >= 0) {
            manifests.set(at, desc);
        } else {
            manifests.add(desc);
        }
        replace(indexFile, Json.writer().writeValueAsBytes(index));
        return tag;
    }

    private static byte[] read(Path file, int max) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return BoundedReads.readAll(in, max, file.toString());
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file (not an OCI image layout?)");
        }
    }

    private static byte[] blob(Path layout, String digest, int max) throws IOException {
        Digest d = Digest.parse(digest);
        Path file = layout.resolve("blobs").resolve(d.algorithm()).resolve(d.hex());
        byte[] bytes = read(file, max);
        if (!Digest.of(d.algorithm(), bytes).equals(d)) {
            throw new IntegrityException(file + ": content does not match its digest");
        }
        return bytes;
    }

    private static Digest write(Path layout, byte[] bytes) throws IOException {
        Digest d = Digest.sha256(bytes);
        Path dir = Files.createDirectories(layout.resolve("blobs").resolve("sha256"));
        Path file = dir.resolve(d.hex());
        if (!Files.exists(file)) {
            replace(file, bytes);
        }
        return d;
    }

    private static void replace(Path file, byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), ".vouch-", ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
