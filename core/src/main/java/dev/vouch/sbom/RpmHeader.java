package dev.vouch.sbom;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
    static final int DIRINDEXES = 1116;
    static final int BASENAMES = 1117;
    static final int DIRNAMES = 1118;

    private static final int TYPE_INT32 = 4;
    private static final int TYPE_STRING = 6;
    private static final int TYPE_STRING_ARRAY = 8;
    private static final int MAX_ARRAY = 1_000_000;
    private static final int TYPE_I18NSTRING = 9;

    private final Map<Integer, String> strings = new HashMap<>();
    private final Map<Integer, Integer> ints = new HashMap<>();
    private final Map<Integer, List<String>> stringArrays = new HashMap<>();
    private int[] dirIndexes = new int[0];

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
                if (tag == DIRINDEXES && count <= MAX_ARRAY && at + count * 4 <= end) {
                    h.dirIndexes = new int[(int) count];
                    for (int k = 0; k < count; k++) {
                        h.dirIndexes[k] = (int) be32(b, at + k * 4);
                    }
                }
            } else if (type == TYPE_STRING_ARRAY && (tag == BASENAMES || tag == DIRNAMES) && count <= MAX_ARRAY) {
                List<String> values = new ArrayList<>();
                int z = at;
                for (int k = 0; k < count && z < end; k++) {
                    int from = z;
                    while (z < end && b[z] != 0) {
                        z++;
                    }
                    values.add(new String(b, from, z - from, StandardCharsets.UTF_8));
                    z++;
                }
                h.stringArrays.put(tag, values);
            }
        }
        return h;
    }

    /** The files the package installed: each base name joined to its directory (absolute paths). */
    List<String> files() {
        List<String> base = stringArrays.getOrDefault(BASENAMES, List.of());
        List<String> dirs = stringArrays.getOrDefault(DIRNAMES, List.of());
        List<String> out = new ArrayList<>();
        for (int i = 0; i < base.size() && i < dirIndexes.length; i++) {
            if (dirIndexes[i] >= 0 && dirIndexes[i] < dirs.size()) {
                out.add(dirs.get(dirIndexes[i]) + base.get(i));
            }
        }
        return out;
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
