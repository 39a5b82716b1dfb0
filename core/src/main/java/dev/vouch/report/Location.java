package dev.vouch.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vouch.image.Digest;

/**
 * Where a finding was made: in an image, the layer (its position, blob digest and diff_id) and the path; in a
 * file such as a Dockerfile, the file and its line range. Each part is absent when it does not apply.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Location(
        Integer layer, Digest layerDigest, Digest diffId, String path, String file, Integer line, Integer endLine) {

    public Location(Integer layer, Digest layerDigest, Digest diffId, String path) {
        this(layer, layerDigest, diffId, path, null, null, null);
    }

    public static Location image() {
        return new Location(null, null, null, null);
    }

    /** Lines {@code line..endLine} of a file. */
    public static Location inFile(String file, int line, int endLine) {
        return new Location(null, null, null, null, file, line, endLine);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (file != null) {
            b.append(file);
            if (line != null) {
                b.append(':').append(line);
            }
            return b.toString();
        }
        if (layer != null) {
            b.append("layer ").append(layer);
            if (layerDigest != null) {
                b.append(" (")
                        .append(layerDigest.algorithm())
                        .append(':')
                        .append(layerDigest.shortHex())
                        .append(')');
            }
        }
        if (path != null) {
            b.append(b.length() > 0 ? " " : "").append('/').append(path);
        }
        return b.toString();
    }
}
