package dev.vouch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.io.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Images built on a shared base, as a registry holds them: the base's layers, then one small layer of each's own. */
final class Fleet {
    private Fleet() {}

    /** The base's manifest layer descriptors and config diff_ids: {"layers": [...], "diffIds": [...]}. */
    static JsonNode baseLayer(Path layout) throws Exception {
        JsonNode index = Json.tree(Files.readAllBytes(layout.resolve("index.json")), "index.json");
        String manifestDigest = index.path("manifests").get(0).path("digest").asText();
        JsonNode manifest = blob(layout, manifestDigest);
        JsonNode config = blob(layout, manifest.path("config").path("digest").asText());
        var out = Json.compact().createObjectNode();
        out.set("layers", manifest.path("layers"));
        out.set("diffIds", config.path("rootfs").path("diff_ids"));
        return out;
    }

    private static JsonNode blob(Path layout, String digest) throws Exception {
        return Json.tree(Files.readAllBytes(layout.resolve("blobs/sha256/" + digest.substring(7))), digest);
    }

    /**
     * Pushes {@code n} images to {@code repo}: the base's layers (already in the registry, mounted by digest) under a
     * gzipped layer of their own; returns the manifest digests.
     */
    static Set<String> pushImages(TestRegistry reg, String repo, JsonNode base, int n) throws Exception {
        Set<String> pushed = new LinkedHashSet<>();
        for (JsonNode l : base.path("layers")) {
            // the registry serves a blob to a repository only once it is there: push the base's blobs again (mounts)
            reg.mount(repo, l.path("digest").asText(), "fleet/base");
        }
        for (int i = 0; i < n; i++) {
            byte[] tar = new Crafted.Tar()
                    .dir("srv")
                    .file("srv/app-" + i + ".txt", "application " + i + "\n")
                    .bytes();
            byte[] layer = Crafted.gzip(tar);
            String layerDigest = reg.putBlob(repo, layer);
            StringBuilder diffIds = new StringBuilder();
            StringBuilder layers = new StringBuilder();
            for (JsonNode d : base.path("diffIds")) {
                diffIds.append('"').append(d.asText()).append("\",");
            }
            for (JsonNode l : base.path("layers")) {
                layers.append(l.toString()).append(',');
            }
            diffIds.append('"').append(Crafted.sha256(tar)).append('"');
            layers.append("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"")
                    .append(layerDigest)
                    .append("\",\"size\":")
                    .append(layer.length)
                    .append('}');
            byte[] cfg = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"User\":\"10001\",\"Labels\":{"
                            + "\"n\":\"" + i + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + diffIds + "]}}")
                    .getBytes(StandardCharsets.UTF_8);
            String cfgDigest = reg.putBlob(repo, cfg);
            byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                            + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                            + cfgDigest + "\",\"size\":" + cfg.length + "},\"layers\":[" + layers + "]}")
                    .getBytes(StandardCharsets.UTF_8);
            reg.putManifest(repo, "v" + i, "application/vnd.oci.image.manifest.v1+json", manifest);
            pushed.add(Crafted.sha256(manifest));
        }
        return pushed;
    }

    /** A counter's value in Prometheus text, 0 when absent. */
    static long metric(String text, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\d+)").matcher(text);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
