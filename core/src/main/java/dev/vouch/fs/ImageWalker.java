package dev.vouch.fs;

import dev.vouch.error.InvalidInputException;
import dev.vouch.error.VouchException;
import dev.vouch.image.Image;
import dev.vouch.image.Layer;
import dev.vouch.layer.Analyzer;
import dev.vouch.layer.LayerRef;
import dev.vouch.layer.LayerResultStore;
import dev.vouch.layer.LayerResults;
import dev.vouch.layer.LayerScan;
import dev.vouch.layer.LayerScanner;
import dev.vouch.layer.ProgressListener;
import dev.vouch.layer.StoredLayer;
import dev.vouch.layer.StoredResult;
import dev.vouch.report.Finding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Walks all layers of an image: reads them (several at once, each on its own thread, in one streaming pass that
 * verifies both digests and feeds the analyzers), then applies them in order to a {@link FileTree}. Any hostile
 * name or inconsistency stops the walk with a one-line error naming the first, so no report is built on a layer
 * stack that cannot be trusted.
 */
public final class ImageWalker {
    private final List<Analyzer> analyzers;
    private final ProgressListener progress;
    private final int threads;
    private final LayerResultStore store;
    /** The analyzers' names when every one can store its results, else null (layers are then always read). */
    private final String storedKinds;

    public ImageWalker(List<Analyzer> analyzers, ProgressListener progress, int threads) {
        this(analyzers, progress, threads, null);
    }

    /**
     * @param store where layers' results are kept between walks, or null to read every layer
     */
    public ImageWalker(List<Analyzer> analyzers, ProgressListener progress, int threads, LayerResultStore store) {
        this.analyzers = List.copyOf(analyzers);
        this.progress = progress;
        this.threads = Math.max(1, threads);
        boolean all = analyzers.stream().allMatch(a -> a instanceof LayerResults);
        this.store = all ? store : null;
        this.storedKinds = all
                ? analyzers.stream()
                        .map(a -> ((LayerResults<?>) a).resultsKind())
                        .collect(Collectors.joining(","))
                : null;
    }

    /** Walks with as many threads as there are processors, up to 4. */
    public static ImageWalker standard(List<Analyzer> analyzers, ProgressListener progress) {
        return standard(analyzers, progress, null);
    }

    /** Walks with as many threads as there are processors, up to 4, using and filling the store when given. */
    public static ImageWalker standard(List<Analyzer> analyzers, ProgressListener progress, LayerResultStore store) {
        return new ImageWalker(
                analyzers, progress, Math.min(4, Runtime.getRuntime().availableProcessors()), store);
    }

    /**
     * The same image with only the layers this walk will read: those without stored results. What to fetch ahead
     * of the walk.
     */
    public Image unstored(Image image) {
        if (store == null) {
            return image;
        }
        return image.withLayers(image.layers().stream()
                .filter(l -> !l.available()
                        || l.foreign()
                        || !store.has(l.descriptor().digest(), l.diffId(), storedKinds))
                .toList());
    }

    private StoredLayer stored(Layer layer) {
        if (store == null || !layer.available() || layer.foreign()) {
            return null;
        }
        return store.find(layer.descriptor().digest(), layer.diffId(), storedKinds);
    }

    public WalkResult walk(Image image) throws IOException {
        LayerScanner scanner = new LayerScanner(analyzers, progress);
        List<Layer> layers = image.layers();
        List<LayerScan> scans = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, Math.max(1, layers.size())), r -> {
            Thread t = new Thread(r, "vouch-layer");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<LayerScan>> futures = new ArrayList<>();
            for (Layer layer : layers) {
                StoredLayer kept = stored(layer);
                if (kept != null && image.blobs().local()) {
                    // the user's own file: its bytes are hashed again (not read), a changed blob fails as unread
                    futures.add(pool.submit(() -> {
                        try (var blob = image.openLayer(layer)) {
                            blob.drain();
                        }
                        return restore(layer, kept);
                    }));
                    continue;
                }
                if (kept != null) {
                    futures.add(CompletableFuture.completedFuture(restore(layer, kept)));
                    continue;
                }
                futures.add(pool.submit(() -> readOrWait(image, layer, scanner)));
            }
            for (Future<LayerScan> f : futures) {
                scans.add(get(f));
            }
        } finally {
            pool.shutdownNow();
        }
        List<Finding> problems = new ArrayList<>();
        for (LayerScan s : scans) {
            problems.addAll(s.anomalies());
        }
        failOn(problems);
        FileTree tree = new FileTree();
        for (LayerScan s : scans) {
            tree.apply(s);
        }
        tree.finish(scans.stream().map(LayerScan::layer).toList());
        failOn(tree.findings());
        return new WalkResult(scans, tree.nodes(), tree.remnants(), tree.changes(), tree.efficiency());
    }

    private static LayerScan get(Future<LayerScan> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof VouchException v) {
                throw v;
            }
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(c);
        }
    }

    /** Reads the layer, unless another process that shares the store read it meanwhile. */
    private LayerScan readOrWait(Image image, Layer layer, LayerScanner scanner) throws IOException {
        if (store == null || !layer.available() || layer.foreign()) {
            return scanner.scan(image, layer);
        }
        StoredLayer other = store.claim(layer.descriptor().digest(), layer.diffId(), storedKinds);
        if (other != null) {
            return restore(layer, other);
        }
        boolean kept = false;
        try {
            LayerScan scan = keep(layer, scanner.scan(image, layer));
            kept = scan.anomalies().isEmpty();
            return scan;
        } finally {
            if (!kept) {
                store.release(layer.descriptor().digest(), layer.diffId(), storedKinds);
            }
        }
    }

    /** Gives every analyzer back what it learned from the layer, now at this index; the scan says it was stored. */
    private LayerScan restore(Layer layer, StoredLayer kept) throws IOException {
        for (Analyzer a : analyzers) {
            LayerResults<?> r = (LayerResults<?>) a;
            StoredResult results = kept.results().get(r.resultsKind());
            if (results == null) {
                throw new IllegalStateException("stored results of " + layer.name() + " lack " + r.resultsKind());
            }
            restore(r, layer.index(), results);
        }
        progress.layerDone(layer.index());
        LayerRef ref = new LayerRef(layer.index(), layer.descriptor().digest(), layer.diffId());
        return new LayerScan(
                ref, true, kept.entries(), List.of(), kept.compressedBytes(), kept.uncompressedBytes(), true);
    }

    private static <T> void restore(LayerResults<T> analyzer, int index, StoredResult results) throws IOException {
        analyzer.restore(index, results.as(analyzer.resultsType()));
    }

    /**
     * Stores what a read of the layer learned. The scan returned, so the blob digest and the diff_id were both
     * verified; a layer with hostile entries is refused by the walk and never stored.
     */
    private LayerScan keep(Layer layer, LayerScan scan) {
        if (store != null && scan.read() && scan.anomalies().isEmpty()) {
            Map<String, StoredResult> results = new LinkedHashMap<>();
            for (Analyzer a : analyzers) {
                LayerResults<?> r = (LayerResults<?>) a;
                results.put(r.resultsKind(), StoredResult.of(r.export(layer.index())));
            }
            store.put(new StoredLayer(
                    layer.descriptor().digest(),
                    layer.diffId(),
                    storedKinds,
                    scan.entries(),
                    scan.compressedBytes(),
                    scan.uncompressedBytes(),
                    results));
        }
        return scan;
    }

    private static void failOn(List<Finding> problems) {
        if (problems.isEmpty()) {
            return;
        }
        String more = problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "";
        throw new InvalidInputException(problems.get(0).oneLine() + more);
    }
}
