package dev.vouch.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.io.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The crates a Rust binary built with <a href="https://github.com/rust-secure-code/cargo-auditable">cargo-auditable</a>
 * was made from: its {@code .dep-v0} ELF section holds zlib-compressed JSON, {@code {"packages": [{"name", "version",
 * "source", "kind", "root"}]}}. Crates from crates.io that are compiled in (not {@code kind: build}) are listed; the
 * section is found through the section headers at the end of the file, read from what {@link ElfTail} kept.
 */
final class CargoAuditable {
    static final String SECTION = ".dep-v0";
    private static final int MAX_JSON = 8 << 20;
    private static final int MAX_SECTIONS = 4096;

    private CargoAuditable() {}

    /** The crates, or an empty list when the binary has no such section (or it is not in the kept tail). */
    static List<Package> packages(byte[] head, byte[] tail, long base) {
        byte[] section = section(head, tail, base);
        if (section == null) {
            return List.of();
        }
        byte[] json = inflate(section);
        if (json == null) {
            return List.of();
        }
        List<Package> out = new ArrayList<>();
        JsonNode doc;
        try {
            doc = Json.tree(json, SECTION);
        } catch (RuntimeException e) {
            return List.of();
        }
        for (JsonNode p : doc.path("packages")) {
            if (!p.path("source").asText("").equals("crates.io")
                    || p.path("kind").asText("").equals("build")) {
                continue; // local, git and build-time crates are not releases compiled into the binary
            }
            Package pkg = CargoLockCataloger.crate(p);
            if (pkg != null) {
                out.add(pkg.with("evidence", "cargo-auditable " + SECTION + " section"));
            }
        }
        return out;
    }

    private static byte[] section(byte[] h, byte[] tail, long base) {
        boolean is64 = h[4] == 2;
        boolean le = h[5] == 1;
        long shoff = is64 ? ElfBinaryCataloger.u64(h, 40, le) : ElfBinaryCataloger.u32(h, 32, le);
        int shentsize = ElfBinaryCataloger.u16(h, is64 ? 58 : 46, le);
        int shnum = ElfBinaryCataloger.u16(h, is64 ? 60 : 48, le);
        int shstrndx = ElfBinaryCataloger.u16(h, is64 ? 62 : 50, le);
        if (shoff < base || shnum == 0 || shnum > MAX_SECTIONS || shentsize < (is64 ? 64 : 40) || shstrndx >= shnum) {
            return null;
        }
        long tableEnd = shoff - base + (long) shnum * shentsize;
        if (tableEnd > tail.length) {
            return null;
        }
        long[] names = header(tail, (int) (shoff - base) + shstrndx * shentsize, is64, le);
        for (int i = 0; i < shnum; i++) {
            long[] s = header(tail, (int) (shoff - base) + i * shentsize, is64, le);
            String name = string(tail, names[1] - base + s[0]);
            if (SECTION.equals(name)) {
                long from = s[1] - base;
                if (from < 0 || s[2] > MAX_JSON || from + s[2] > tail.length) {
                    return null;
                }
                byte[] out = new byte[(int) s[2]];
                System.arraycopy(tail, (int) from, out, 0, out.length);
                return out;
            }
        }
        return null;
    }

    /** A section header's name offset, file offset and size. */
    private static long[] header(byte[] b, int at, boolean is64, boolean le) {
        return is64
                ? new long[] {
                    ElfBinaryCataloger.u32(b, at, le),
                    ElfBinaryCataloger.u64(b, at + 24, le),
                    ElfBinaryCataloger.u64(b, at + 32, le)
                }
                : new long[] {
                    ElfBinaryCataloger.u32(b, at, le),
                    ElfBinaryCataloger.u32(b, at + 16, le),
                    ElfBinaryCataloger.u32(b, at + 20, le)
                };
    }

    private static String string(byte[] b, long at) {
        if (at < 0 || at >= b.length) {
            return null;
        }
        int end = (int) at;
        while (end < b.length && b[end] != 0 && end - at < 256) {
            end++;
        }
        return new String(b, (int) at, end - (int) at, StandardCharsets.ISO_8859_1);
    }

    private static byte[] inflate(byte[] z) {
        Inflater inf = new Inflater();
        try {
            inf.setInput(z);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[64 << 10];
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    return null;
                }
                out.write(buf, 0, n);
                if (out.size() > MAX_JSON) {
                    return null;
                }
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            return null;
        } finally {
            inf.end();
        }
    }
}
