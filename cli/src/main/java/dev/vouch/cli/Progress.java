package dev.vouch.cli;

import dev.vouch.image.Image;
import dev.vouch.image.Layer;
import dev.vouch.layer.ProgressListener;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar of bytes and layers on stderr, shown only when stderr is a terminal; silent otherwise. */
final class Progress implements ProgressListener, AutoCloseable {
    private final ProgressBar bar;
    private final int layers;
    private final AtomicInteger done = new AtomicInteger();

    private Progress(ProgressBar bar, int layers) {
        this.bar = bar;
        this.layers = layers;
    }

    static Progress forImage(Image image) {
        if (!Terminal.showsProgress()) {
            return new Progress(null, 0);
        }
        long total = image.layers().stream()
                .filter(Layer::available)
                .mapToLong(l -> l.descriptor().size())
                .sum();
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName("reading layers")
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" MB", 1 << 20)
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                .continuousUpdate()
                .build();
        bar.setExtraMessage("0/" + image.layers().size() + " layers");
        return new Progress(bar, image.layers().size());
    }

    @Override
    public void bytesRead(long n) {
        if (bar != null) {
            bar.stepBy(n);
        }
    }

    @Override
    public void layerDone(int index) {
        if (bar != null) {
            bar.setExtraMessage(done.incrementAndGet() + "/" + layers + " layers");
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
