package dev.vouch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vouch.fs.ImageWalker;
import dev.vouch.fs.WalkResult;
import dev.vouch.image.Image;
import dev.vouch.image.Platform;
import dev.vouch.layer.Analyzer;
import dev.vouch.layer.LayerEntry;
import dev.vouch.layer.LayerRef;
import dev.vouch.layer.ProgressListener;
import dev.vouch.source.ImageSources;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exact facts about the real fixture images, read through the CLI (and, for the file view, through the API). */
class FixtureImagesTest {
    @TempDir
    Path tmp;

    private static String app() throws Exception {
        return "oci:" + Fixtures.dir().resolve("app") + ":1";
    }

    private static JsonNode json(String... args) throws Exception {
        Cli.Result r = Cli.run(args);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        return r.json();
    }

    @Test
    void layersOfTheAppImage() throws Exception {
        JsonNode r = json("layers", "--format", "json", app());
        assertThat(r.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(r.path("kind").asText()).isEqualTo("layers");
        JsonNode layers = r.path("layers");
        assertThat(layers).hasSize(5);
        // layer 2 is the COPY, layer 3 the RUN rm, layer 4 the setuid copy
        assertThat(layers.get(2).path("filesAdded").asInt()).isEqualTo(1);
        assertThat(layers.get(3).path("filesRemoved").asInt()).isEqualTo(4);
        assertThat(layers.get(3).path("filesAdded").asInt()).isEqualTo(1);
        assertThat(layers.get(4).path("filesAdded").asInt()).isEqualTo(1);
        assertThat(layers.get(3).path("createdBy").asText()).contains("rm -rf /root/.aws /opt/app/cache");
        assertThat(layers.get(1).path("remnantBytes").asLong()).isEqualTo(115 + 5 + 6);
        assertThat(layers.get(1).path("compressedSize").asLong()).isPositive();
        assertThat(layers.get(1).path("uncompressedSize").asLong() % 512).isZero();
        List<Object[]> remnants = new ArrayList<>();
        for (JsonNode n : r.path("remnants")) {
            remnants.add(new Object[] {
                n.path("path").asText(),
                n.path("size").asLong(),
                n.path("layer").asInt(),
                n.path("removedBy").asInt(),
                n.path("overwritten").asBoolean()
            });
        }
        assertThat(remnants)
                .extracting(a -> tuple(a[0], a[1], a[2], a[3], a[4]))
                .containsExactlyInAnyOrder(
                        tuple("/etc/issue.net", 20L, 0, 3, false),
                        tuple("/root/.aws/credentials", 115L, 1, 3, false),
                        tuple("/opt/app/cache/a", 5L, 1, 3, false),
                        tuple("/opt/app/cache/b", 6L, 1, 3, false));
        assertThat(r.path("totals").path("remnantBytes").asLong()).isEqualTo(146);
        assertThat(r.path("efficiency").path("wastedBytes").asLong()).isEqualTo(146);
        assertThat(r.at("/efficiency/top/0/path").asText()).isEqualTo("/root/.aws/credentials");
        assertThat(r.path("setuidSetgid")).anySatisfy(n -> {
            assertThat(n.path("path").asText()).isEqualTo("/usr/local/bin/suidtool");
            assertThat(n.path("mode").asText()).isEqualTo("4755");
            assertThat(n.path("layer").asInt()).isEqualTo(4);
        });
        assertThat(r.path("setuidSetgid"))
                .filteredOn(n -> n.path("layer").asInt() != 0)
                .hasSize(1);
        assertThat(r.path("worldWritable")).hasSize(1);
        assertThat(r.at("/worldWritable/0/path").asText()).isEqualTo("/opt/app/drop");
        assertThat(r.at("/worldWritable/0/layer").asInt()).isEqualTo(4);
        assertThat(r.at("/worldWritable/0/mode").asText()).isEqualTo("0777");
        assertThat(r.path("findings")).isEmpty();
    }

    @Test
    void theMergedViewAndTheAnalyzersSeeWhatTheDockerfileDid() throws Exception {
        Map<String, String> seen = new ConcurrentHashMap<>();
        Analyzer grab = new Analyzer() {
            @Override
            public boolean wants(LayerEntry e) {
                return e.path().startsWith("opt/app/cache/") || e.path().equals("root/.aws/credentials");
            }

            @Override
            public void accept(LayerRef layer, LayerEntry e, InputStream content) throws IOException {
                seen.put(layer.index() + ":" + e.path(), new String(content.readAllBytes(), StandardCharsets.UTF_8));
            }
        };
        try (Image image = ImageSources.open(app(), Platform.LINUX_AMD64)) {
            WalkResult w =
                    ImageWalker.standard(List.of(grab), ProgressListener.NONE).walk(image);
            assertThat(w.files()).containsKeys("opt/app/cache/c", "opt/app/app.conf", "usr/local/bin/suidtool");
            assertThat(w.files())
                    .doesNotContainKeys(
                            "opt/app/cache/a",
                            "opt/app/cache/b",
                            "root/.aws",
                            "root/.aws/credentials",
                            "etc/issue.net");
            assertThat(w.files().get("opt/app/cache/c").layer()).isEqualTo(3);
            assertThat(w.files().get("opt/app/cache/c").size()).isEqualTo(7);
        }
        assertThat(seen)
                .containsOnlyKeys(
                        "1:opt/app/cache/a", "1:opt/app/cache/b", "1:root/.aws/credentials", "3:opt/app/cache/c");
        assertThat(seen.get("1:opt/app/cache/a")).isEqualTo("alpha");
        assertThat(seen.get("3:opt/app/cache/c")).isEqualTo("charlie");
        assertThat(seen.get("1:root/.aws/credentials")).contains("AKIAFIXTUREFIXTURE00");
    }

    @Test
    void inspectOfTheAppImage() throws Exception {
        JsonNode r = json("inspect", "--format", "json", app());
        assertThat(r.path("kind").asText()).isEqualTo("inspect");
        assertThat(r.at("/image/platform").asText()).isEqualTo("linux/amd64");
        assertThat(r.at("/image/mediaType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        assertThat(r.at("/config/user").asText()).isEqualTo("1000:1000");
        assertThat(r.at("/config/workingDir").asText()).isEqualTo("/opt/app");
        assertThat(r.at("/config/entrypoint").toString()).isEqualTo("[\"/bin/sh\",\"-c\"]");
        assertThat(r.at("/config/cmd").toString()).isEqualTo("[\"echo hello\"]");
        assertThat(r.at("/config/exposedPorts").toString()).isEqualTo("[\"8080/tcp\"]");
        // buildah drops Healthcheck when it converts to an OCI config; the docker-archive keeps it
        assertThat(r.at("/config/healthcheck").isMissingNode()).isTrue();
        JsonNode docker = json(
                "inspect", "--format", "json", Fixtures.dir().resolve("app.tar").toString());
        assertThat(docker.at("/config/healthcheck/Test").toString()).isEqualTo("[\"CMD\",\"/bin/true\"]");
        assertThat(docker.at("/config/healthcheck/Interval").asLong()).isEqualTo(30_000_000_000L);
        assertThat(r.at("/labels/org.opencontainers.image.revision").asText())
                .isEqualTo("0123456789abcdef0123456789abcdef01234567");
        assertThat(r.at("/config/env")).anySatisfy(e -> {
            assertThat(e.path("name").asText()).isEqualTo("API_TOKEN");
            assertThat(e.path("masked").asBoolean()).isTrue();
            assertThat(e.path("value").asText()).doesNotContain("fixture-token");
        });
        assertThat(r.at("/config/env")).anySatisfy(e -> {
            assertThat(e.path("name").asText()).isEqualTo("APP_HOME");
            assertThat(e.path("value").asText()).isEqualTo("/opt/app");
        });
        JsonNode history = r.path("history");
        assertThat(history).hasSize(13);
        List<Integer> layerOf = new ArrayList<>();
        for (JsonNode h : history) {
            layerOf.add(h.path("emptyLayer").asBoolean() ? -1 : h.path("layer").asInt());
        }
        assertThat(layerOf).containsExactly(0, -1, -1, 1, 2, 3, 4, -1, -1, -1, -1, -1, -1);
        assertThat(history.get(6).path("layerDigest").asText())
                .isEqualTo(r.at("/layers/4/digest").asText());
        assertThat(r.path("findings")).isEmpty();

        Cli.Result text = Cli.run("inspect", app());
        assertThat(text.out()).contains("API_TOKEN=<masked, 22 characters>").doesNotContain("fixture-token-not-real\n");
        assertThat(text.out()).contains("User:          1000:1000");
    }

    @Test
    void theSameImageFromEverySourceHasTheSameLayersAndRemnants() throws Exception {
        Path f = Fixtures.dir();
        JsonNode oci = json("layers", "--format", "json", app());
        JsonNode archive =
                json("layers", "--format", "json", "docker-archive:" + f.resolve("app.tar") + ":localhost/app:1");
        JsonNode bare = json("layers", "--format", "json", f.resolve("app.tar").toString());
        JsonNode ociArchive = json("layers", "--format", "json", "oci-archive:" + f.resolve("app-oci.tar") + ":1");
        for (JsonNode other : List.of(archive, bare, ociArchive)) {
            assertThat(diffIds(other)).isEqualTo(diffIds(oci));
            assertThat(other.path("remnants")).isEqualTo(oci.path("remnants"));
            assertThat(other.path("worldWritable")).isEqualTo(oci.path("worldWritable"));
        }
        assertThat(ociArchive.path("digest")).isEqualTo(oci.path("digest"));
        JsonNode inspect = json("inspect", "--format", "json", "docker-archive:" + f.resolve("app.tar"));
        assertThat(inspect.at("/image/manifestSynthesized").asBoolean()).isTrue();
        assertThat(inspect.at("/reference/normalizedNames/0").asText()).isEqualTo("localhost/app:1");
        Cli.Result wrongName = Cli.run("inspect", "docker-archive:" + f.resolve("app.tar") + ":localhost/other:1");
        assertThat(wrongName.code()).isEqualTo(2);
        assertThat(wrongName.errorLine()).contains("has no image named 'localhost/other:1'; names: localhost/app:1");
    }

    @Test
    void aDocker25ArchiveUsesItsRealOciManifest() throws Exception {
        Path layout = Fixtures.dir().resolve("app");
        JsonNode oci = json("inspect", "--format", "json", app());
        String config = oci.at("/image/configDigest").asText().substring(7);
        ArrayNode layers = Crafted.JSON.createArrayNode();
        for (JsonNode l : oci.path("layers")) {
            layers.add("blobs/sha256/" + l.path("digest").asText().substring(7));
        }
        ObjectNode entry = Crafted.JSON.createObjectNode();
        entry.put("Config", "blobs/sha256/" + config);
        entry.putArray("RepoTags").add("localhost/app:1");
        entry.set("Layers", layers);
        byte[] manifestJson =
                Crafted.JSON.writeValueAsBytes(Crafted.JSON.createArrayNode().add(entry));
        Path tar = tmp.resolve("docker25.tar");
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tar));
                Stream<Path> files = Files.walk(layout)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                TarArchiveEntry e =
                        new TarArchiveEntry(p.toFile(), layout.relativize(p).toString());
                out.putArchiveEntry(e);
                Files.copy(p, out);
                out.closeArchiveEntry();
            }
            TarArchiveEntry m = new TarArchiveEntry("manifest.json");
            m.setSize(manifestJson.length);
            out.putArchiveEntry(m);
            out.write(manifestJson);
            out.closeArchiveEntry();
        }
        JsonNode r = json("inspect", "--format", "json", "docker-archive:" + tar + ":localhost/app:1");
        assertThat(r.at("/image/manifestSynthesized").asBoolean()).isFalse();
        assertThat(r.at("/image/digest")).isEqualTo(oci.at("/image/digest"));
        JsonNode walked = json("layers", "--format", "json", tar.toString());
        assertThat(walked.path("remnants")).hasSize(4);
    }

    @Test
    void platformSelectionInAnIndexAndAManifestList() throws Exception {
        Path f = Fixtures.dir();
        for (String layout : List.of("multi", "multi-v2s2")) {
            String ref = "oci:" + f.resolve(layout) + ":1";
            JsonNode amd = json("inspect", "--format", "json", ref);
            assertThat(amd.at("/image/platform").asText()).isEqualTo("linux/amd64");
            assertThat(amd.at("/image/indexDigest").asText()).startsWith("sha256:");
            assertThat(amd.at("/image/indexMediaType").asText())
                    .isEqualTo(
                            layout.equals("multi")
                                    ? "application/vnd.oci.image.index.v1+json"
                                    : "application/vnd.docker.distribution.manifest.list.v2+json");
            JsonNode arm = json("inspect", "--format", "json", "--platform", "linux/arm64/v8", ref);
            assertThat(arm.at("/image/platform").asText()).startsWith("linux/arm64");
            assertThat(arm.at("/image/digest")).isNotEqualTo(amd.at("/image/digest"));
            assertThat(json("inspect", "--format", "json", "--platform", "linux/arm64", ref)
                            .at("/image/digest"))
                    .isEqualTo(arm.at("/image/digest"));
            Cli.Result missing = Cli.run("inspect", "--platform", "linux/s390x", ref);
            assertThat(missing.code()).isEqualTo(2);
            assertThat(missing.errorLine())
                    .contains("has no image for platform linux/s390x; available: linux/amd64, linux/arm64/v8");
            Cli.Result bad = Cli.run("inspect", "--platform", "linux", ref);
            assertThat(bad.code()).isEqualTo(2);
            assertThat(bad.errorLine()).contains("invalid platform 'linux'");
        }
    }

    @Test
    void theDebianBaseAsADockerArchiveDetectedByContent() throws Exception {
        JsonNode r = json(
                "layers",
                "--format",
                "json",
                Fixtures.dir().resolve("debian.tar").toString());
        assertThat(r.path("layers")).hasSize(1);
        assertThat(r.at("/layers/0/createdBy").asText()).isEqualTo("mmdebstrap --variant=minbase bookworm");
        assertThat(r.at("/totals/files").asInt()).isGreaterThan(5000);
        assertThat(r.path("remnants")).isEmpty();
        assertThat(r.path("worldWritable")).isEmpty();
        assertThat(r.path("setuidSetgid"))
                .extracting(n -> n.path("path").asText())
                .contains("/usr/bin/su", "/usr/bin/passwd");
    }

    private static List<String> diffIds(JsonNode layersReport) {
        List<String> ids = new ArrayList<>();
        layersReport.path("layers").forEach(l -> ids.add(l.path("diffId").asText()));
        return ids;
    }
}
