package dev.vouch.cache;

import dev.vouch.error.IntegrityException;
import dev.vouch.error.InvalidInputException;
import dev.vouch.image.Digest;
import dev.vouch.image.DigestingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * A content-addressed store of blobs on disk, {@code DIR/blobs/ALGORITHM/HEX}, laid out like an OCI layout's
 * {@code blobs/}. A blob enters only whole and verified: it is written to a temporary file in {@code DIR/tmp},
 * its digest and size checked, then renamed into place atomically, so two processes filling the cache at once
 * each see either no file or the complete one. Every read is verified again; a corrupt entry is removed and
 * reported. Reads refresh the modification time, which {@link #prune} uses to evict the least recently used.
 */
public final class BlobCache {
    private static final Duration STALE_TEMP = Duration.ofHours(1);

    private final Path dir;

    public BlobCache(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path dir() {
        return dir;
    }

    Path path(Digest d) {
        return dir.resolve("blobs").resolve(d.algorithm()).resolve(d.hex());
    }

    /** The size of the cached blob, or -1 when it is not cached. */
    public long size(Digest d) {
        try {
            return Files.size(path(d));
        } catch (IOException e) {
            return -1;
        }
    }

    public boolean has(Digest d) {
        return Files.isRegularFile(path(d));
    }

    /**
     * Opens a cached blob; its digest and size are checked when the stream ends, and a mismatch removes the entry.
     * Null when the blob is not cached.
     */
    public DigestingInputStream open(Digest d, long expectedSize, String what) throws IOException {
        Path p = path(d);
        InputStream raw;
        try {
            raw = Files.newInputStream(p);
        } catch (NoSuchFileException e) {
            return null;
        }
        try {
            Files.setLastModifiedTime(p, FileTime.from(Instant.now()));
        } catch (IOException ignored) {
            // a read-only cache still serves reads
        }
        return new DigestingInputStream(raw, what + " (cached at " + p + ")", d, expectedSize).onMismatch(() -> {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // the next run finds it corrupt again and says so
            }
        });
    }

    /** Stores small bytes (a manifest) after checking they hash to the digest. */
    public void put(Digest d, byte[] bytes) throws IOException {
        if (!Digest.of(d.algorithm(), bytes).equals(d)) {
            throw new IntegrityException("refusing to cache bytes under " + d + ": they hash to something else");
        }
        if (has(d)) {
            return;
        }
        Path tmp = temp();
        try {
            Files.write(tmp, bytes);
            commit(tmp, d);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Copies a stream into the cache as the blob {@code d}: the bytes are hashed and counted while written and the
     * file is moved into place only when both match. On a mismatch nothing is kept and {@link IntegrityException}
     * names the blob.
     */
    public void store(Digest d, long size, InputStream in, String what, LongConsumer progress) throws IOException {
        Path tmp = temp();
        try {
            try (DigestingInputStream verified = new DigestingInputStream(in, what, d, size);
                    OutputStream out = Files.newOutputStream(tmp)) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = verified.read(buf, 0, buf.length)) >= 0) {
                    out.write(buf, 0, n);
                    progress.accept(n);
                }
            }
            commit(tmp, d);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private Path temp() throws IOException {
        Path tmpDir = dir.resolve("tmp");
        try {
            Files.createDirectories(tmpDir);
        } catch (IOException e) {
            throw new InvalidInputException("cache directory " + dir + " cannot be created: " + e.getMessage());
        }
        return Files.createTempFile(tmpDir, "blob-", ".part");
    }

    private void commit(Path tmp, Digest d) throws IOException {
        Path target = path(d);
        Files.createDirectories(target.getParent());
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** What {@link #prune} did. */
    public record PruneResult(int removed, long freedBytes, long keptBytes, int keptBlobs, int removedLayerResults) {}

    /** The blobs cached and their total size. */
    public record Usage(int blobs, long bytes, int layerResults) {}

    public Usage usage() throws IOException {
        List<Entry> entries = entries();
        int results = (int) entries.stream().filter(Entry::layerResult).count();
        return new Usage(
                entries.size() - results,
                entries.stream().mapToLong(Entry::size).sum(),
                results);
    }

    /**
     * Removes the least recently used blobs until the cache holds at most {@code maxBytes}, and temporary files
     * older than an hour (left by processes that died).
     */
    public PruneResult prune(long maxBytes) throws IOException {
        removeStaleTemps();
        List<Entry> entries = new ArrayList<>(entries());
        entries.sort(Comparator.comparing(Entry::used));
        long total = entries.stream().mapToLong(Entry::size).sum();
        int removed = 0;
        int removedResults = 0;
        long freed = 0;
        for (Entry e : entries) {
            if (total <= maxBytes) {
                break;
            }
            if (Files.deleteIfExists(e.path())) {
                if (e.layerResult()) {
                    removedResults++;
                } else {
                    removed++;
                }
                freed += e.size();
            }
            total -= e.size();
        }
        int blobs = (int) entries.stream().filter(e -> !e.layerResult()).count();
        return new PruneResult(removed, freed, total, blobs - removed, removedResults);
    }

    private record Entry(Path path, long size, FileTime used, boolean layerResult) {}

    /** The blobs and the per-layer results stored beside them ({@code dev.vouch.layer.LayerResultCache}): pruned together. */
    private List<Entry> entries() throws IOException {
        List<Entry> out = new ArrayList<>();
        for (String kind : List.of("blobs", "layers")) {
            entries(dir.resolve(kind), out);
        }
        return out;
    }

    private static void entries(Path under, List<Entry> out) throws IOException {
        if (!Files.isDirectory(under)) {
            return;
        }
        try (Stream<Path> files = Files.walk(under, 2)) {
            files.forEach(p -> {
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    if (a.isRegularFile()) {
                        out.add(new Entry(p, a.size(), a.lastModifiedTime(), under.endsWith("layers")));
                    }
                } catch (NoSuchFileException ignored) {
                    // removed by another process meanwhile
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void removeStaleTemps() throws IOException {
        Path tmpDir = dir.resolve("tmp");
        if (!Files.isDirectory(tmpDir)) {
            return;
        }
        Instant cutoff = Instant.now().minus(STALE_TEMP);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(tmpDir)) {
            for (Path p : ds) {
                try {
                    if (Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
                        Files.deleteIfExists(p);
                    }
                } catch (NoSuchFileException ignored) {
                    // gone already
                }
            }
        }
    }
}
