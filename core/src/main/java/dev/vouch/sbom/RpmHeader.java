package dev.vouch.sbom;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * An RPM header as the rpm database stores it (<a
 * href="https://rpm-software-management.github.io/rpm/manual/format_header.html">header format</a>): an index of
 * (tag, type, offset, count) entries over a data store. Only the string and 32-bit integer tags a package list
 * needs are read; every count and offset is checked against the blob first.
 */
final class RpmHeader {
    static final int NAME = 1000;
    static final int VERSION = 1001;
    static final int RELEASE = 1002;
    static final int EPOCH = 1003;
    static final int LICENSE = 1014;
    static final int ARCH = 1022;
    static final int SOURCERPM = 1044;

    private static final int TYPE_INT32 = 4;
    private static final int TYPE_STRING = 6;
    private static final int TYPE_I18NSTRING = 9;

    private final Map<Integer, String> strings = new HashMap<>();
    private final Map<Integer, Integer> ints = new HashMap<>();

    private RpmHeader() {}

    /** Parses a header blob; null when it is malformed. */
    static RpmHeader parse(byte[] b) {
        if (b == null || b.length < 8) {
            return null;
        }
        long il = be32(b, 0);
        long dl = be32(b, 4);
        long dataStart = 8 + il * 16;
        if (il <= 0 || il > 100_000 || dl < 0 || dataStart + dl > b.length) {
            return null;
        }
        RpmHeader h = new RpmHeader();
        for (int i = 0; i < il; i++) {
            int e = 8 + i * 16;
            int tag = (int) be32(b, e);
            long type = be32(b, e + 4);
            long offset = be32(b, e + 8);
            long count = be32(b, e + 12);
            if (offset < 0 || offset >= dl) {
                continue;
            }
            int at = (int) (dataStart + offset);
            int end = (int) (dataStart + dl);
            if ((type == TYPE_STRING || type == TYPE_I18NSTRING) && count >= 1) {
                int z = at;
                while (z < end && b[z] != 0) {
                    z++;
                }
                h.strings.putIfAbsent(tag, new String(b, at, z - at, StandardCharsets.UTF_8));
            } else if (type == TYPE_INT32 && count >= 1 && at + 4 <= end) {
                h.ints.putIfAbsent(tag, (int) be32(b, at));
            }
        }
        return h;
    }

    String string(int tag) {
        return strings.get(tag);
    }

    Integer integer(int tag) {
        return ints.get(tag);
    }

    private static long be32(byte[] b, int o) {
        return (b[o] & 0xffL) << 24 | (b[o + 1] & 0xffL) << 16 | (b[o + 2] & 0xffL) << 8 | (b[o + 3] & 0xffL);
    }
}
