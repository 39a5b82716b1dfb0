package dev.vouch.image;

/** Hears how blob downloads go, e.g. to draw one progress line per layer. Called from download threads. */
public interface DownloadListener {
    DownloadListener NONE = new DownloadListener() {};

    /** A download begins (or the blob was found in the cache, then {@code cached} is true and nothing follows). */
    default void started(Descriptor blob, boolean cached) {}

    /** {@code bytes} more bytes of the blob arrived. */
    default void progressed(Descriptor blob, long bytes) {}

    /** The blob is complete and verified. */
    default void finished(Descriptor blob) {}
}
