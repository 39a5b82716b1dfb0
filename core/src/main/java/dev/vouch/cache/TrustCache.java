package dev.vouch.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Trust data remembered between runs, beside the blob cache ({@code CACHE/trust}): for each trust server and
 * repository, the root trusted on first use (or after a verified rotation) and the versions of the roles seen, so a
 * later answer cannot roll back. Each repository has a directory named by the SHA-256 of {@code kind, server, name},
 * so no name read from the network becomes a path; each file is replaced atomically.
 */
public final class TrustCache {
    private static final int MAX_FILE = 4 << 20;

    private final Path dir;

    public TrustCache(Path dir) {
        this.dir = dir;
    }

    /** The directory of one repository's trust data. */
    public Entry entry(String kind, String server, String name) {
        String key = kind + "\n" + server + "\n" + name;
        String hex;
        try {
            hex = HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return new Entry(dir.resolve(kind).resolve(hex), kind + " " + name + " on " + server);
    }

    /** One repository's remembered files ({@code root.json}, {@code versions.json}). */
    public record Entry(Path dir, String what) {
        /** The file's bytes, or empty when none was stored. */
        public Optional<byte[]> read(String file) throws IOException {
            Path p = dir.resolve(file);
            if (!Files.isRegularFile(p)) {
                return Optional.empty();
            }
            if (Files.size(p) > MAX_FILE) {
                throw new IOException(p + ": larger than " + MAX_FILE + " bytes");
            }
            return Optional.of(Files.readAllBytes(p));
        }

        /** Replaces the file with {@code bytes}: written beside it, then moved over it. */
        public void write(String file, byte[] bytes) throws IOException {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".tmp-", "");
            try {
                Files.write(tmp, bytes);
                try {
                    Files.move(
                            tmp,
                            dir.resolve(file),
                            StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
