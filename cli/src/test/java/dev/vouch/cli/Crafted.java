package dev.vouch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Small hand-made images for the edge cases real tools will not produce: written as OCI layouts by test code. */
final class Crafted {
    static final ObjectMapper JSON = new ObjectMapper();

    private Crafted() {}

    /** A tar stream built entry by entry; names are written exactly as given (absolute and ".." included). */
    static final class Tar {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

        Tar() {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        }

        Tar file(String name, String content) throws IOException {
            return file(name, content, 0644);
        }

        Tar file(String name, String content, int mode) throws IOException {
            return file(name, content.getBytes(StandardCharsets.UTF_8), mode);
        }

        Tar file(String name, byte[] data, int mode) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name, true);
            e.setSize(data.length);
            e.setMode(0100000 | mode);
            tar.putArchiveEntry(e);
            tar.write(data);
            tar.closeArchiveEntry();
            return this;
        }

        Tar dir(String name) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", true);
            tar.putArchiveEntry(e);
            tar.closeArchiveEntry();
            return this;
        }

        Tar symlink(String name, String target) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
            e.setLinkName(target);
            tar.putArchiveEntry(e);
            tar.closeArchiveEntry();
            return this;
        }

        Tar hardlink(String name, String target) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
            e.setLinkName(target);
            tar.putArchiveEntry(e);
            tar.closeArchiveEntry();
            return this;
        }

        byte[] bytes() throws IOException {
            tar.finish();
            tar.close();
            return bytes.toByteArray();
        }
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    static String sha256(byte[] data) {
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One layer: the blob as stored and the uncompressed tar its diff_id is computed from. */
    record LayerBlob(byte[] blob, byte[] tar, String mediaType) {
        static LayerBlob gzipped(byte[] tar) throws IOException {
            return new LayerBlob(gzip(tar), tar, "application/vnd.oci.image.layer.v1.tar+gzip");
        }
    }

    /** What was written, so that tests can tamper with it. */
    record Layout(Path dir, String manifestDigest, String configDigest, List<String> layerDigests) {
        Path blob(String digest) {
            return dir.resolve("blobs/sha256/" + digest.substring("sha256:".length()));
        }
    }

    /** Writes an OCI layout with one image of these layers; {@code extraDiffIds} adds or (negative) drops diff_ids. */
    static Layout layout(Path dir, List<LayerBlob> layers, int extraDiffIds) throws IOException {
        return layout(dir, layers, extraDiffIds, c -> {});
    }

    /** As {@link #layout(Path, List, int)}, with the image config adjusted first (env, labels, history…). */
    static Layout layout(
            Path dir, List<LayerBlob> layers, int extraDiffIds, java.util.function.Consumer<ObjectNode> configure)
            throws IOException {
        Files.createDirectories(dir.resolve("blobs/sha256"));
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        ArrayNode diffIds = JSON.createArrayNode();
        ArrayNode layerDescs = JSON.createArrayNode();
        List<String> layerDigests = new ArrayList<>();
        for (LayerBlob l : layers) {
            diffIds.add(sha256(l.tar()));
            String d = write(dir, l.blob());
            layerDigests.add(d);
            layerDescs.add(desc(l.mediaType(), d, l.blob().length));
        }
        for (int i = 0; i < extraDiffIds; i++) {
            diffIds.add(sha256(new byte[] {(byte) i}));
        }
        for (int i = 0; i < -extraDiffIds; i++) {
            diffIds.remove(diffIds.size() - 1);
        }
        ObjectNode config = JSON.createObjectNode();
        config.put("architecture", "amd64").put("os", "linux");
        config.putObject("config").putArray("Cmd").add("/bin/true");
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        rootfs.set("diff_ids", diffIds);
        configure.accept(config);
        byte[] configBytes = JSON.writeValueAsBytes(config);
        String configDigest = write(dir, configBytes);
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        manifest.set("config", desc("application/vnd.oci.image.config.v1+json", configDigest, configBytes.length));
        manifest.set("layers", layerDescs);
        byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
        String manifestDigest = write(dir, manifestBytes);
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        ObjectNode m = desc("application/vnd.oci.image.manifest.v1+json", manifestDigest, manifestBytes.length);
        m.putObject("annotations").put("org.opencontainers.image.ref.name", "latest");
        index.putArray("manifests").add(m);
        Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(index));
        return new Layout(dir, manifestDigest, configDigest, layerDigests);
    }

    private static ObjectNode desc(String mediaType, String digest, long size) {
        ObjectNode d = JSON.createObjectNode();
        d.put("mediaType", mediaType).put("digest", digest).put("size", size);
        return d;
    }

    static String write(Path dir, byte[] data) throws IOException {
        String d = sha256(data);
        Files.write(dir.resolve("blobs/sha256/" + d.substring(7)), data);
        return d;
    }

    /** Flips one byte in the middle of a file, keeping its size. */
    static void flipByte(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        b[b.length / 2] ^= 0x01;
        Files.write(file, b);
    }
}
