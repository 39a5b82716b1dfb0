package dev.vouch.diff;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What changed from image A to image B, so that a moved tag or an update can be judged: config, history, layers,
 * files of the final filesystem, packages.
 *
 * @param sharedLayers how many layers, from the bottom, the two images share (equal diff_ids)
 * @param config each config value that differs ({@code env PATH}, {@code user}…)
 * @param historyOnlyA the history entries of A after the shared ones
 * @param historyOnlyB the history entries of B after the shared ones
 * @param files paths added, removed or changed (with what changed), in path order
 * @param packages packages added, removed or changed in version
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageDiff(
        Side a,
        Side b,
        int sharedLayers,
        List<Change> config,
        List<String> historyOnlyA,
        List<String> historyOnlyB,
        List<Change> files,
        List<Change> packages) {

    public ImageDiff {
        config = List.copyOf(config);
        historyOnlyA = List.copyOf(historyOnlyA);
        historyOnlyB = List.copyOf(historyOnlyB);
        files = List.copyOf(files);
        packages = List.copyOf(packages);
    }

    /** One image compared. */
    public record Side(String image, String digest, int layers) {}

    /** What happened to one thing. */
    public enum Kind {
        ADDED,
        REMOVED,
        CHANGED
    }

    /**
     * One difference.
     *
     * @param what the config key, path or package ({@code deb:openssl})
     * @param before the value in A (null when added)
     * @param after the value in B (null when removed)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(Kind kind, String what, String before, String after) {}

    /** Whether the images differ at all. */
    public boolean differs() {
        return !a.digest().equals(b.digest())
                && (!config.isEmpty()
                        || !historyOnlyA.isEmpty()
                        || !historyOnlyB.isEmpty()
                        || !files.isEmpty()
                        || !packages.isEmpty()
                        || a.layers() != sharedLayers
                        || b.layers() != sharedLayers);
    }
}
