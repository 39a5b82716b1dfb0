package dev.vouch.layer;

import dev.vouch.report.Finding;
import java.util.List;

/**
 * What one pass over a layer saw: its entries in tar order (names normalized; whiteouts and opaque markers
 * included), the entries refused as hostile, and its compressed and uncompressed sizes (both verified against
 * the layer digest and the diff_id). A foreign layer that the source does not hold is not read: {@code read} is
 * false and the lists are empty.
 */
public record LayerScan(
        LayerRef layer,
        boolean read,
        List<LayerEntry> entries,
        List<Finding> anomalies,
        long compressedBytes,
        long uncompressedBytes) {
    public LayerScan {
        entries = List.copyOf(entries);
        anomalies = List.copyOf(anomalies);
    }
}
