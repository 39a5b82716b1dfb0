package dev.vouch.source;

import dev.vouch.error.InvalidInputException;
import dev.vouch.error.UnsupportedInputException;
import dev.vouch.layer.TarHeaderGuard;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.utils.BoundedSeekableByteChannelInputStream;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * Files inside an uncompressed tar file (an OCI layout or a docker-archive saved to one file). The tar is
 * indexed once (names, data offsets, sizes, links) without extracting anything; files are then read in place
 * with positional reads, so several layers can stream at once. Links inside the archive are followed (as
 * {@code docker save} of Docker 25+ and go-containerregistry write them) up to {@link #MAX_LINK_HOPS}.
 */
final class TarAccess implements ArchiveAccess {
    static final int MAX_ENTRIES = 100_000;
    static final int MAX_LINK_HOPS = 16;

    private record Entry(long offset, long size, char type, String link) {}

    private final Path file;
    private final FileChannel channel;
    private final Map<String, Entry> entries = new HashMap<>();

    TarAccess(Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            index();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private void index() throws IOException {
        BufferedInputStream head = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try (head) {
            head.mark(4);
            byte[] magic = head.readNBytes(4);
            head.reset();
            String compressed = magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b
                    ? "gzip"
                    : magic.length == 4
                                    && (magic[0] & 0xff) == 0x28
                                    && (magic[1] & 0xff) == 0xb5
                                    && (magic[2] & 0xff) == 0x2f
                                    && (magic[3] & 0xff) == 0xfd
                            ? "zstd"
                            : null;
            if (compressed != null) {
                throw new UnsupportedInputException(file + ": the archive is " + compressed
                        + "-compressed; decompress it first so it can be read in place");
            }
            BoundedInputStream counted =
                    BoundedInputStream.builder().setInputStream(head).get();
            TarArchiveInputStream tar = new TarArchiveInputStream(
                    new TarHeaderGuard(counted, file.toString(), MAX_ENTRIES), StandardCharsets.UTF_8.name());
            TarArchiveEntry e;
            int count = 0;
            while ((e = nextEntry(tar)) != null) {
                if (++count > MAX_ENTRIES) {
                    throw new InvalidInputException(file + ": more than " + MAX_ENTRIES + " entries in the archive");
                }
                String name = normalize(e.getName());
                if (name == null) {
                    continue; // names that escape the archive root are never looked up
                }
                char type = e.isSymbolicLink() ? 's' : e.isLink() ? 'h' : e.isFile() ? 'f' : 'o';
                entries.put(name, new Entry(counted.getCount(), e.getSize(), type, e.getLinkName()));
            }
            if (count == 0) {
                throw new InvalidInputException(file + ": not a tar archive (no entries)");
            }
        }
    }

    private TarArchiveEntry nextEntry(TarArchiveInputStream tar) {
        try {
            return tar.getNextEntry();
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(file + ": not a readable tar archive: " + e.getMessage());
        }
    }

    /** Archive-relative name without {@code ./} or a trailing slash; null when it would leave the root. */
    static String normalize(String raw) {
        if (raw == null || raw.indexOf('\0') >= 0 || raw.startsWith("/")) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (String p : raw.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                return null;
            }
            parts.add(p);
        }
        return String.join("/", parts);
    }

    /** Resolves {@code ..} in a link target inside the archive; null when it climbs above the archive root. */
    static String resolveDots(String path) {
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.remove(parts.size() - 1);
                continue;
            }
            parts.add(p);
        }
        return String.join("/", parts);
    }

    private Entry resolve(String name) {
        String current = normalize(name);
        for (int hop = 0; current != null && hop <= MAX_LINK_HOPS; hop++) {
            Entry e = entries.get(current);
            if (e == null) {
                return null;
            }
            switch (e.type) {
                case 'f':
                    return e;
                case 'h':
                    current = normalize(e.link);
                    break;
                case 's':
                    int slash = current.lastIndexOf('/');
                    String dir = slash < 0 ? "" : current.substring(0, slash + 1);
                    current = e.link.startsWith("/") ? null : resolveDots(dir + e.link);
                    break;
                default:
                    return null;
            }
        }
        if (current != null) {
            throw new InvalidInputException(file + ": " + name + ": more than " + MAX_LINK_HOPS + " links to follow");
        }
        return null;
    }

    @Override
    public String description() {
        return file.toString();
    }

    @Override
    public boolean exists(String name) {
        return resolve(name) != null;
    }

    @Override
    public long size(String name) {
        Entry e = resolve(name);
        return e == null ? -1 : e.size;
    }

    @Override
    public InputStream open(String name) throws IOException {
        Entry e = resolve(name);
        if (e == null) {
            throw new InvalidInputException(file + ": " + name + " is missing from the archive");
        }
        return new BufferedInputStream(new BoundedSeekableByteChannelInputStream(e.offset, e.size, channel), 1 << 16);
    }

    @Override
    public List<String> topLevelNames() {
        return entries.keySet().stream()
                .filter(n -> !n.contains("/") && resolve(n) != null)
                .sorted()
                .toList();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
