package dev.vouch.layer;

import dev.vouch.image.Digest;
import java.util.List;
import java.util.Map;

/**
 * What one verified read of a layer left for later walks: the blob digest and the diff_id it was verified to
 * decompress to, the analyzers it was read with, its entries in tar order, its sizes, and each analyzer's results.
 * Its position in an image is not part of it: the same layer can sit at another index in another image.
 */
public record StoredLayer(
        Digest blob,
        Digest diffId,
        String analyzers,
        List<LayerEntry> entries,
        long compressedBytes,
        long uncompressedBytes,
        Map<String, StoredResult> results) {
    public StoredLayer {
        entries = List.copyOf(entries);
        results = Map.copyOf(results);
    }

    /**
     * About how many bytes it holds in memory: its entries and its results' {@link StoredResult#weight weights}.
     * What a store that keeps layers in memory counts against its budget.
     */
    public long weight() {
        long w = 256L * (entries.size() + 1);
        for (StoredResult r : results.values()) {
            w += r.weight();
        }
        return w;
    }
}
