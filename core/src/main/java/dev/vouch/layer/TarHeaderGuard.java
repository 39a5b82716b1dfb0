package dev.vouch.layer;

import dev.vouch.error.InvalidInputException;
import dev.vouch.error.UnsupportedInputException;
import dev.vouch.io.SeeEveryByteInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Follows the tar structure of the bytes that pass through it (header blocks, their sizes, the data after them)
 * and stops a hostile layer before the tar parser above it can be made to buffer it: too many entries, a PAX or
 * GNU long-name header larger than {@link #MAX_META_BYTES}, old GNU sparse entries. It reads PAX {@code size}
 * records, as the parser does, so it stays in step with files over 8 GiB.
 */
public final class TarHeaderGuard extends SeeEveryByteInputStream {
    static final int MAX_META_BYTES = 1 << 20;
    private static final int BLOCK = 512;

    private final String what;
    private final long maxEntries;
    private final byte[] header = new byte[BLOCK];
    private long pos;
    private long nextHeader;
    private int zeroBlocks;
    private long entries;
    private boolean done;
    // PAX extended header being captured, to read its "size" record
    private byte[] pax;
    private int paxFill;
    private long paxStart = -1;
    private long paxSizeOverride = -1;

    public TarHeaderGuard(InputStream in, String what, long maxEntries) {
        super(in);
        this.what = what;
        this.maxEntries = maxEntries;
    }

    long entries() {
        return entries;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0 && !done) {
            observe(b, off, n);
        }
        return n;
    }

    private void observe(byte[] b, int off, int n) {
        long start = pos;
        long end = pos + n;
        pos = end;
        long cursor = start;
        while (!done && cursor < end) {
            if (paxStart >= 0 && cursor >= paxStart && cursor < paxStart + pax.length) {
                int take = (int) Math.min(end - cursor, paxStart + pax.length - cursor);
                System.arraycopy(b, off + (int) (cursor - start), pax, (int) (cursor - paxStart), take);
                paxFill += take;
                cursor += take;
                if (paxFill == pax.length) {
                    paxSizeOverride = paxSize(pax);
                    paxStart = -1;
                }
                continue;
            }
            if (cursor < nextHeader) {
                cursor = Math.min(end, nextHeader);
                if (paxStart >= 0 && cursor > paxStart) {
                    cursor = paxStart;
                }
                continue;
            }
            int inHeader = (int) (cursor - nextHeader);
            int take = (int) Math.min(end - cursor, BLOCK - inHeader);
            System.arraycopy(b, off + (int) (cursor - start), header, inHeader, take);
            cursor += take;
            if (inHeader + take == BLOCK) {
                onHeader();
            }
        }
    }

    private void onHeader() {
        if (allZero(header)) {
            zeroBlocks++;
            nextHeader += BLOCK;
            if (zeroBlocks >= 2) {
                done = true;
            }
            return;
        }
        zeroBlocks = 0;
        char type = (char) header[156];
        long size = parseSize();
        if (type != 'x' && type != 'g' && type != 'L' && type != 'K') {
            if (paxSizeOverride >= 0) {
                size = paxSizeOverride;
            }
            paxSizeOverride = -1;
            if (++entries > maxEntries) {
                throw new InvalidInputException(what + ": more than " + maxEntries + " tar entries");
            }
        }
        if (type == 'S') {
            throw new UnsupportedInputException(what + ": GNU sparse tar entries are not supported");
        }
        if ((type == 'x' || type == 'g' || type == 'L' || type == 'K') && size > MAX_META_BYTES) {
            throw new InvalidInputException(what + ": a tar " + (type == 'x' || type == 'g' ? "PAX" : "long-name")
                    + " header of " + size + " bytes exceeds the " + MAX_META_BYTES + "-byte limit");
        }
        long dataStart = nextHeader + BLOCK;
        if (type == 'x') {
            pax = new byte[(int) size];
            paxFill = 0;
            paxStart = size == 0 ? -1 : dataStart;
        }
        nextHeader = dataStart + ((size + BLOCK - 1) / BLOCK) * BLOCK;
    }

    private long parseSize() {
        if ((header[124] & 0x80) != 0) {
            // base-256: big-endian two's complement in the remaining bytes
            if ((header[124] & 0x40) != 0) {
                throw new InvalidInputException(what + ": negative size in a tar header");
            }
            long v = header[124] & 0x3f;
            for (int i = 125; i < 136; i++) {
                if (v > (Long.MAX_VALUE >> 8)) {
                    throw new InvalidInputException(what + ": tar entry size out of range");
                }
                v = (v << 8) | (header[i] & 0xff);
            }
            return v;
        }
        long v = 0;
        boolean digits = false;
        for (int i = 124; i < 136; i++) {
            int c = header[i];
            if (c == 0 || c == ' ') {
                if (digits) {
                    break;
                }
                continue;
            }
            if (c < '0' || c > '7') {
                throw new InvalidInputException(what + ": invalid size field in a tar header");
            }
            digits = true;
            v = v * 8 + (c - '0');
        }
        return v;
    }

    private long paxSize(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        long result = -1;
        for (String rec : text.split("\n")) {
            int sp = rec.indexOf(' ');
            if (sp > 0 && rec.startsWith("size=", sp + 1)) {
                try {
                    result = Long.parseLong(rec.substring(sp + 6).trim());
                } catch (NumberFormatException e) {
                    throw new InvalidInputException(what + ": invalid PAX size record");
                }
                if (result < 0) {
                    throw new InvalidInputException(what + ": negative PAX size record");
                }
            }
        }
        return result;
    }

    private static boolean allZero(byte[] block) {
        for (byte x : block) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
