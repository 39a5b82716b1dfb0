package dev.vouch.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * Blocking-style streams over a non-blocking {@link SocketChannel} (a Unix socket has no {@code SO_TIMEOUT}): every
 * read and write waits at most the idle timeout for the peer, then fails with {@link SocketTimeoutException}.
 */
final class SocketStreams implements java.io.Closeable {
    private final SocketChannel channel;
    private final Selector selector;
    private final long idleMillis;
    private final String what;

    SocketStreams(SocketChannel channel, long idleMillis, String what) throws IOException {
        this.channel = channel;
        this.idleMillis = idleMillis;
        this.what = what;
        channel.configureBlocking(false);
        this.selector = Selector.open();
    }

    InputStream input() {
        return new InputStream() {
            private final byte[] one = new byte[1];

            @Override
            public int read() throws IOException {
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                ByteBuffer buf = ByteBuffer.wrap(b, off, len);
                while (true) {
                    int n = channel.read(buf);
                    if (n != 0) {
                        return n;
                    }
                    await(SelectionKey.OP_READ);
                }
            }
        };
    }

    OutputStream output() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buf = ByteBuffer.wrap(b, off, len);
                while (buf.hasRemaining()) {
                    if (channel.write(buf) == 0) {
                        await(SelectionKey.OP_WRITE);
                    }
                }
            }
        };
    }

    private void await(int op) throws IOException {
        SelectionKey key = channel.register(selector, op);
        try {
            if (selector.select(idleMillis) == 0) {
                throw new SocketTimeoutException(what + ": no answer for " + idleMillis / 1000 + " s");
            }
            selector.selectedKeys().clear();
        } finally {
            key.cancel();
            selector.selectNow();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }
}
