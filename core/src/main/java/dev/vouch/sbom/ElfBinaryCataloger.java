package dev.vouch.sbom;

import dev.vouch.layer.LayerEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Executable ELF files, read as a stream: statically linked ones (an executable, PIE or not, without a
 * {@code PT_INTERP} program header, and not named like a shared library: the libraries inside them cannot be
 * listed) are noted, and Go binaries give their build info
 * (the {@code .go.buildinfo} blob of Go 1.18 and later, <a href="https://pkg.go.dev/debug/buildinfo">debug/buildinfo</a>):
 * the Go version (as package {@code stdlib}, and as {@code toolchain} for the go command's own binary), the main
 * module and every dependency, replacements applied. Rust binaries built with cargo-auditable give their crates
 * ({@link CargoAuditable}); interpreters, servers and libraries built outside a package manager give their version
 * ({@link RuntimeSignature}, {@link RuntimeScan}).
 */
public final class ElfBinaryCataloger implements FileCataloger {
    static final long MAX = 512L << 20;
    private static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
    private static final int HEAD = 64 << 10;
    private static final int MAX_BUILDINFO = 1 << 20;
    /** How much of a binary's end is kept for its section headers and a cargo-auditable section. */
    private static final int TAIL = 8 << 20;

    @Override
    public boolean wants(LayerEntry entry) {
        if (entry.size() < 64 || entry.size() > MAX) {
            return false;
        }
        if ((entry.mode() & 0111) != 0) {
            return true;
        }
        // shared libraries need not be executable: those a runtime's version is read from
        String path = entry.path();
        return path.contains(".so")
                && !RuntimeSignature.forFile(path.substring(path.lastIndexOf('/') + 1))
                        .isEmpty();
    }

    @Override
    public Found read(String path, InputStream content) throws IOException {
        byte[] head = content.readNBytes(HEAD);
        if (head.length < 64 || head[0] != 0x7f || head[1] != 'E' || head[2] != 'L' || head[3] != 'F') {
            return Found.NOTHING;
        }
        List<String> notes = new ArrayList<>();
        String file = path.substring(path.lastIndexOf('/') + 1);
        ElfTail tail = new ElfTail(TAIL);
        RuntimeScan runtimes = new RuntimeScan(path, RuntimeSignature.forFile(file));
        Sink sink = runtimes.active()
                ? (b, off, len) -> {
                    tail.feed(b, off, len);
                    runtimes.feed(b, off, len);
                }
                : tail::feed;
        sink.feed(head, 0, head.length);
        byte[] info = findBuildInfo(head, content, sink);
        List<Package> packages = new ArrayList<>(info == null ? List.of() : goPackages(info));
        if (info == null) {
            packages.addAll(CargoAuditable.packages(head, tail.bytes(), tail.base()));
        }
        packages.addAll(runtimes.packages());
        if (isStatic(head) && !file.contains(".so")) {
            notes.add("statically linked ELF executable /" + path
                    + (info != null
                            ? ": a Go binary, its modules are listed from its build info"
                            : packages.stream().anyMatch(p -> p.type() == PackageType.CARGO)
                                    ? ": a Rust binary, its crates are listed from its cargo-auditable section"
                                    : ": the libraries compiled into it are not listed"));
        }
        return new Found(packages, notes);
    }

    /** Whether an ELF header and its program headers (within the first bytes) describe a static executable. */
    static boolean isStatic(byte[] h) {
        boolean is64 = h[4] == 2;
        boolean le = h[5] == 1;
        int type = u16(h, 16, le);
        long phoff = is64 ? u64(h, 32, le) : u32(h, 28, le);
        int phentsize = u16(h, is64 ? 54 : 42, le);
        int phnum = u16(h, is64 ? 56 : 44, le);
        if (phoff <= 0 || phoff > h.length || phentsize < 8 || (long) phnum * phentsize > h.length - phoff) {
            return false; // the program headers are not where they usually are: say nothing
        }
        boolean interp = false;
        for (int i = 0; i < phnum; i++) {
            interp |= u32(h, (int) (phoff + (long) i * phentsize), le) == 3;
        }
        // an executable (ET_EXEC, or ET_DYN as PIE and static-pie are) that names no program interpreter; shared
        // libraries are ET_DYN without one too, which is why callers leave out *.so* files
        return !interp && (type == 2 || type == 3);
    }

    /**
     * The bytes after the build-info magic (at most 1 MiB), found in the head or further in the stream. The magic
     * starts its section, which is 16-byte aligned in the file, so only those offsets are tried.
     */
    /** Receives every byte of the file after the head, in order. */
    @FunctionalInterface
    interface Sink {
        void feed(byte[] b, int off, int len);
    }

    private static byte[] findBuildInfo(byte[] head, InputStream in, Sink tail) throws IOException {
        byte[] buf = head;
        int len = head.length;
        long base = 0; // the file offset of buf[0]
        while (true) {
            int at = indexOfAligned(buf, len, base);
            if (at >= 0) {
                byte[] rest = Arrays.copyOfRange(buf, at, len);
                if (rest.length < MAX_BUILDINFO) {
                    byte[] more = in.readNBytes(MAX_BUILDINFO - rest.length);
                    byte[] all = Arrays.copyOf(rest, rest.length + more.length);
                    System.arraycopy(more, 0, all, rest.length, more.length);
                    rest = all;
                }
                return rest;
            }
            // keep the last bytes, in case the magic straddles two reads
            int keep = Math.min(len, MAGIC.length - 1);
            byte[] next = new byte[keep + HEAD];
            System.arraycopy(buf, len - keep, next, 0, keep);
            int n = in.readNBytes(next, keep, HEAD);
            if (n <= 0 || base > MAX) {
                return null;
            }
            tail.feed(next, keep, n);
            base += len - keep;
            buf = next;
            len = keep + n;
        }
    }

    private static int indexOfAligned(byte[] b, int len, long base) {
        int first = (int) ((16 - (base % 16)) % 16);
        outer:
        for (int i = first; i + MAGIC.length <= len; i += 16) {
            if (b[i] != MAGIC[0] || b[i + 1] != MAGIC[1]) {
                continue;
            }
            for (int k = 2; k < MAGIC.length; k++) {
                if (b[i + k] != MAGIC[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Go 1.18+ build info with inline strings: a varint-prefixed version string, then the module info. */
    static List<Package> goPackages(byte[] info) {
        if (info.length < 33 || (info[15] & 0x2) == 0) {
            return List.of(); // the pointer format of older Go versions needs the binary's address map
        }
        int[] at = {32};
        String version = varintString(info, at);
        String mod = varintString(info, at);
        if (version == null || !version.startsWith("go")) {
            return List.of();
        }
        List<Package> out = new ArrayList<>();
        out.add(golang("stdlib", version.substring(2)));
        if (mod == null) {
            return out;
        }
        // the module info is framed by 16 sentinel bytes on each side
        if (mod.length() >= 33 && mod.charAt(mod.length() - 17) == '\n') {
            mod = mod.substring(16, mod.length() - 16);
        }
        Map<String, String[]> deps = new LinkedHashMap<>();
        String last = null;
        for (String line : mod.split("\n")) {
            String[] f = line.split("\t");
            if (f.length >= 2 && f[0].equals("path") && f[1].equals("cmd/go")) {
                // the go command itself: OSV's "toolchain" records are about it, not about what it builds
                out.add(golang("toolchain", version.substring(2)));
            } else if (f.length >= 3 && f[0].equals("mod")) {
                out.add(golang(f[1], f[2]));
            } else if (f.length >= 3 && f[0].equals("dep")) {
                deps.put(f[1], new String[] {f[1], f[2]});
                last = f[1];
            } else if (f.length >= 3 && f[0].equals("=>") && last != null) {
                deps.put(last, new String[] {f[1], f[2]}); // a replace directive: what was really built
            }
        }
        for (String[] d : deps.values()) {
            out.add(golang(d[0], d[1]));
        }
        return out;
    }

    private static Package golang(String module, String version) {
        int slash = module.lastIndexOf('/');
        String purl = Purls.of(
                PackageType.GOLANG,
                slash < 0 ? null : module.substring(0, slash),
                slash < 0 ? module : module.substring(slash + 1),
                version,
                Map.of());
        return new Package(PackageType.GOLANG, module, version, purl, List.of(), null, null, null, List.of());
    }

    private static String varintString(byte[] b, int[] at) {
        long n = 0;
        int shift = 0;
        while (at[0] < b.length) {
            int c = b[at[0]++] & 0xff;
            n |= (long) (c & 0x7f) << shift;
            if (c < 0x80) {
                break;
            }
            shift += 7;
            if (shift > 35) {
                return null;
            }
        }
        if (n < 0 || at[0] + n > b.length) {
            return null;
        }
        String s = new String(b, at[0], (int) n, StandardCharsets.UTF_8);
        at[0] += (int) n;
        return s;
    }

    static int u16(byte[] b, int o, boolean le) {
        return le ? (b[o] & 0xff) | (b[o + 1] & 0xff) << 8 : (b[o] & 0xff) << 8 | (b[o + 1] & 0xff);
    }

    static long u32(byte[] b, int o, boolean le) {
        return le
                ? (b[o] & 0xffL) | (b[o + 1] & 0xffL) << 8 | (b[o + 2] & 0xffL) << 16 | (b[o + 3] & 0xffL) << 24
                : (b[o] & 0xffL) << 24 | (b[o + 1] & 0xffL) << 16 | (b[o + 2] & 0xffL) << 8 | (b[o + 3] & 0xffL);
    }

    static long u64(byte[] b, int o, boolean le) {
        return le ? u32(b, o, true) | u32(b, o + 4, true) << 32 : u32(b, o, false) << 32 | u32(b, o + 4, false);
    }
}
