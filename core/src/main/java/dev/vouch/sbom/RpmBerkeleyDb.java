package dev.vouch.sbom;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The package headers of an rpm database in Berkeley DB hash format ({@code var/lib/rpm/Packages}, rpm before 4.16:
 * CentOS 5 to 8, RHEL/UBI 7 and 8, Amazon Linux 2), read from bytes held in memory as the on-disk layout is (<a
 * href="https://github.com/berkeleydb/libdb/blob/master/src/dbinc/db_page.h">db_page.h</a>): a hash metadata page,
 * then hash pages whose entries come in key/value pairs; each value is an off-page reference to a chain of overflow
 * pages that holds one package header. Every page number, offset and length is checked against the file; chains
 * are bounded by the page count.
 */
final class RpmBerkeleyDb {
    private static final int HASH_MAGIC = 0x061561;
    private static final int PAGE_HEADER = 26;
    private static final int HASH_META = 8;
    private static final int HASH = 13;
    private static final int HASH_UNSORTED = 2;
    private static final int OVERFLOW = 7;
    private static final int OFF_PAGE = 3;
    private static final Set<Integer> PAGE_SIZES = Set.of(512, 1024, 2048, 4096, 8192, 16384, 32768, 65536);
    private static final int MAX_HEADER = 64 << 20;

    private RpmBerkeleyDb() {}

    /** Whether the bytes start like a Berkeley DB hash database, in either byte order. */
    static boolean looksLike(byte[] db) {
        return db.length >= 512 && order(db) != null;
    }

    private static ByteOrder order(byte[] db) {
        for (ByteOrder o : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            if (ByteBuffer.wrap(db).order(o).getInt(12) == HASH_MAGIC) {
                return o;
            }
        }
        return null;
    }

    static List<byte[]> headers(byte[] db) throws IOException {
        ByteOrder order = db.length < 512 ? null : order(db);
        if (order == null) {
            throw new IOException("no Berkeley DB hash magic: not a Berkeley DB rpm database");
        }
        ByteBuffer b = ByteBuffer.wrap(db).order(order);
        int pageSize = b.getInt(20);
        if (!PAGE_SIZES.contains(pageSize) || (db[25] & 0xff) != HASH_META) {
            throw new IOException("page size " + pageSize + " or metadata page type " + (db[25] & 0xff)
                    + " is not a Berkeley DB hash database's");
        }
        if (db[24] != 0) {
            throw new IOException("the database is encrypted");
        }
        long pages = Math.min(Integer.toUnsignedLong(b.getInt(32)) + 1, db.length / pageSize);
        List<byte[]> out = new ArrayList<>();
        for (int page = 1; page < pages; page++) {
            int at = page * pageSize;
            int type = db[at + 25] & 0xff;
            if (type != HASH && type != HASH_UNSORTED) {
                continue;
            }
            int entries = Short.toUnsignedInt(b.getShort(at + 20));
            if (PAGE_HEADER + entries * 2 > pageSize) {
                throw new IOException("hash page " + page + " lists more entries than it can hold");
            }
            for (int i = 1; i < entries; i += 2) { // key, value, key, value: the values hold the headers
                int offset = Short.toUnsignedInt(b.getShort(at + PAGE_HEADER + i * 2));
                if (offset >= pageSize) {
                    throw new IOException("hash page " + page + " has an entry outside the page");
                }
                if ((db[at + offset] & 0xff) != OFF_PAGE) {
                    continue; // an inline value is not a package header
                }
                if (offset + 12 > pageSize) {
                    throw new IOException("hash page " + page + " has an off-page entry outside the page");
                }
                int first = b.getInt(at + offset + 4);
                long length = Integer.toUnsignedLong(b.getInt(at + offset + 8));
                out.add(overflow(db, b, pageSize, pages, first, length));
            }
        }
        return out;
    }

    /** The bytes of an overflow chain, which must add up to the length the hash entry gives. */
    private static byte[] overflow(byte[] db, ByteBuffer b, int pageSize, long pages, int first, long length)
            throws IOException {
        if (length > MAX_HEADER) {
            throw new IOException("a package header of " + length + " bytes is over the limit");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) length);
        long page = Integer.toUnsignedLong(first);
        for (int hops = 0; page != 0; hops++) {
            if (page >= pages || hops >= pages) {
                throw new IOException("overflow page " + page + " is outside the database or loops");
            }
            int at = (int) (page * pageSize);
            if ((db[at + 25] & 0xff) != OVERFLOW) {
                throw new IOException("page " + page + " is not an overflow page");
            }
            long next = Integer.toUnsignedLong(b.getInt(at + 16));
            // an overflow page's "free offset" field is the count of bytes it holds
            int used = next == 0 ? Short.toUnsignedInt(b.getShort(at + 22)) : pageSize - PAGE_HEADER;
            if (used > pageSize - PAGE_HEADER || out.size() + used > length) {
                throw new IOException("overflow page " + page + " holds more than its entry's length");
            }
            out.write(db, at + PAGE_HEADER, used);
            page = next;
        }
        if (out.size() != length) {
            throw new IOException("an overflow chain holds " + out.size() + " bytes, its entry says " + length);
        }
        return out.toByteArray();
    }
}
