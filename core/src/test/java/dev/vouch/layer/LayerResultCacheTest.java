package dev.vouch.layer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vouch.image.Digest;
import dev.vouch.io.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stored layer results are found only under the blob, diff_id and analyzers they were verified with. */
class LayerResultCacheTest {
    @TempDir
    Path dir;

    static final Digest BLOB = Digest.sha256("blob".getBytes(StandardCharsets.UTF_8));
    static final Digest DIFF = Digest.sha256("diff".getBytes(StandardCharsets.UTF_8));
    static final Digest OTHER = Digest.sha256("other".getBytes(StandardCharsets.UTF_8));

    static StoredLayer layer(Digest blob, Digest diff) {
        return new StoredLayer(
                blob,
                diff,
                "catalog,secrets",
                List.of(new LayerEntry("etc/passwd", EntryKind.FILE, 0644, 0, 0, 12, null)),
                100,
                2048,
                Map.of("secrets", StoredResult.ofJson(Json.stored().createArrayNode())));
    }

    @Test
    void foundOnlyUnderTheMappingItWasVerifiedWith() {
        LayerResultCache cache = new LayerResultCache(dir);
        cache.put(layer(BLOB, DIFF));
        StoredLayer found = cache.find(BLOB, DIFF, "catalog,secrets");
        assertThat(found).isEqualTo(layer(BLOB, DIFF));
        assertThat(found.entries().get(0).mode()).isEqualTo(0644);
        // the same blob claimed to decompress to another diff_id, another blob, other analyzers: nothing
        assertThat(cache.find(BLOB, OTHER, "catalog,secrets")).isNull();
        assertThat(cache.find(OTHER, DIFF, "catalog,secrets")).isNull();
        assertThat(cache.find(BLOB, DIFF, "catalog")).isNull();
        assertThat(cache.has(BLOB, DIFF, "catalog,secrets")).isTrue();
        assertThat(cache.has(BLOB, OTHER, "catalog,secrets")).isFalse();
    }

    @Test
    void anEntryUnderAnotherLayersNameOrDamagedIsDroppedNotUsed() throws Exception {
        LayerResultCache cache = new LayerResultCache(dir);
        cache.put(layer(OTHER, DIFF));
        // an intact entry copied to the name of another mapping says what it is, and is not believed
        Path theirs = cache.path(OTHER, DIFF, "catalog,secrets");
        Path mine = cache.path(BLOB, DIFF, "catalog,secrets");
        Files.copy(theirs, mine);
        assertThat(cache.find(BLOB, DIFF, "catalog,secrets")).isNull();
        assertThat(mine).doesNotExist();
        // one flipped bit: the checksum line does not match, the entry is removed
        byte[] b = Files.readAllBytes(theirs);
        b[b.length - 5] ^= 1;
        Files.write(theirs, b);
        assertThat(cache.find(OTHER, DIFF, "catalog,secrets")).isNull();
        assertThat(theirs).doesNotExist();
        assertThat(LayerResultCodec.decode("no header".getBytes(StandardCharsets.UTF_8)))
                .isNull();
    }
}
