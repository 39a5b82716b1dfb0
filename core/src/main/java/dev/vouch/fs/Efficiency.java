package dev.vouch.fs;

import java.util.List;

/**
 * The image's space efficiency as <a href="https://github.com/wagoodman/dive">dive</a> computes it: for every path,
 * the bytes it takes in each layer that touches it (a removal counts 0) add up to its cumulative size, and the
 * smallest of those is its minimum; the score is the sum of minimums over the sum of cumulative sizes, and the
 * wasted bytes are the cumulative sizes of the paths touched by more than one layer. Unlike dive, deleting a
 * directory counts every file inside it, not nothing.
 *
 * @param top the paths that waste the most, largest first (at most 20)
 */
public record Efficiency(double score, long wastedBytes, List<Waste> top) {
    public Efficiency {
        top = List.copyOf(top);
    }

    /** One path touched by several layers. */
    public record Waste(String path, int occurrences, long cumulativeBytes) {}
}
