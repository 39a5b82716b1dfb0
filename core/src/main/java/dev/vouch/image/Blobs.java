package dev.vouch.image;

import dev.vouch.error.InvalidInputException;
import dev.vouch.io.BoundedReads;
import java.io.IOException;

/** Verified reads of blobs: every byte hashed and counted against the descriptor. */
public final class Blobs {
    private Blobs() {}

    /** Opens a blob for streaming; the digest and size are checked when the stream ends. */
    public static DigestingInputStream open(BlobStore store, Descriptor d, String what) throws IOException {
        java.io.InputStream raw = store.open(d);
        if (raw instanceof DigestingInputStream checked && checked.verifies(d)) {
            return checked; // the store checks it already (the blob cache): hash once, not twice
        }
        return new DigestingInputStream(raw, what, d.digest(), d.size());
    }

    /** Reads a whole small blob (a manifest, index or config), bounded and verified. */
    public static byte[] read(BlobStore store, Descriptor d, int max, String what) throws IOException {
        if (d.size() > max) {
            throw new InvalidInputException(
                    what + ": declared size " + d.size() + " bytes exceeds the " + max + "-byte limit");
        }
        try (DigestingInputStream in = open(store, d, what)) {
            byte[] bytes = BoundedReads.readAll(in, max, what);
            in.drain();
            return bytes;
        }
    }

    /** Names a blob for messages: {@code manifest sha256:…}. */
    public static String name(String kind, Descriptor d) {
        return kind + " " + d.digest();
    }
}
