package dev.vouch.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vouch.Fuzzing;
import dev.vouch.fs.ImageWalker;
import dev.vouch.fs.WalkResult;
import dev.vouch.hardening.HardeningAnalyzer;
import dev.vouch.image.Digest;
import dev.vouch.image.Image;
import dev.vouch.layer.Compression;
import dev.vouch.layer.ProgressListener;
import dev.vouch.sbom.Catalog;
import dev.vouch.secret.SecretScanner;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A whole image as vouch opens and reads it: a docker-archive's {@code manifest.json}, an OCI layout's
 * {@code index.json}, the image manifest (or index) and config JSON, and one layer (raw tar, gzip or zstd) walked by
 * the layer scanner with the package, secret and hardening analyzers.
 *
 * <p>The input is five parts separated by a line {@code =====}: manifest.json, config, index.json, the OCI manifest,
 * the layer bytes. So that the fuzzer reaches past digest checks, the text parts may name the others by placeholder:
 * {@code @LAYER@}, {@code @LAYERSIZE@}, {@code @DIFF@} (the layer's uncompressed digest), {@code @CONFIG@},
 * {@code @CONFIGSIZE@}, {@code @MANIFEST@}, {@code @MANIFESTSIZE@}; digests are bare hex. An empty manifest.json part
 * makes the input an OCI layout.
 */
class ImageArchiveFuzzTest {
    private static final byte[] SEPARATOR = "\n=====\n".getBytes(StandardCharsets.US_ASCII);

    @FuzzTest
    void image(byte[] input) {
        Fuzzing.declared(() -> walk(split(input)));
    }

    /**
     * The seeds ({@code seed_*}; the other inputs are findings) are whole, valid images: each opens and walks to its
     * end, so the fuzzer starts past every check.
     */
    @Test
    void everySeedIsAnImageThatWalksToItsEnd() throws Exception {
        Path seeds = Path.of(
                getClass().getResource("ImageArchiveFuzzTestInputs/image").toURI());
        List<Path> images;
        try (Stream<Path> files = Files.list(seeds)) {
            images = files.filter(p -> p.getFileName().toString().startsWith("seed_"))
                    .toList();
        }
        assertThat(images).hasSizeGreaterThanOrEqualTo(4);
        for (Path seed : images) {
            WalkResult walk = walk(split(Files.readAllBytes(seed)));
            assertThat(walk.scans().get(0).entries())
                    .as(seed.getFileName().toString())
                    .extracting(e -> e.path())
                    .contains("var/lib/dpkg/status", "usr/bin/helper", "app/.env");
        }
    }

    private static WalkResult walk(List<byte[]> parts) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        byte[] layer = parts.get(4);
        names.put("@LAYER@", Digest.sha256(layer).hex());
        names.put("@LAYERSIZE@", Integer.toString(layer.length));
        names.put("@DIFF@", uncompressedDigest(layer));
        byte[] config = fill(parts.get(1), names);
        names.put("@CONFIG@", Digest.sha256(config).hex());
        names.put("@CONFIGSIZE@", Integer.toString(config.length));
        byte[] manifest = fill(parts.get(3), names);
        names.put("@MANIFEST@", Digest.sha256(manifest).hex());
        names.put("@MANIFESTSIZE@", Integer.toString(manifest.length));
        byte[] index = fill(parts.get(2), names);
        byte[] archiveManifest = fill(parts.get(0), names);
        files.put("blobs/sha256/" + names.get("@LAYER@"), layer);
        files.put("blobs/sha256/" + names.get("@CONFIG@"), config);
        files.put("blobs/sha256/" + names.get("@MANIFEST@"), manifest);
        if (index.length > 0) {
            files.put("index.json", index);
            files.put("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        }
        Image image;
        if (archiveManifest.length > 0) {
            files.put("manifest.json", archiveManifest);
            image = DockerArchiveSource.open(new InMemory(files), "fuzz", null, null);
        } else {
            image = OciLayoutSource.open(new InMemory(files), "fuzz", null, null);
        }
        return new ImageWalker(
                        List.of(Catalog.standard(), new SecretScanner(), new HardeningAnalyzer()),
                        ProgressListener.NONE,
                        1)
                .walk(image);
    }

    /** The layer's digest after decompression, when it decompresses within a bound; else its own. */
    private static String uncompressedDigest(byte[] layer) {
        try (BufferedInputStream in = new BufferedInputStream(new ByteArrayInputStream(layer))) {
            Compression c = Compression.sniff(in, "layer");
            try (InputStream plain = c.decompress(in, "layer")) {
                return Digest.sha256(plain.readNBytes(4 << 20)).hex();
            }
        } catch (IOException | RuntimeException notAStream) {
            return Digest.sha256(layer).hex();
        }
    }

    private static byte[] fill(byte[] text, Map<String, String> names) {
        String s = new String(text, StandardCharsets.UTF_8);
        for (Map.Entry<String, String> e : names.entrySet()) {
            s = s.replace(e.getKey(), e.getValue());
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<byte[]> split(byte[] input) {
        List<byte[]> parts = new ArrayList<>();
        int from = 0;
        for (int i = 0; i + SEPARATOR.length <= input.length && parts.size() < 4; i++) {
            if (Arrays.equals(input, i, i + SEPARATOR.length, SEPARATOR, 0, SEPARATOR.length)) {
                parts.add(Arrays.copyOfRange(input, from, i));
                i += SEPARATOR.length - 1;
                from = i + 1;
            }
        }
        parts.add(Arrays.copyOfRange(input, Math.min(from, input.length), input.length));
        while (parts.size() < 5) {
            parts.add(0, new byte[0]);
        }
        return parts;
    }

    /** The archive's files, in memory. */
    private record InMemory(Map<String, byte[]> files) implements ArchiveAccess {
        @Override
        public String description() {
            return "fuzz.tar";
        }

        @Override
        public boolean exists(String name) {
            return files.containsKey(name);
        }

        @Override
        public long size(String name) {
            byte[] b = files.get(name);
            return b == null ? -1 : b.length;
        }

        @Override
        public InputStream open(String name) throws IOException {
            byte[] b = files.get(name);
            if (b == null) {
                throw new dev.vouch.error.InvalidInputException("fuzz.tar: " + name + " is missing");
            }
            return new ByteArrayInputStream(b);
        }

        @Override
        public List<String> topLevelNames() {
            return files.keySet().stream()
                    .map(n -> n.contains("/") ? n.substring(0, n.indexOf('/')) : n)
                    .distinct()
                    .toList();
        }

        @Override
        public void close() {}
    }
}
