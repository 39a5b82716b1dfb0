package dev.vouch.fs;

import dev.vouch.error.InvalidInputException;
import dev.vouch.error.VouchException;
import dev.vouch.image.Image;
import dev.vouch.image.Layer;
import dev.vouch.layer.Analyzer;
import dev.vouch.layer.LayerScan;
import dev.vouch.layer.LayerScanner;
import dev.vouch.layer.ProgressListener;
import dev.vouch.report.Finding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

    public ImageWalker(List<Analyzer> analyzers, ProgressListener progress, int threads) {
        this.analyzers = List.copyOf(analyzers);
        this.progress = progress;
        this.threads = Math.max(1, threads);
    }

    /** Walks with as many threads as there are processors, up to 4. */
    public static ImageWalker standard(List<Analyzer> analyzers, ProgressListener progress) {
        return new ImageWalker(
                analyzers, progress, Math.min(4, Runtime.getRuntime().availableProcessors()));
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
                futures.add(pool.submit(() -> scanner.scan(image, layer)));
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

    private static void failOn(List<Finding> problems) {
        if (problems.isEmpty()) {
            return;
        }
        String more = problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "";
        throw new InvalidInputException(problems.get(0).oneLine() + more);
    }
}
