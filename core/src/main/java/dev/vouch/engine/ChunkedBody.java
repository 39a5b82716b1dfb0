package dev.vouch.engine;

import java.io.IOException;
import java.io.InputStream;

/**
 * The body of an HTTP/1.1 response sent with {@code Transfer-Encoding: chunked} (<a
 * href="https://www.rfc-editor.org/rfc/rfc9112#section-7.1">RFC 9112 section 7.1</a>): chunk sizes in hex, optional
 * extensions ignored, trailers skipped. A malformed size line ends the body with an error naming the engine.
 */
final class ChunkedBody extends InputStream {
    private static final int MAX_LINE = 4096;

    private final InputStream in;
    private final String what;
    private long left;
    private boolean ended;

    ChunkedBody(InputStream in, String what) {
        this.in = in;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (ended) {
            return -1;
        }
        if (left == 0) {
            nextChunk();
            if (ended) {
                return -1;
            }
        }
        int n = in.read(b, off, (int) Math.min(len, left));
        if (n < 0) {
            throw new IOException(what + ": the response ended inside a chunk");
        }
        left -= n;
        if (left == 0) {
            String crlf = line(in, what);
            if (!crlf.isEmpty()) {
                throw new IOException(what + ": malformed chunked response (no CRLF after a chunk)");
            }
        }
        return n;
    }

    private void nextChunk() throws IOException {
        String size = line(in, what);
        int semi = size.indexOf(';');
        String hex = (semi < 0 ? size : size.substring(0, semi)).strip();
        if (hex.isEmpty() || hex.length() > 15 || !hex.matches("[0-9a-fA-F]+")) {
            throw new IOException(what + ": malformed chunk size '" + Http.printable(size) + "'");
        }
        left = Long.parseLong(hex, 16);
        if (left == 0) {
            // trailers, then the empty line
            for (int i = 0; i < 100 && !line(in, what).isEmpty(); i++) {
                // skipped
            }
            ended = true;
        }
    }

    /** One CRLF-terminated line, without the terminator; bounded. */
    static String line(InputStream in, String what) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException(what + ": the response ended in the middle of a line");
            }
            if (c == '\n') {
                int n = sb.length();
                return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
            }
            if (sb.length() >= MAX_LINE) {
                throw new IOException(what + ": a response line is longer than " + MAX_LINE + " bytes");
            }
            sb.append((char) c);
        }
    }
}
