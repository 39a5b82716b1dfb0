package dev.vouch.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A filter that must see every byte that passes (to hash it, count it or follow its structure): single-byte reads
 * and skips are routed through {@link #read(byte[], int, int)}, which subclasses implement, and mark/reset is
 * off. Skips reuse one buffer, since tar readers skip once per file.
 */
public abstract class SeeEveryByteInputStream extends FilterInputStream {
    private byte[] skipBuffer;

    protected SeeEveryByteInputStream(InputStream in) {
        super(in);
    }

    @Override
    public abstract int read(byte[] b, int off, int len) throws IOException;

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public long skip(long n) throws IOException {
        if (skipBuffer == null) {
            skipBuffer = new byte[65536];
        }
        long left = n;
        while (left > 0) {
            int r = read(skipBuffer, 0, (int) Math.min(left, skipBuffer.length));
            if (r < 0) {
                break;
            }
            left -= r;
        }
        return n - left;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
