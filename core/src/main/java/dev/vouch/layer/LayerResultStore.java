package dev.vouch.layer;

import dev.vouch.image.Digest;

/**
 * Where per-layer results are kept between walks (a directory beside the blob cache for the CLI, the server's
 * database for {@code vouch serve}). Keyed by the blob digest, the diff_id it was verified to decompress to, and the
 * analyzers: a stored result is found only for a layer whose manifest digest maps to that diff_id, a mapping
 * recorded when both were verified. Implementations check each entry's own integrity and treat a damaged one as
 * absent.
 */
public interface LayerResultStore {
    /** The stored results, or null when there are none (or none intact). */
    StoredLayer find(Digest blob, Digest diffId, String analyzers);

    /** Whether results are stored, without reading them: what to fetch ahead of a walk. */
    boolean has(Digest blob, Digest diffId, String analyzers);

    /**
     * Called before reading a layer that has no stored results. A store that several processes share may wait here
     * while another one reads the same layer and return what it stored, so that the layer is read once; null means
     * the caller reads it, then {@link #put}s its results or {@link #release}s the claim.
     */
    default StoredLayer claim(Digest blob, Digest diffId, String analyzers) {
        return null;
    }

    /** Gives up a claim without results (the read failed, or found the layer hostile). */
    default void release(Digest blob, Digest diffId, String analyzers) {}

    /** Keeps the results of a layer that was just read and verified; a failure to keep them changes nothing. */
    void put(StoredLayer layer);
}
