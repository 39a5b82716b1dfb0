package dev.vouch.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vouch.error.IntegrityException;
import dev.vouch.image.Digest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobCacheTest {
    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void storesOnlyWhatHashesToTheDigest() throws Exception {
        BlobCache cache = new BlobCache(dir);
        byte[] good = bytes("layer bytes");
        Digest d = Digest.sha256(good);
        assertThatThrownBy(() ->
                        cache.store(d, good.length, new ByteArrayInputStream(bytes("layer bytez")), "blob x", n -> {}))
                .isInstanceOf(IntegrityException.class)
                .hasMessageStartingWith("blob x: digest mismatch");
        assertThat(cache.has(d)).isFalse();
        try (var tmp = Files.list(dir.resolve("tmp"))) {
            assertThat(tmp).isEmpty();
        }
        cache.store(d, good.length, new ByteArrayInputStream(good), "blob x", n -> {});
        try (InputStream in = cache.open(d, good.length, "blob x")) {
            assertThat(in.readAllBytes()).isEqualTo(good);
        }
        assertThatThrownBy(() -> cache.put(d, bytes("other"))).isInstanceOf(IntegrityException.class);
    }

    @Test
    void aCorruptEntryIsReportedAndRemoved() throws Exception {
        BlobCache cache = new BlobCache(dir);
        byte[] good = bytes("{\"manifest\":1}");
        Digest d = Digest.sha256(good);
        cache.put(d, good);
        Files.write(cache.path(d), bytes("{\"manifest\":2}"));
        assertThatThrownBy(() -> {
                    try (InputStream in = cache.open(d, good.length, "manifest m")) {
                        in.readAllBytes();
                    }
                })
                .isInstanceOf(IntegrityException.class)
                .hasMessageContaining("manifest m (cached at " + cache.path(d) + "): digest mismatch")
                .hasMessageEndingWith("the corrupt cache entry was removed, run again");
        assertThat(cache.has(d)).isFalse();
        assertThat(cache.open(d, good.length, "manifest m")).isNull();
    }

    @Test
    void pruneEvictsTheLeastRecentlyUsedFirst() throws Exception {
        BlobCache cache = new BlobCache(dir);
        List<Digest> ds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            byte[] b = bytes("blob-" + i + "-" + "x".repeat(100));
            Digest d = Digest.sha256(b);
            cache.put(d, b);
            Files.setLastModifiedTime(cache.path(d), FileTime.fromMillis(1_000_000L * (i + 1)));
            ds.add(d);
        }
        long one = cache.size(ds.get(0));
        BlobCache.PruneResult r = cache.prune(2 * one);
        assertThat(r.removed()).isEqualTo(1);
        assertThat(cache.has(ds.get(0))).isFalse();
        assertThat(cache.has(ds.get(1))).isTrue();
        assertThat(cache.has(ds.get(2))).isTrue();
        assertThat(cache.prune(0).keptBlobs()).isZero();
        assertThat(cache.usage().blobs()).isZero();
    }

    @Test
    void twoWritersOfTheSameBlobBothSucceedAndLeaveOneWholeFile() throws Exception {
        BlobCache cache = new BlobCache(dir);
        byte[] big = new byte[4 << 20];
        new java.util.Random(7).nextBytes(big);
        Digest d = Digest.sha256(big);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                fs.add(pool.submit(() -> {
                    cache.store(d, big.length, new ByteArrayInputStream(big), "blob", n -> {});
                    try (InputStream in = cache.open(d, big.length, "blob")) {
                        return in.readAllBytes().length;
                    }
                }));
            }
            for (Future<?> f : fs) {
                assertThat(f.get()).isEqualTo(big.length);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(Files.readAllBytes(cache.path(d))).isEqualTo(big);
        try (var tmp = Files.list(dir.resolve("tmp"))) {
            assertThat(tmp).isEmpty();
        }
    }
}
