package dev.vouch.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vouch.image.Digest;

/**
 * Where in an image a finding was made: the layer (its position, blob digest and diff_id) and the path, each
 * absent when it does not apply.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Location(Integer layer, Digest layerDigest, Digest diffId, String path) {
    public static Location image() {
        return new Location(null, null, null, null);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
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
