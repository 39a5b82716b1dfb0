package dev.vouch.inspect;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vouch.fs.Efficiency;
import dev.vouch.fs.FileNode;
import dev.vouch.fs.LayerChanges;
import dev.vouch.fs.Remnant;
import dev.vouch.fs.WalkResult;
import dev.vouch.image.Image;
import dev.vouch.image.Layer;
import dev.vouch.layer.EntryKind;
import dev.vouch.layer.LayerScan;
import dev.vouch.report.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * The report of {@code vouch layers}: what each layer holds and changes, the remnants lower layers still ship,
 * the dive-style efficiency, and the files whose permissions matter (setuid/setgid, world-writable, devices), each
 * with the layer that added it. Schema version 1, documented in {@code docs/report-schema.md}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LayersReport(
        int schemaVersion,
        String kind,
        ReferenceInfo reference,
        String digest,
        List<LayerRow> layers,
        Totals totals,
        Efficiency efficiency,
        List<Remnant> remnants,
        List<PathRow> setuidSetgid,
        List<PathRow> worldWritable,
        List<PathRow> devices,
        List<Finding> findings) {

    /** One layer: its blob, what made it, and what it changed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LayerRow(
            int index,
            String digest,
            String diffId,
            String mediaType,
            String createdBy,
            boolean read,
            long compressedSize,
            long uncompressedSize,
            int filesAdded,
            int filesModified,
            int filesRemoved,
            long addedBytes,
            long remnantBytes,
            @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean fromStoredResults) {}

    /** Image-wide sums; {@code files} and {@code finalBytes} count the merged filesystem. */
    public record Totals(
            int layers, long compressedBytes, long uncompressedBytes, int files, long finalBytes, long remnantBytes) {}

    /** One path of the final filesystem, with the layer that wrote it. */
    public record PathRow(String path, String kind, String mode, long uid, long gid, int layer) {
        static PathRow of(FileNode n) {
            return new PathRow(
                    "/" + n.path(),
                    n.kind().name().toLowerCase(),
                    String.format("%04o", n.mode()),
                    n.uid(),
                    n.gid(),
                    n.layer());
        }
    }

    public static LayersReport of(String given, Image image, WalkResult walk) {
        HistoryAlignment.Result history = HistoryAlignment.align(image);
        List<LayerRow> rows = new ArrayList<>();
        long compressed = 0;
        long uncompressed = 0;
        long remnantBytes = 0;
        for (Layer l : image.layers()) {
            LayerScan s = walk.scans().get(l.index());
            LayerChanges c = walk.changes().get(l.index());
            rows.add(new LayerRow(
                    l.index(),
                    l.descriptor().digest().toString(),
                    l.diffId().toString(),
                    l.descriptor().mediaType(),
                    history.createdBy(l.index()),
                    s.read(),
                    l.descriptor().size(),
                    s.uncompressedBytes(),
                    c.added(),
                    c.modified(),
                    c.removed(),
                    c.addedBytes(),
                    c.remnantBytes(),
                    s.fromStore()));
            compressed += l.descriptor().size();
            uncompressed += s.uncompressedBytes();
            remnantBytes += c.remnantBytes();
        }
        int files = 0;
        long finalBytes = 0;
        for (FileNode n : walk.files().values()) {
            if (n.kind() != EntryKind.DIRECTORY) {
                files++;
                finalBytes += n.size();
            }
        }
        List<Remnant> remnants = walk.remnants().stream()
                .map(r -> new Remnant("/" + r.path(), r.size(), r.layer(), r.removedBy(), r.overwritten()))
                .toList();
        return new LayersReport(
                InspectReport.SCHEMA_VERSION,
                "layers",
                ReferenceInfo.of(given, image),
                image.digest().toString(),
                rows,
                new Totals(rows.size(), compressed, uncompressed, files, finalBytes, remnantBytes),
                walk.efficiency(),
                remnants,
                walk.setuidOrSetgid().stream().map(PathRow::of).toList(),
                walk.worldWritable().stream().map(PathRow::of).toList(),
                walk.devices().stream().map(PathRow::of).toList(),
                history.findings());
    }
}
