package dev.vouch.image;

/**
 * One layer of an image: its position (0 is the base), the blob descriptor from the manifest and the diff_id
 * (the digest of the uncompressed tar) from the config's {@code rootfs}. Foreign and non-distributable layers
 * may be absent from the source; {@code available} says whether the blob can be read.
 */
public record Layer(int index, Descriptor descriptor, Digest diffId, boolean foreign, boolean available) {
    /** Names the layer in messages: {@code layer 2 (sha256:…)}. */
    public String name() {
        return "layer " + index + " (" + descriptor.digest() + ")";
    }
}
