package dev.vouch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vouch.cli.Crafted.LayerBlob;
import dev.vouch.cli.Crafted.Layout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken images made by test code: each must stop vouch with exit code 2 and one line that names the
 * problem, and must leave every file as it was.
 */
class CraftedImagesTest {
    @TempDir
    Path tmp;

    private static byte[] simpleTar() throws IOException {
        return new Crafted.Tar().dir("etc").file("etc/hello", "hello\n").bytes();
    }

    private Layout layout(List<LayerBlob> layers) throws IOException {
        return Crafted.layout(tmp.resolve("img"), layers, 0);
    }

    /** Runs {@code layers} and checks the contract for bad input; returns the error line. */
    private String failsWithOneLine(Path dir) throws IOException {
        Map<String, String> before = snapshot(tmp);
        Cli.Result r = Cli.run("layers", "oci:" + dir);
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        String line = r.errorLine();
        assertThat(line).startsWith("vouch: ").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(snapshot(tmp)).as("no file written or changed").isEqualTo(before);
        return line;
    }

    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                files.put(
                        root.relativize(p).toString(),
                        Files.isRegularFile(p)
                                ? Crafted.sha256(Files.readAllBytes(p)) + Files.getLastModifiedTime(p)
                                : "dir");
            }
        }
        return files;
    }

    @Test
    void aGoodCraftedImageIsRead() throws Exception {
        Layout l = layout(List.of(LayerBlob.gzipped(simpleTar())));
        Cli.Result r = Cli.run("layers", "--format", "json", "oci:" + l.dir());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.json().at("/totals/files").asInt()).isEqualTo(1);
    }

    @Test
    void layerDigestMismatch() throws Exception {
        Layout l = layout(List.of(LayerBlob.gzipped(simpleTar())));
        Crafted.flipByte(l.blob(l.layerDigests().get(0)));
        assertThat(failsWithOneLine(l.dir()))
                .contains("layer 0 (" + l.layerDigests().get(0) + ")")
                .containsPattern(
                        "digest mismatch: expected " + l.layerDigests().get(0) + ", got sha256:[0-9a-f]{64}|corrupt");
    }

    @Test
    void aLocalBlobChangedAfterItsResultsWereStoredIsStillRefused() throws Exception {
        Layout l = layout(List.of(LayerBlob.gzipped(simpleTar())));
        String cache = tmp.resolve("stored").toString();
        Cli.Result first = Cli.run("layers", "--format", "json", "--cache-dir", cache, "oci:" + l.dir());
        assertThat(first.code()).as(first.err()).isZero();
        Cli.Result stored = Cli.run("layers", "--format", "json", "--cache-dir", cache, "oci:" + l.dir());
        assertThat(stored.json().at("/layers/0/fromStoredResults").asBoolean()).isTrue();
        // the user's own file changes: its results are stored, but its bytes are hashed again and do not match
        Crafted.flipByte(l.blob(l.layerDigests().get(0)));
        Cli.Result changed = Cli.run("layers", "--format", "json", "--cache-dir", cache, "oci:" + l.dir());
        assertThat(changed.code()).as(changed.err()).isEqualTo(2);
        assertThat(changed.errorLine())
                .contains("layer 0 (" + l.layerDigests().get(0) + ")")
                .contains("digest mismatch: expected " + l.layerDigests().get(0));
    }

    @Test
    void layerDigestMismatchInAnUncompressedLayerNamesBothDigests() throws Exception {
        byte[] tar = simpleTar();
        Layout l = layout(List.of(new LayerBlob(tar, tar, "application/vnd.oci.image.layer.v1.tar")));
        Path blob = l.blob(l.layerDigests().get(0));
        byte[] b = Files.readAllBytes(blob);
        b[600] ^= 1; // inside the file's data, so the tar still parses
        Files.write(blob, b);
        assertThat(failsWithOneLine(l.dir()))
                .matches("vouch: layer 0 \\(" + l.layerDigests().get(0)
                        + "\\)( diff_id)?: digest mismatch: expected sha256:[0-9a-f]{64}, got sha256:[0-9a-f]{64}");
    }

    @Test
    void configDigestMismatch() throws Exception {
        Layout l = layout(List.of(LayerBlob.gzipped(simpleTar())));
        Path config = l.blob(l.configDigest());
        Files.writeString(config, Files.readString(config).replace("amd64", "arm64"));
        assertThat(failsWithOneLine(l.dir()))
                .startsWith("vouch: config " + l.configDigest() + ": digest mismatch: expected " + l.configDigest()
                        + ", got sha256:");
    }

    @Test
    void manifestDigestMismatch() throws Exception {
        Layout l = layout(List.of(LayerBlob.gzipped(simpleTar())));
        Path manifest = l.blob(l.manifestDigest());
        Files.writeString(manifest, Files.readString(manifest).replace("\"schemaVersion\":2", "\"schemaVersion\":2 "));
        assertThat(failsWithOneLine(l.dir())).contains("manifest " + l.manifestDigest() + ": size mismatch");
        Files.writeString(manifest, Files.readString(manifest).replace("\"schemaVersion\":2 ", "\"schemaVersion\":3"));
        assertThat(failsWithOneLine(l.dir()))
                .startsWith(
                        "vouch: manifest " + l.manifestDigest() + ": digest mismatch: expected " + l.manifestDigest());
    }

    @Test
    void truncatedGzip() throws Exception {
        byte[] tar = new Crafted.Tar()
                .file("big", "x".repeat(100_000) + "y".repeat(50_000))
                .bytes();
        byte[] gz = Crafted.gzip(tar);
        byte[] cut = Arrays.copyOf(gz, gz.length / 2);
        Layout l = layout(List.of(new LayerBlob(cut, tar, "application/vnd.oci.image.layer.v1.tar+gzip")));
        assertThat(failsWithOneLine(l.dir())).contains("layer 0 (").contains("truncated");
    }

    @Test
    void pathTraversalAndAbsoluteNames() throws Exception {
        Layout dots = layout(List.of(
                LayerBlob.gzipped(new Crafted.Tar().file("../../etc/evil", "x").bytes())));
        assertThat(failsWithOneLine(dots.dir()))
                .contains("[TAR002]")
                .contains("'../../etc/evil'")
                .contains("path traversal");
        Layout abs = Crafted.layout(
                tmp.resolve("abs"),
                List.of(LayerBlob.gzipped(
                        new Crafted.Tar().file("/etc/evil", "x").bytes())),
                0);
        assertThat(failsWithOneLine(abs.dir())).contains("[TAR001]").contains("'/etc/evil'");
    }

    @Test
    void symlinkLoop() throws Exception {
        Layout l = layout(List.of(LayerBlob.gzipped(
                new Crafted.Tar().symlink("a", "b").symlink("b", "/a").bytes())));
        assertThat(failsWithOneLine(l.dir()))
                .contains("[TAR008]")
                .contains("symlink loop")
                .contains("(and 1 more)");
    }

    @Test
    void hardlinkLoop() throws Exception {
        Layout l = layout(List.of(LayerBlob.gzipped(
                new Crafted.Tar().hardlink("a", "b").hardlink("b", "a").bytes())));
        assertThat(failsWithOneLine(l.dir()))
                .contains("[TAR007]")
                .contains("/a")
                .contains("hardlink to /b, which does not exist");
    }

    @Test
    void whiteoutOfAFileThatNeverExisted() throws Exception {
        Layout l = layout(List.of(
                LayerBlob.gzipped(simpleTar()),
                LayerBlob.gzipped(
                        new Crafted.Tar().dir("etc").file("etc/.wh.ghost", "").bytes())));
        assertThat(failsWithOneLine(l.dir()))
                .contains("[TAR006] layer 1")
                .contains("/etc/ghost")
                .contains("no lower layer");
    }

    @Test
    void duplicateEntries() throws Exception {
        Layout l = layout(List.of(LayerBlob.gzipped(
                new Crafted.Tar().file("x", "one").file("./x", "two").bytes())));
        assertThat(failsWithOneLine(l.dir()))
                .contains("[TAR005]")
                .contains("'./x'")
                .contains("twice");
    }

    @Test
    void moreLayersThanDiffIds() throws Exception {
        Layout l = Crafted.layout(
                tmp.resolve("img"), List.of(LayerBlob.gzipped(simpleTar()), LayerBlob.gzipped(simpleTar())), -1);
        assertThat(failsWithOneLine(l.dir()))
                .isEqualTo("vouch: manifest " + l.manifestDigest() + " lists 2 layers but config " + l.configDigest()
                        + " has 1 diff_ids");
    }

    @Test
    void inspectAlsoRefusesTamperedConfigs() throws Exception {
        Layout l = layout(List.of(LayerBlob.gzipped(simpleTar())));
        Crafted.flipByte(l.blob(l.configDigest()));
        Cli.Result r = Cli.run("inspect", "oci:" + l.dir());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errorLine()).contains("config " + l.configDigest() + ": digest mismatch");
    }

    @Test
    void debugAddsTheStackTrace() throws Exception {
        Layout l = layout(List.of(LayerBlob.gzipped(simpleTar())));
        Crafted.flipByte(l.blob(l.configDigest()));
        Cli.Result r = Cli.run("inspect", "--debug", "oci:" + l.dir());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("IntegrityException").contains("\tat ");
    }

    @Test
    void hugeManifestIsRefusedBeforeReading() throws Exception {
        Layout l = layout(List.of(LayerBlob.gzipped(simpleTar())));
        Path index = l.dir().resolve("index.json");
        Files.writeString(index, Files.readString(index).replaceAll("\"size\":\\d+", "\"size\":99999999"));
        assertThat(failsWithOneLine(l.dir())).contains("exceeds the 4194304-byte limit");
    }

    @Test
    void duplicateJsonKeysAreRefused() throws Exception {
        Layout l = layout(List.of(LayerBlob.gzipped(simpleTar())));
        Files.writeString(l.dir().resolve("index.json"), "{\"schemaVersion\":2,\"schemaVersion\":2,\"manifests\":[]}");
        assertThat(failsWithOneLine(l.dir())).contains("index.json").contains("Duplicate field 'schemaVersion'");
    }
}
