package dev.vouch.layer;

import java.io.IOException;
import java.io.InputStream;

/**
 * A reader of file contents during the single streaming pass over each layer (the shape of Syft's catalogers:
 * declare what you want, receive it as it streams by). Catalogers, secret detectors and other content checks
 * implement it. Layers may be walked in parallel, so {@link #accept} may be called from several threads at once
 * (for different layers) and implementations must be thread-safe. When several analyzers want one file, its
 * content is buffered once for all of them, up to 16 MiB; a larger file goes only to the first analyzer (in the
 * order given to the walk) that wants it, so put the most important analyzer first.
 */
public interface Analyzer {
    /** Whether this analyzer wants the content of this entry; called for every regular file of every layer. */
    boolean wants(LayerEntry entry);

    /**
     * Receives an entry's content. The stream is bounded to the entry's size; the analyzer may read part of it
     * or none (the rest is skipped) and must not close it.
     */
    void accept(LayerRef layer, LayerEntry entry, InputStream content) throws IOException;
}
