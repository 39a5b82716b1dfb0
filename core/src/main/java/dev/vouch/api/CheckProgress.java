package dev.vouch.api;

import dev.vouch.image.DownloadListener;
import dev.vouch.image.Image;
import dev.vouch.image.Layer;
import dev.vouch.layer.ProgressListener;
import java.io.IOException;

/**
 * Hooks that let a front end show how a check advances (the CLI draws download lines and a progress bar on a
 * terminal). The defaults show nothing: layers are fetched ahead of the walk (in parallel for registry images) and
 * read without telling anyone.
 */
public interface CheckProgress {
    /** Shows nothing. */
    CheckProgress NONE = new CheckProgress() {};

    /** Fetches the image's layers ahead of the walk. */
    default void prefetch(Image image) throws IOException {
        image.blobs()
                .prefetch(
                        image.layers().stream()
                                .filter(Layer::available)
                                .filter(l -> !l.foreign())
                                .map(Layer::descriptor)
                                .toList(),
                        DownloadListener.NONE);
    }

    /** What hears the walk of the layers (closed, when it is {@link AutoCloseable}, after the walk). */
    default ProgressListener reading(Image image) {
        return ProgressListener.NONE;
    }
}
