package dev.vouch.pin;

/**
 * An image reference as written in a file, with its exact place, so that it can be replaced without touching any
 * other byte.
 *
 * @param start the offset of its first character in the text
 * @param end the offset after its last character
 * @param line its line (1-based)
 * @param reference the reference as written
 */
public record ImageMention(int start, int end, int line, String reference) {
    /** Whether it already names a digest. */
    public boolean pinned() {
        return reference.contains("@sha256:") || reference.contains("@sha512:");
    }
}
