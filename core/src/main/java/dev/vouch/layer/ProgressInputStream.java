package dev.vouch.layer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Tells a {@link ProgressListener} how many bytes pass, in chunks of at least 1 MiB to keep it cheap. */
final class ProgressInputStream extends FilterInputStream {
    private static final long REPORT_EVERY = 1 << 20;
    private final ProgressListener listener;
    private long pending;

    ProgressInputStream(InputStream in, ProgressListener listener) {
        super(in);
        this.listener = listener;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            count(n);
        } else if (n < 0 && pending > 0) {
            listener.bytesRead(pending);
            pending = 0;
        }
        return n;
    }

    private void count(long n) {
        pending += n;
        if (pending >= REPORT_EVERY) {
            listener.bytesRead(pending);
            pending = 0;
        }
    }
}
