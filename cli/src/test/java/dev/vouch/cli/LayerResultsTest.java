package dev.vouch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-layer results kept beside the blob cache: a layer read and verified once is not read again by a later walk
 * of any image that holds it (same blob, same diff_id), the report says which layers were not read, and every report
 * is otherwise the same, field by field, as the one of a walk that read every layer.
 */
class LayerResultsTest {
    @TempDir
    Path tmp;

    static final String FACT = " not read again: ";

    /**
     * The fixture images (the Debian base first, so that the images built on it find its layer stored), each kind of
     * source and package database once: the squashed and multi-platform ones add nothing the walk treats otherwise.
     */
    static List<String> images() throws Exception {
        Path f = Fixtures.dir();
        return List.of(
                "oci:" + f.resolve("debian") + ":bookworm",
                "oci:" + f.resolve("app") + ":1",
                "oci:" + f.resolve("pkgs") + ":1",
                "docker-archive:" + f.resolve("app.tar"),
                "oci:../examples/demo");
    }

    Cli.Result check(String image, String... cache) {
        List<String> args = new ArrayList<>(List.of("check", "--policy", "none", "--format", "json"));
        args.addAll(List.of(cache));
        args.add(image);
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.code()).as(image + ": " + r.err()).isIn(0, 1);
        return r;
    }

    @Test
    void everyFixtureImageReportsTheSameWithAndWithoutStoredLayers() throws Exception {
        String cache = tmp.resolve("cache").toString();
        for (String image : images()) {
            JsonNode truth = check(image, "--no-cache").json();
            JsonNode filling = check(image, "--cache-dir", cache).json();
            JsonNode stored = check(image, "--cache-dir", cache).json();
            assertThat(facts(truth)).noneMatch(f -> f.contains(FACT));
            // the second walk reads nothing: every layer's results were stored by the first (or an earlier image)
            assertThat(facts(stored)).as(image).anyMatch(f -> f.startsWith("layer(s) 0") && f.contains(FACT));
            assertThat(withoutStoredFact(filling)).as(image).isEqualTo(truth);
            assertThat(withoutStoredFact(stored)).as(image).isEqualTo(truth);
        }
        // the application image built on the Debian base did not read that base again
        Path app = Fixtures.dir().resolve("app");
        JsonNode again = check("oci:" + app + ":1", "--cache-dir", cache).json();
        assertThat(facts(again)).anyMatch(f -> f.startsWith("layer(s) 0, 1") && f.contains(FACT));
    }

    @Test
    void layersAndSbomReportTheSameFromStoredLayers() throws Exception {
        String cache = tmp.resolve("cache").toString();
        String image = "oci:" + Fixtures.dir().resolve("app") + ":1";
        for (String verb : List.of("layers", "sbom")) {
            List<String> format = verb.equals("sbom") ? List.of("--format", "json") : List.of("--format", "json");
            List<String> args = new ArrayList<>(List.of(verb));
            args.addAll(format);
            Cli.Result truth = run(args, "--no-cache", image);
            run(args, "--cache-dir", cache, image);
            Cli.Result stored = run(args, "--cache-dir", cache, image);
            if (verb.equals("layers")) {
                // the layers report marks the layers it did not read; otherwise the same
                JsonNode rows = stored.json().path("layers");
                assertThat(rows).allMatch(r -> r.path("fromStoredResults").asBoolean());
                assertThat(truth.json().path("layers")).noneMatch(r -> r.has("fromStoredResults"));
                rows.forEach(r -> ((ObjectNode) r).remove("fromStoredResults"));
                JsonNode unmarked = stored.json();
                ((ObjectNode) unmarked).set("layers", rows);
                assertThat(unmarked).isEqualTo(truth.json());
            } else {
                assertThat(stored.out()).as(verb).isEqualTo(truth.out());
            }
        }
    }

    @Test
    void aDamagedStoredResultIsDroppedAndTheLayerReadAgain() throws Exception {
        Path cache = tmp.resolve("cache");
        String image = "oci:" + Fixtures.dir().resolve("debian") + ":bookworm";
        JsonNode truth = check(image, "--cache-dir", cache.toString()).json();
        List<Path> stored;
        try (Stream<Path> s = Files.list(cache.resolve("layers"))) {
            stored = s.toList();
        }
        assertThat(stored).hasSize(1);
        byte[] bytes = Files.readAllBytes(stored.get(0));
        bytes[bytes.length - 100] ^= 0x40; // one bit of the gzipped results
        Files.write(stored.get(0), bytes);
        JsonNode reread = check(image, "--cache-dir", cache.toString()).json();
        assertThat(facts(reread)).noneMatch(f -> f.contains(FACT));
        assertThat(reread).isEqualTo(truth);
        // replaced by the read that followed, and used from then on
        assertThat(Files.readAllBytes(stored.get(0))).isNotEqualTo(bytes);
        assertThat(facts(check(image, "--cache-dir", cache.toString()).json())).anyMatch(f -> f.contains(FACT));
    }

    static Cli.Result run(List<String> verb, String cacheFlag, String cacheDirOrImage, String... image) {
        List<String> args = new ArrayList<>(verb);
        args.add(cacheFlag);
        if (image.length > 0) {
            args.add(cacheDirOrImage);
            args.addAll(List.of(image));
        } else {
            args.add(cacheDirOrImage);
        }
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isIn(0, 1);
        return r;
    }

    static List<String> facts(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.path("identity").path("facts").forEach(f -> out.add(f.asText()));
        return out;
    }

    /** The report without the one fact that says which layers came from stored results. */
    static JsonNode withoutStoredFact(JsonNode report) {
        JsonNode copy = report.deepCopy();
        ArrayNode facts = (ArrayNode) ((ObjectNode) copy.path("identity")).path("facts");
        for (Iterator<JsonNode> it = facts.iterator(); it.hasNext(); ) {
            if (it.next().asText().contains(FACT)) {
                it.remove();
            }
        }
        return copy;
    }
}
