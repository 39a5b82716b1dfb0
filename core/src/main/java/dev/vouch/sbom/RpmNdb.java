package dev.vouch.sbom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The package headers of an rpm database in NDB format ({@code Packages.db}, SUSE's rpm 4.15 to 4.17: SLES and
 * openSUSE Leap 15), read from bytes held in memory as rpm's own backend lays them out (<a
 * href="https://github.com/rpm-software-management/rpm/blob/rpm-4.17.0-release/lib/backend/ndb/rpmpkg.c">rpmpkg.c</a>):
 * a 32-byte header ({@code RpmP}, version 0, the slot page count), slot pages of 16-byte slots ({@code Slot}, package
 * index, block offset, block count) and, per used slot, a blob ({@code BlbS}, package index, checksum, length)
 * followed by the header. Every offset, index and length is checked
 * against the file (the blob's checksum is not: rpm's own reader rechecks it on write, not on read).
 */
final class RpmNdb {
    private static final int HEADER_MAGIC = 'R' | 'p' << 8 | 'm' << 16 | 'P' << 24;
    private static final int SLOT_MAGIC = 'S' | 'l' << 8 | 'o' << 16 | 't' << 24;
    private static final int BLOB_MAGIC = 'B' | 'l' << 8 | 'b' << 16 | 'S' << 24;
    private static final int BLOCK = 16;
    private static final int MAX_SLOT_PAGES = 2048;

    private RpmNdb() {}

    static boolean looksLike(byte[] db) {
        return db.length >= 32
                && ByteBuffer.wrap(db).order(ByteOrder.LITTLE_ENDIAN).getInt(0) == HEADER_MAGIC;
    }

    static List<byte[]> headers(byte[] db) throws IOException {
        if (!looksLike(db)) {
            throw new IOException("no RpmP magic: not an NDB rpm database");
        }
        ByteBuffer b = ByteBuffer.wrap(db).order(ByteOrder.LITTLE_ENDIAN);
        int version = b.getInt(4);
        long slotPages = Integer.toUnsignedLong(b.getInt(12));
        if (version != 0 || slotPages == 0 || slotPages > MAX_SLOT_PAGES || slotPages * 4096 > db.length) {
            throw new IOException("NDB version " + version + " with " + slotPages + " slot pages is not readable");
        }
        List<byte[]> out = new ArrayList<>();
        for (int at = 32; at < slotPages * 4096; at += 16) { // the first two slots' space is the header
            if (b.getInt(at) != SLOT_MAGIC) {
                throw new IOException("slot at byte " + at + " has no Slot magic");
            }
            int pkg = b.getInt(at + 4);
            if (pkg == 0) {
                continue; // free
            }
            long blob = Integer.toUnsignedLong(b.getInt(at + 8)) * BLOCK;
            long blocks = Integer.toUnsignedLong(b.getInt(at + 12));
            if (blob + 16 > db.length || blob + blocks * BLOCK > db.length) {
                throw new IOException("package " + pkg + "'s blob is outside the file");
            }
            int p = (int) blob;
            if (b.getInt(p) != BLOB_MAGIC || b.getInt(p + 4) != pkg) {
                throw new IOException("package " + pkg + "'s blob has no BlbS magic or another package's index");
            }
            long length = Integer.toUnsignedLong(b.getInt(p + 12));
            if (p + 16 + length > Math.min(db.length, blob + blocks * BLOCK)) {
                throw new IOException("package " + pkg + "'s blob is longer than its blocks");
            }
            byte[] header = new byte[(int) length];
            System.arraycopy(db, p + 16, header, 0, header.length);
            out.add(header);
        }
        return out;
    }
}
