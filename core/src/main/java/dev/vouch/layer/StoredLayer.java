package dev.vouch.layer;

import com.fasterxml.jackson.databind.JsonNode;
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
        Map<String, JsonNode> results) {
    public StoredLayer {
        entries = List.copyOf(entries);
        results = Map.copyOf(results);
    }
}
