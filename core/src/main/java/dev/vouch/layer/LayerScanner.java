package dev.vouch.layer;

import dev.vouch.error.InvalidInputException;
import dev.vouch.error.VouchException;
import dev.vouch.image.DigestingInputStream;
import dev.vouch.image.Image;
import dev.vouch.image.Layer;
import dev.vouch.io.BoundedReads;
import dev.vouch.report.Finding;
import dev.vouch.report.Location;
import dev.vouch.report.Severity;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.io.input.ReadAheadInputStream;

/**
 * Reads one layer in a single streaming pass, nothing written to disk: the blob is hashed against the layer
 * digest, decompressed (the compression is sniffed), hashed again against the diff_id, guarded by
 * {@link TarHeaderGuard} and walked entry by entry. Hostile names become findings (TAR001-TAR005) and never enter
 * the entry list; each regular file's content goes to the {@link Analyzer}s that want it. Both streams are read to
 * their end so that both digests are always checked.
 */
public final class LayerScanner {
    /** The most tar entries one layer may hold. */
    public static final long MAX_ENTRIES = 1_000_000;
    /** The largest file handed to more than one analyzer (it is buffered once for all of them). */
    static final int MAX_SHARED_CONTENT = 16 << 20;
    /** How far the decompressing thread may run ahead of the tar parser. */
    static final int READ_AHEAD_BYTES = 1 << 20;

    private static final String WHITEOUT_PREFIX = ".wh.";
    private static final String OPAQUE_MARKER = ".wh..wh..opq";

    private final List<Analyzer> analyzers;
    private final ProgressListener progress;

    public LayerScanner(List<Analyzer> analyzers, ProgressListener progress) {
        this.analyzers = List.copyOf(analyzers);
        this.progress = progress == null ? ProgressListener.NONE : progress;
    }

    public LayerScan scan(Image image, Layer layer) throws IOException {
        LayerRef ref = new LayerRef(layer.index(), layer.descriptor().digest(), layer.diffId());
        if (!layer.available()) {
            return new LayerScan(ref, false, List.of(), List.of(), 0, 0);
        }
        String what = layer.name();
        try (DigestingInputStream blob = image.openLayer(layer)) {
            try {
                return read(layer, ref, what, blob);
            } catch (IOException | RuntimeException e) {
                throw rootCause(e, blob);
            }
        }
    }

    private LayerScan read(Layer layer, LayerRef ref, String what, DigestingInputStream blob) throws IOException {
        List<LayerEntry> entries = new ArrayList<>();
        List<Finding> anomalies = new ArrayList<>();
        InputStream readAhead = null;
        FailureMemo decompressorFailure = null;
        try {
            // the decompressor chain must not close the blob: on failure its rest is hashed to find the root cause
            BufferedInputStream compressed =
                    new BufferedInputStream(new ProgressInputStream(new NonClosing(blob), progress), 1 << 16);
            Compression compression = Compression.sniff(compressed, what);
            FailureMemo memo = new FailureMemo(compression.decompress(compressed, what));
            decompressorFailure = memo;
            InputStream decompressed = memo;
            if (compression != Compression.NONE) {
                // inflate (and the blob hash under it) on a second thread while this one hashes and parses the tar
                readAhead = ReadAheadInputStream.builder()
                        .setInputStream(decompressed)
                        .setBufferSize(READ_AHEAD_BYTES)
                        .get();
                decompressed = readAhead;
            }
            DigestingInputStream tarBytes =
                    new DigestingInputStream(decompressed, what + " diff_id", layer.diffId(), -1);
            TarHeaderGuard guard = new TarHeaderGuard(tarBytes, what, MAX_ENTRIES);
            TarArchiveInputStream tar =
                    new TarArchiveInputStream(new BufferedInputStream(guard, 1 << 16), StandardCharsets.UTF_8.name());
            walk(ref, what, tar, entries, anomalies);
            tarBytes.drain();
            blob.drain();
            progress.layerDone(layer.index());
            return new LayerScan(ref, true, entries, anomalies, blob.count(), tarBytes.count());
        } catch (VouchException e) {
            // a decompressor failure on the read-ahead thread can surface here only as an early end of stream
            if (decompressorFailure != null && decompressorFailure.failure != null) {
                throw translate(what, decompressorFailure.failure);
            }
            throw e;
        } catch (IOException e) {
            if (decompressorFailure != null && decompressorFailure.failure != null) {
                throw translate(what, decompressorFailure.failure);
            }
            throw translate(what, e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new InvalidInputException(what + ": unreadable layer: " + e.getMessage(), e);
        } finally {
            if (readAhead != null) {
                readAhead.close(); // stops the read-ahead thread before anyone touches the blob again
            }
        }
    }

    /** Turns a read failure into its one-line error; failures from the read-ahead thread arrive wrapped. */
    private static RuntimeException translate(String what, IOException e) {
        Throwable cause = e;
        while (cause instanceof IOException && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof VouchException v) {
            return v;
        }
        if (cause instanceof java.util.zip.ZipException || cause instanceof java.io.EOFException) {
            return new InvalidInputException(
                    what + ": corrupt or truncated compressed stream: " + cause.getMessage(), e);
        }
        return new InvalidInputException(what + ": unreadable layer: " + cause.getMessage(), e);
    }

    /**
     * When reading a layer fails, the blob's own digest is the first suspect: a tampered blob usually breaks the
     * decompressor or the tar parser before its end is reached. Reading the rest of the blob settles it, so the
     * user hears "digest mismatch" rather than a symptom.
     */
    private static RuntimeException rootCause(Exception failure, DigestingInputStream blob) {
        if (!(failure instanceof dev.vouch.error.IntegrityException) && blob.actual() == null) {
            try {
                blob.drain();
            } catch (dev.vouch.error.IntegrityException mismatch) {
                return mismatch;
            } catch (IOException | RuntimeException ignored) {
                // the original failure says more
            }
        }
        if (failure instanceof RuntimeException r) {
            return r;
        }
        return new InvalidInputException(failure.getMessage(), failure);
    }

    private void walk(
            LayerRef ref, String what, TarArchiveInputStream tar, List<LayerEntry> entries, List<Finding> anomalies)
            throws IOException {
        Set<String> seen = new HashSet<>();
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
            String raw = e.getName();
            EntryNames.Result name = EntryNames.normalize(raw);
            if (!name.ok()) {
                anomalies.add(anomaly(ref, name.ruleId(), raw, name.problem()));
                continue;
            }
            LayerEntry entry = toEntry(ref, e, name.path(), raw, anomalies);
            if (entry == null) {
                continue;
            }
            boolean dir = entry.kind() == EntryKind.DIRECTORY;
            if (!dir
                    && !seen.add(
                            entry.kind() == EntryKind.OPAQUE ? entry.path() + "/" + OPAQUE_MARKER : entry.path())) {
                anomalies.add(anomaly(ref, "TAR005", raw, "the layer holds this path twice"));
                continue;
            }
            entries.add(entry);
            if (entry.kind() == EntryKind.FILE && !analyzers.isEmpty()) {
                deliver(ref, entry, tar);
            }
        }
    }

    private LayerEntry toEntry(LayerRef ref, TarArchiveEntry e, String path, String raw, List<Finding> anomalies) {
        int slash = path.lastIndexOf('/');
        String base = path.substring(slash + 1);
        String parent = slash < 0 ? "" : path.substring(0, slash);
        int mode = e.getMode() & 07777;
        long uid = e.getLongUserId();
        long gid = e.getLongGroupId();
        if (base.startsWith(WHITEOUT_PREFIX)) {
            if (base.equals(OPAQUE_MARKER)) {
                return new LayerEntry(parent, EntryKind.OPAQUE, mode, uid, gid, 0, null);
            }
            String target = base.substring(WHITEOUT_PREFIX.length());
            if (target.startsWith(WHITEOUT_PREFIX)) {
                return null; // aufs metadata (.wh..wh.plnk, .wh..wh.aufs): not part of the filesystem
            }
            if (target.isEmpty() || target.equals(".") || target.equals("..")) {
                anomalies.add(anomaly(ref, "TAR002", raw, "whiteout names no file"));
                return null;
            }
            return new LayerEntry(
                    parent.isEmpty() ? target : parent + "/" + target, EntryKind.WHITEOUT, mode, uid, gid, 0, null);
        }
        if (path.isEmpty()) {
            return null; // the root directory itself
        }
        if (e.isSymbolicLink()) {
            String target = e.getLinkName();
            if (target.indexOf('\0') >= 0) {
                anomalies.add(anomaly(ref, "TAR003", raw, "symlink target contains a NUL byte"));
                return null;
            }
            return new LayerEntry(path, EntryKind.SYMLINK, mode, uid, gid, 0, target);
        }
        if (e.isLink()) {
            EntryNames.Result target = EntryNames.normalizeLinkTarget(e.getLinkName());
            if (!target.ok()) {
                anomalies.add(anomaly(ref, target.ruleId(), raw, "hardlink target: " + target.problem()));
                return null;
            }
            return new LayerEntry(path, EntryKind.HARDLINK, mode, uid, gid, 0, target.path());
        }
        EntryKind kind;
        if (e.isDirectory()) {
            kind = EntryKind.DIRECTORY;
        } else if (e.isCharacterDevice()) {
            kind = EntryKind.CHAR_DEVICE;
        } else if (e.isBlockDevice()) {
            kind = EntryKind.BLOCK_DEVICE;
        } else if (e.isFIFO()) {
            kind = EntryKind.FIFO;
        } else if (e.isFile()) {
            kind = EntryKind.FILE;
        } else {
            return null; // global headers and other tar metadata
        }
        return new LayerEntry(path, kind, mode, uid, gid, kind == EntryKind.FILE ? e.getSize() : 0, null);
    }

    private void deliver(LayerRef ref, LayerEntry entry, InputStream content) throws IOException {
        List<Analyzer> takers = new ArrayList<>(1);
        for (Analyzer a : analyzers) {
            if (a.wants(entry)) {
                takers.add(a);
            }
        }
        if (takers.isEmpty()) {
            return;
        }
        if (takers.size() == 1 || entry.size() > MAX_SHARED_CONTENT) {
            // one stream can be read once: a file too large to buffer goes to the first analyzer that wants it
            takers.get(0).accept(ref, entry, new NonClosing(content));
            return;
        }
        byte[] bytes = BoundedReads.readAll(content, MAX_SHARED_CONTENT, "/" + entry.path());
        for (Analyzer a : takers) {
            a.accept(ref, entry, new ByteArrayInputStream(bytes));
        }
    }

    private static Finding anomaly(LayerRef ref, String id, String raw, String problem) {
        return new Finding(
                id,
                Severity.HIGH,
                "tar entry '" + EntryNames.printable(raw) + "': " + problem,
                new Location(ref.index(), ref.digest(), ref.diffId(), null));
    }

    /** Remembers the first failure of the stream under it, whichever thread read it. */
    private static final class FailureMemo extends FilterInputStream {
        volatile IOException failure;

        FailureMemo(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (IOException e) {
                failure = failure == null ? e : failure;
                throw e;
            }
        }
    }

    /** Keeps an analyzer from closing the tar stream under the walk. */
    private static final class NonClosing extends FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {}
    }
}
