package dev.vouch.sbom;

/**
 * The last bytes of a file read as a stream, kept in a ring of fixed size, so that what ELF puts at its end (the
 * section headers, their names, and the non-loaded sections before them) can be read once the stream is over.
 */
final class ElfTail {
    private final int max;
    private byte[] ring = new byte[256 << 10];
    private long total;

    /** Keeps at most {@code max} bytes; the ring grows to that only as the file does (most files are small). */
    ElfTail(int max) {
        this.max = max;
    }

    void feed(byte[] b, int off, int len) {
        while (total + len > ring.length && ring.length < max) {
            ring = java.util.Arrays.copyOf(ring, Math.min(max, ring.length * 2)); // not wrapped before the maximum
        }
        if (len >= ring.length) {
            off += len - ring.length;
            total += len - ring.length;
            len = ring.length;
        }
        int at = (int) (total % ring.length);
        int first = Math.min(len, ring.length - at);
        System.arraycopy(b, off, ring, at, first);
        System.arraycopy(b, off + first, ring, 0, len - first);
        total += len;
    }

    /** The file offset of the first kept byte. */
    long base() {
        return Math.max(0, total - ring.length);
    }

    /** The kept bytes, oldest first. */
    byte[] bytes() {
        int kept = (int) Math.min(total, ring.length);
        byte[] out = new byte[kept];
        int start = (int) (base() % ring.length);
        int first = Math.min(kept, ring.length - start);
        System.arraycopy(ring, start, out, 0, first);
        System.arraycopy(ring, 0, out, first, kept - first);
        return out;
    }
}
