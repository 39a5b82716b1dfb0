package dev.vouch.layer;

import dev.vouch.image.Digest;
import dev.vouch.report.Version;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * Per-layer results on disk, beside the blob cache: {@code DIR/layers/HEX}, where HEX hashes the blob digest, the
 * diff_id it was verified to decompress to, the analyzers, and the build of vouch that stored it (results are never
 * given to another build's analyzers). Each file is a {@link LayerResultCodec} record; one that is not intact, or
 * not what its name says, is removed and the layer read again. Files enter whole, by atomic rename, and are
 * pruned with the blobs, least recently used first.
 */
public final class LayerResultCache implements LayerResultStore {
    /** A stored result larger than this is not read (a layer of a million entries stays well under it). */
    private static final long MAX_BYTES = 256L << 20;

    private final Path dir;
    private final String build;

    public LayerResultCache(Path cacheDir) {
        this.dir = cacheDir.toAbsolutePath().normalize();
        this.build = build();
    }

    /** The version and, for a jar, its size and time: two builds of one snapshot version differ. */
    public static String build() {
        String v = Version.number();
        try {
            var src = LayerResultCache.class.getProtectionDomain().getCodeSource();
            Path p = src == null ? null : Path.of(src.getLocation().toURI());
            if (p != null && Files.isRegularFile(p)) {
                return v + "+" + Files.size(p) + "."
                        + Files.getLastModifiedTime(p).toMillis();
            }
        } catch (Exception unknown) {
            // classes in a directory (tests): the version alone
        }
        return v;
    }

    Path path(Digest blob, Digest diffId, String analyzers) {
        return dir.resolve("layers").resolve(LayerResultCodec.key(build, blob, diffId, analyzers));
    }

    @Override
    public boolean has(Digest blob, Digest diffId, String analyzers) {
        return Files.isRegularFile(path(blob, diffId, analyzers));
    }

    @Override
    public StoredLayer find(Digest blob, Digest diffId, String analyzers) {
        Path p = path(blob, diffId, analyzers);
        byte[] bytes;
        try {
            if (!Files.isRegularFile(p) || Files.size(p) > MAX_BYTES) {
                return null;
            }
            bytes = Files.readAllBytes(p);
        } catch (IOException unreadable) {
            return null;
        }
        StoredLayer kept = LayerResultCodec.decode(bytes, blob, diffId, analyzers);
        if (kept == null) {
            // damaged, or not what its name says: never used, and read again by the walk
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a read-only cache: the layer is read either way
            }
            return null;
        }
        try {
            Files.setLastModifiedTime(p, FileTime.from(Instant.now()));
        } catch (IOException ignored) {
            // a read-only cache still serves reads
        }
        return kept;
    }

    @Override
    public void put(StoredLayer layer) {
        Path target = path(layer.blob(), layer.diffId(), layer.analyzers());
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            Path tmpDir = Files.createDirectories(dir.resolve("tmp"));
            tmp = Files.createTempFile(tmpDir, "layer-", ".part");
            Files.write(tmp, LayerResultCodec.encode(layer));
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException notKept) {
            // a full disk or a read-only cache: the next walk reads the layer again
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // removed with stale temporaries by the next prune
                }
            }
        }
    }
}
