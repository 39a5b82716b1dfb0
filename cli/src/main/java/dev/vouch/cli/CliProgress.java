package dev.vouch.cli;

import dev.vouch.api.CheckProgress;
import dev.vouch.image.Image;
import dev.vouch.layer.ProgressListener;
import java.io.IOException;

/** A check's progress on a terminal: a line per layer while layers download, then a bar while they are read. */
final class CliProgress implements CheckProgress {
    static final CliProgress INSTANCE = new CliProgress();

    private CliProgress() {}

    @Override
    public void prefetch(Image image) throws IOException {
        DownloadProgress.prefetchLayers(image);
    }

    @Override
    public ProgressListener reading(Image image) {
        return Progress.forImage(image);
    }
}
