package dev.vouch.inspect;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vouch.image.Image;
import dev.vouch.image.ImageConfig;
import dev.vouch.image.Layer;
import dev.vouch.report.Finding;
import dev.vouch.report.Location;
import dev.vouch.report.Severity;
import dev.vouch.secret.SecretLike;
import java.util.ArrayList;
import java.util.List;

/**
 * Lines the config's history up with the layers: each entry that is not {@code empty_layer} made the next layer.
 * History is optional in the <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/config.md">OCI
 * config spec</a>; when it is present but its non-empty entries do not match the layers in number, nothing can be
 * traced through it, and that is finding IMG001 (not an error).
 */
public final class HistoryAlignment {
    /** One history entry and, when aligned, the layer it made; secret-looking assignments in createdBy are masked. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(
            int index,
            String created,
            String createdBy,
            String comment,
            boolean emptyLayer,
            Integer layer,
            String layerDigest,
            Long layerSize) {}

    /** The aligned steps and the finding when they cannot be aligned. */
    public record Result(List<Step> steps, boolean aligned, List<Finding> findings) {
        /** The history command of a layer, or null when the history does not line up. */
        public String createdBy(int layer) {
            if (!aligned) {
                return null;
            }
            for (Step s : steps) {
                if (s.layer() != null && s.layer() == layer) {
                    return s.createdBy();
                }
            }
            return null;
        }
    }

    private HistoryAlignment() {}

    public static Result align(Image image) {
        List<ImageConfig.History> history = image.config().history();
        List<Layer> layers = image.layers();
        long nonEmpty = history.stream().filter(h -> !h.emptyLayer()).count();
        boolean aligned = !history.isEmpty() && nonEmpty == layers.size();
        List<Finding> findings = new ArrayList<>();
        if (!history.isEmpty() && !aligned) {
            findings.add(new Finding(
                    "IMG001",
                    Severity.MEDIUM,
                    "the history has " + nonEmpty + " entries that made a layer but the image has " + layers.size()
                            + " layers; its history cannot be used to trace the layers",
                    Location.image()));
        }
        List<Step> steps = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < history.size(); i++) {
            ImageConfig.History h = history.get(i);
            Integer layer = null;
            String digest = null;
            Long size = null;
            if (aligned && !h.emptyLayer()) {
                Layer l = layers.get(next++);
                layer = l.index();
                digest = l.descriptor().digest().toString();
                size = l.descriptor().size();
            }
            steps.add(new Step(
                    i,
                    h.created(),
                    SecretLike.maskText(h.createdBy()),
                    h.comment(),
                    h.emptyLayer(),
                    layer,
                    digest,
                    size));
        }
        return new Result(steps, aligned, findings);
    }
}
