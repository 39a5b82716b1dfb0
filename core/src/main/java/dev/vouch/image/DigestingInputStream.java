package dev.vouch.image;

import dev.vouch.error.IntegrityException;
import dev.vouch.io.SeeEveryByteInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Hashes and counts every byte read through it and, when the stream ends, compares the count and the digest
 * with what a descriptor promised (either may be absent, e.g. a diff_id has no size). Reading more bytes than
 * promised fails at once, so an endless blob cannot exhaust anything. The check runs only at end of stream:
 * readers must drain it.
 */
public final class DigestingInputStream extends SeeEveryByteInputStream {
    private final String what;
    private final Digest expected;
    private final long expectedSize;
    private final MessageDigest hasher;
    private Runnable onMismatch;
    private long count;
    private Digest actual;

    /**
     * @param what names the blob in error messages, e.g. {@code "layer 2 (sha256:…)"}
     * @param expected the digest to check at end of stream, or null to only compute it (in sha256)
     * @param expectedSize the exact size, or -1 when unknown
     */
    public DigestingInputStream(InputStream in, String what, Digest expected, long expectedSize) {
        super(in);
        this.what = what;
        this.expected = expected;
        this.expectedSize = expectedSize;
        this.hasher =
                expected == null ? Digest.parse("sha256:" + "0".repeat(64)).newHasher() : expected.newHasher();
    }

    /**
     * Runs {@code cleanup} before a mismatch is reported (the blob cache removes a corrupt entry); the message then
     * says so.
     */
    public DigestingInputStream onMismatch(Runnable cleanup) {
        this.onMismatch = cleanup;
        return this;
    }

    /** Whether this stream already checks exactly what a descriptor promises, so that no second check is needed. */
    public boolean verifies(Descriptor d) {
        return d.digest().equals(expected) && d.size() == expectedSize;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (actual != null) {
            return -1;
        }
        int n = in.read(b, off, len);
        if (n < 0) {
            finish();
            return -1;
        }
        count += n;
        if (expectedSize >= 0 && count > expectedSize) {
            throw mismatch(what + ": size mismatch: expected " + expectedSize + " bytes, the blob is longer");
        }
        hasher.update(b, off, n);
        return n;
    }

    private void finish() {
        String algorithm = expected == null ? "sha256" : expected.algorithm();
        actual = new Digest(algorithm, java.util.HexFormat.of().formatHex(hasher.digest()));
        if (expectedSize >= 0 && count != expectedSize) {
            throw mismatch(what + ": size mismatch: expected " + expectedSize + " bytes, got " + count);
        }
        if (expected != null && !expected.equals(actual)) {
            throw mismatch(what + ": digest mismatch: expected " + expected + ", got " + actual);
        }
    }

    private IntegrityException mismatch(String message) {
        if (onMismatch == null) {
            return new IntegrityException(message);
        }
        onMismatch.run();
        return new IntegrityException(message + "; the corrupt cache entry was removed, run again");
    }

    /** Reads what is left so that the check runs; returns the bytes drained. */
    public long drain() throws IOException {
        byte[] buf = new byte[65536];
        long total = 0;
        int n;
        while ((n = read(buf, 0, buf.length)) >= 0) {
            total += n;
        }
        return total;
    }

    /** Bytes read so far. */
    public long count() {
        return count;
    }

    /** The digest of the whole stream, once it has ended; null before. */
    public Digest actual() {
        return actual;
    }
}
