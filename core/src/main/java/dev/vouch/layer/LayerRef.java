package dev.vouch.layer;

import dev.vouch.image.Digest;

/** Names a layer in findings and analyzer calls: its position (0 is the base) and its two digests. */
public record LayerRef(int index, Digest digest, Digest diffId) {}
