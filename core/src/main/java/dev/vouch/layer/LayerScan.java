package dev.vouch.layer;

import dev.vouch.report.Finding;
import java.util.List;

/**
 * What one pass over a layer saw: its entries in tar order (names normalized; whiteouts and opaque markers
 * included), the entries refused as hostile, and its compressed and uncompressed sizes (both verified against
 * the layer digest and the diff_id). A foreign layer that the source does not hold is not read: {@code read} is
 * false and the lists are empty. {@code fromStore} is true when the layer was not read in this walk: its results were
 * stored by an earlier verified read of the same blob and diff_id.
 */
public record LayerScan(
        LayerRef layer,
        boolean read,
        List<LayerEntry> entries,
        List<Finding> anomalies,
        long compressedBytes,
        long uncompressedBytes,
        boolean fromStore) {
    public LayerScan {
        entries = List.copyOf(entries);
        anomalies = List.copyOf(anomalies);
    }

    /** A layer read in this walk. */
    public LayerScan(
            LayerRef layer,
            boolean read,
            List<LayerEntry> entries,
            List<Finding> anomalies,
            long compressedBytes,
            long uncompressedBytes) {
        this(layer, read, entries, anomalies, compressedBytes, uncompressedBytes, false);
    }
}
