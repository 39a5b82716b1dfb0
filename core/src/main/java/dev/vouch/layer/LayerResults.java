package dev.vouch.layer;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * An {@link Analyzer} whose findings from one layer can be kept and given back: what it learned from a layer is
 * exported as JSON after the layer was read and verified, and restored, for the same layer (same diff_id) in a later
 * walk, as if it had read it again. The walk uses stored layers only when every analyzer implements this.
 */
public interface LayerResults {
    /**
     * Names the analyzer and everything that changes what it learns from a layer (its rules, its options), so
     * results are only ever given back to an analyzer that would have found the same.
     */
    String resultsKind();

    /** What it learned from the layer at this index of this walk. */
    JsonNode export(int layer);

    /** Takes back what it learned from a layer, which is at this index in this walk. */
    void restore(int layer, JsonNode results) throws IOException;
}
