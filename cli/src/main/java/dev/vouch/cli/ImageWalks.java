package dev.vouch.cli;

import dev.vouch.fs.ImageWalker;
import dev.vouch.fs.WalkResult;
import dev.vouch.image.Image;
import dev.vouch.layer.Analyzer;
import dev.vouch.layer.LayerResultStore;
import dev.vouch.layer.ProgressListener;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The one way the verbs read an image's layers: open it, fetch the layers (with per-layer progress on a terminal),
 * walk them once with the analyzers, and turn image and walk into the verb's report while the image is open.
 */
final class ImageWalks {
    private ImageWalks() {}

    /** What a verb makes of the opened image and its walk. */
    interface Reader<T> {
        T read(Image image, WalkResult walk) throws Exception;
    }

    static <T> T walk(ImageOptions options, CommandSpec spec, List<Analyzer> analyzers, Reader<T> reader)
            throws Exception {
        Main.Context context = Main.Context.of(spec);
        try (Image image = options.open(context)) {
            LayerResultStore store = options.registry.layerResults(context);
            DownloadProgress.prefetchLayers(ImageWalker.standard(analyzers, ProgressListener.NONE, store)
                    .unstored(image));
            WalkResult walk;
            try (Progress progress = Progress.forImage(image)) {
                walk = ImageWalker.standard(analyzers, progress, store).walk(image);
            }
            return reader.read(image, walk);
        }
    }
}
