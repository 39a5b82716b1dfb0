package dev.vouch.sign;

import dev.sigstore.tuf.FileSystemTufStore;
import dev.sigstore.tuf.MetaFetcher;
import dev.sigstore.tuf.PassthroughCacheMetaStore;
import dev.sigstore.tuf.RootProvider;
import dev.sigstore.tuf.SigstoreTufClient;
import dev.sigstore.tuf.TrustedMetaStore;
import dev.sigstore.tuf.Updater;
import dev.sigstore.tuf.model.Root;
import dev.sigstore.tuf.model.Timestamp;
import dev.vouch.error.InvalidInputException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Sigstore's trusted root ({@code trusted_root.json}: Fulcio CAs, Rekor and CT log keys, TSAs) obtained through TUF, as
 * cosign obtains it (<a href="https://github.com/sigstore/root-signing">sigstore/root-signing</a>): sigstore-java's TUF
 * client, starting from the public-good root it embeds (or a root file for a mirror), updates the metadata from
 * {@code https://tuf-repo-cdn.sigstore.dev} or a mirror, verifying every role (signatures and thresholds, root
 * rotations, expiry, versions never going back, hashes and lengths), and downloads the target into the cache
 * ({@code CACHE/trust/sigstore/MIRROR-ID}). Verification then reads the cached copy offline.
 */
public final class SigstoreTuf {
    /** The public-good instance's TUF repository. */
    public static final URI PUBLIC_GOOD = URI.create("https://tuf-repo-cdn.sigstore.dev/");

    private static final String TARGET = "trusted_root.json";

    private SigstoreTuf() {}

    /**
     * What the cache holds for a mirror.
     *
     * @param mirror the TUF repository
     * @param directory where its metadata and targets are kept
     * @param trustedRoot the cached trusted root, or null when none was fetched
     * @param fetched when the trusted root was last fetched and verified, or null
     * @param rootVersion the TUF root's version, or 0
     * @param rootExpires when the TUF root expires, or null
     * @param timestampExpires when the timestamp expires, or null
     */
    public record Status(
            URI mirror,
            Path directory,
            Path trustedRoot,
            Instant fetched,
            int rootVersion,
            Instant rootExpires,
            Instant timestampExpires) {}

    /** The cache directory of one mirror. */
    public static Path directory(Path cacheDir, URI mirror) {
        try {
            String id = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(mirror.toString().getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 16);
            return cacheDir.resolve("trust").resolve("sigstore").resolve(id);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Updates the TUF metadata of {@code mirror} and downloads the trusted root into the cache.
     *
     * @param initialRoot the TUF root to start from when none is cached, or null for the public-good root embedded in
     *     sigstore-java (the public-good repository and its mirrors)
     */
    public static Status update(Path cacheDir, URI mirror, Path initialRoot) throws IOException {
        RootProvider root = initialRoot == null
                ? RootProvider.fromResource(SigstoreTufClient.PUBLIC_GOOD_ROOT_RESOURCE)
                : RootProvider.fromFile(initialRoot);
        Path dir = directory(cacheDir, mirror);
        Files.createDirectories(dir);
        URI base = mirror.toString().endsWith("/") ? mirror : URI.create(mirror + "/");
        FileSystemTufStore store = FileSystemTufStore.newFileSystemStore(dir);
        Updater updater = Updater.builder()
                .setTrustedRootPath(root)
                .setTrustedMetaStore(
                        TrustedMetaStore.newTrustedMetaStore(PassthroughCacheMetaStore.newPassthroughMetaCache(store)))
                .setTargetStore(store)
                .setMetaFetcher(MetaFetcher.newFetcher(new TufFetcher(base)))
                .setTargetFetcher(new TufFetcher(base.resolve("targets/")))
                .build();
        try {
            updater.updateMeta();
            updater.downloadTarget(TARGET);
        } catch (IOException | dev.sigstore.tuf.TufException e) {
            throw new InvalidInputException("the Sigstore TUF repository " + mirror + " does not verify: " + reason(e));
        } catch (dev.sigstore.json.JsonParseException | RuntimeException e) {
            throw new InvalidInputException(
                    "the Sigstore TUF repository " + mirror + " sent metadata that does not parse: " + reason(e));
        }
        // the trusted root must read as one before it is used
        KeylessBundles.TrustedRoot.read(store.getTargetsDir().resolve(TARGET));
        return status(cacheDir, mirror);
    }

    /** What the cache holds for {@code mirror} (nothing is fetched). */
    public static Status status(Path cacheDir, URI mirror) throws IOException {
        Path dir = directory(cacheDir, mirror);
        Path target = dir.resolve("targets").resolve(TARGET);
        if (!Files.isRegularFile(target)) {
            return new Status(mirror, dir, null, null, 0, null, null);
        }
        FileSystemTufStore store = FileSystemTufStore.newFileSystemStore(dir);
        int version = 0;
        Instant rootExpires = null;
        Instant timestampExpires = null;
        try {
            var r = store.readMeta("root", Root.class);
            if (r.isPresent()) {
                version = r.get().getSignedMeta().getVersion();
                rootExpires = r.get().getSignedMeta().getExpiresAsDate().toInstant();
            }
            var t = store.readMeta("timestamp", Timestamp.class);
            if (t.isPresent()) {
                timestampExpires = t.get().getSignedMeta().getExpiresAsDate().toInstant();
            }
        } catch (dev.sigstore.json.JsonParseException | RuntimeException e) {
            throw new InvalidInputException(dir + ": the cached TUF metadata does not parse (run vouch trust update)");
        }
        return new Status(
                mirror,
                dir,
                target,
                Files.getLastModifiedTime(target).toInstant(),
                version,
                rootExpires,
                timestampExpires);
    }

    private static String reason(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable c = e.getCause();
        if (c != null && c.getMessage() != null && !m.contains(c.getMessage())) {
            m = m + ": " + c.getMessage();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
