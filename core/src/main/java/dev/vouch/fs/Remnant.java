package dev.vouch.fs;

/**
 * A file that a later layer deletes or overwrites but whose bytes still ship in a lower layer: anyone who pulls
 * the image can read it (a secret "deleted" by a later {@code RUN rm} is one).
 *
 * @param layer the layer that holds the bytes
 * @param removedBy the layer that deleted or overwrote it
 * @param overwritten true when replaced by a new file, false when deleted
 */
public record Remnant(String path, long size, int layer, int removedBy, boolean overwritten) {}
