package dev.vouch.layer;

import java.io.IOException;

/**
 * An {@link Analyzer} whose findings from one layer can be kept and given back: what it learned from a layer is
 * exported after the layer was read and verified, kept as JSON, and restored, for the same layer (same diff_id) in a
 * later walk, as if it had read it again. The walk uses stored layers only when every analyzer implements this.
 *
 * @param <T> what it learned from one layer: a value with a JSON form (a record), never changed once exported, since
 *     a store may give the same value to several walks
 */
public interface LayerResults<T> {
    /**
     * Names the analyzer and everything that changes what it learns from a layer (its rules, its options), so
     * results are only ever given back to an analyzer that would have found the same.
     */
    String resultsKind();

    /** The type of its results, as they are read back from JSON. */
    Class<T> resultsType();

    /** What it learned from the layer at this index of this walk. */
    T export(int layer);

    /** Takes back what it learned from a layer, which is at this index in this walk. */
    void restore(int layer, T results) throws IOException;
}
