package dev.vouch.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vouch.image.Digest;
import dev.vouch.io.Json;
import dev.vouch.layer.EntryKind;
import dev.vouch.layer.LayerEntry;
import dev.vouch.layer.LayerResultMemory;
import dev.vouch.layer.StoredLayer;
import dev.vouch.layer.StoredResult;
import dev.vouch.server.Metrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stored layer results in the server's database (SQLite here; PostgreSQL in ServeCommandTest's replica tests): kept
 * while any replica uses them, even from its memory, and pruned once nobody has for their time to live.
 */
class SharedLayerResultsTest {
    static final long HOUR = Duration.ofHours(1).toMillis();
    static final Duration TTL = Duration.ofHours(4);

    @TempDir
    Path dir;

    ServerStore store;
    long now;
    Metrics metrics = new Metrics();

    @BeforeEach
    void open() {
        store = ServerStore.open(dir.resolve("s.sqlite").toString());
    }

    @AfterEach
    void close() {
        store.close();
    }

    SharedLayerResults replica(String name) {
        return new SharedLayerResults(
                store, name, Duration.ofSeconds(10), TTL, () -> now, metrics, new LayerResultMemory(1 << 20));
    }

    static StoredLayer layer(String name) {
        Digest d = Digest.sha256(name.getBytes(StandardCharsets.UTF_8));
        return new StoredLayer(
                d,
                Digest.sha256((name + "/tar").getBytes(StandardCharsets.UTF_8)),
                "catalog",
                List.of(new LayerEntry("etc/x", EntryKind.FILE, 0644, 0, 0, 1, null)),
                10,
                20,
                Map.of("catalog", StoredResult.ofJson(Json.stored().valueToTree(Map.of("x", 1)))));
    }

    @Test
    void aRecordServedFromMemoryStaysUntilNoReplicaUsedItForItsTimeToLive() {
        SharedLayerResults a = replica("a");
        StoredLayer base = layer("base");
        StoredLayer once = layer("once");
        a.put(base); // at 0
        a.put(once);
        now = HOUR;
        SharedLayerResults b = replica("b");
        assertThat(b.find(base.blob(), base.diffId(), "catalog")).isEqualTo(base); // read from the database
        now = 3 * HOUR;
        assertThat(a.find(base.blob(), base.diffId(), "catalog")).isSameAs(base); // memory; refreshes the record
        now = 3 * HOUR + HOUR / 2;
        assertThat(a.find(base.blob(), base.diffId(), "catalog")).isSameAs(base); // within the hour: not again
        now = 5 * HOUR + HOUR / 2;
        assertThat(a.prune()).isEqualTo(1); // "once", last used at 0; "base" was used at 3h
        assertThat(replica("c").has(once.blob(), once.diffId(), "catalog")).isFalse();
        assertThat(replica("c").has(base.blob(), base.diffId(), "catalog")).isTrue();
        now = 7 * HOUR + 1;
        assertThat(a.prune()).isEqualTo(1); // "base": last used at 3h, more than four hours ago
        assertThat(replica("c").find(base.blob(), base.diffId(), "catalog")).isNull();
        // a replica's memory still holds what it verified: its own checks go on restoring it
        assertThat(a.find(base.blob(), base.diffId(), "catalog")).isSameAs(base);
        assertThat(metrics.text()).contains("vouch_layer_results_pruned_total 2");
    }

    @Test
    void aPruneAtTheRecordsOwnAgeRemovesNothingStillInUse() {
        SharedLayerResults a = replica("a");
        StoredLayer base = layer("base");
        a.put(base);
        for (int h = 1; h <= 12; h++) {
            now = h * HOUR;
            assertThat(a.find(base.blob(), base.diffId(), "catalog")).isSameAs(base);
            assertThat(a.prune()).isZero();
        }
        assertThat(replica("c").has(base.blob(), base.diffId(), "catalog")).isTrue();
    }
}
