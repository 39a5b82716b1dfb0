package dev.vouch.layer;

/** Hears how far a walk has come; called from the threads that read layers, so implementations are thread-safe. */
public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() {};

    /** {@code n} more compressed bytes were read. */
    default void bytesRead(long n) {}

    /** One more layer was read to its end. */
    default void layerDone(int index) {}
}
