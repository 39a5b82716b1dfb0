package dev.vouch.cli;

import dev.vouch.image.Descriptor;
import dev.vouch.image.DownloadListener;
import dev.vouch.image.Image;
import dev.vouch.image.Layer;
import dev.vouch.report.Sizes;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line per layer on stderr while layers download, redrawn in place, as {@code docker pull} shows them; only
 * when stderr is a terminal. Downloads run on several threads, so every change goes through one lock.
 */
final class DownloadProgress implements DownloadListener {
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream err;
    private final Map<Descriptor, long[]> lines = new LinkedHashMap<>();
    private final Map<Descriptor, String> states = new LinkedHashMap<>();
    private int drawn;
    private long lastDraw;

    private DownloadProgress(PrintStream err, List<Descriptor> blobs) {
        this.err = err;
        for (Descriptor d : blobs) {
            lines.put(d, new long[] {0, d.size()});
            states.put(d, "waiting");
        }
    }

    /** Fetches an image's layers ahead of reading (registry images: in parallel, into the cache). */
    static void prefetchLayers(Image image) throws IOException {
        List<Descriptor> blobs = image.layers().stream()
                .filter(Layer::available)
                .filter(l -> !l.foreign())
                .map(Layer::descriptor)
                .toList();
        DownloadListener listener =
                Terminal.showsProgress() ? new DownloadProgress(System.err, blobs) : DownloadListener.NONE;
        image.blobs().prefetch(blobs, listener);
        if (listener instanceof DownloadProgress p) {
            p.draw(true);
        }
    }

    @Override
    public synchronized void started(Descriptor blob, boolean cached) {
        states.put(blob, cached ? "cached" : "downloading");
        if (cached) {
            lines.get(blob)[0] = blob.size();
        }
        draw(false);
    }

    @Override
    public synchronized void progressed(Descriptor blob, long bytes) {
        lines.get(blob)[0] += bytes;
        draw(false);
    }

    @Override
    public synchronized void finished(Descriptor blob) {
        states.put(blob, "verified");
        draw(true);
    }

    private synchronized void draw(boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        StringBuilder b = new StringBuilder();
        if (drawn > 0) {
            b.append("\033[").append(drawn).append('A');
        }
        for (Map.Entry<Descriptor, long[]> e : lines.entrySet()) {
            long[] v = e.getValue();
            b.append("\033[2K\r")
                    .append(e.getKey().digest().shortHex())
                    .append("  ")
                    .append(String.format("%-11s", states.get(e.getKey())))
                    .append(String.format(" %10s / %s", Sizes.human(v[0]), Sizes.human(v[1])))
                    .append('\n');
        }
        drawn = lines.size();
        err.print(b);
        err.flush();
    }
}
