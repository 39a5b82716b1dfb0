package dev.vouch.layer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vouch.image.Digest;
import dev.vouch.io.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stored layers kept in memory: bounded by weight, least recently used first, read from JSON once. */
class LayerResultMemoryTest {
    record Found(String path, byte[] content) {}

    static StoredLayer layer(String name, int entries, String text) {
        List<LayerEntry> list = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            list.add(new LayerEntry("f" + i, EntryKind.FILE, 0644, 0, 0, 1, null));
        }
        Digest d = Digest.sha256(name.getBytes(StandardCharsets.UTF_8));
        return new StoredLayer(
                d,
                d,
                "x",
                list,
                1,
                1,
                Map.of("x", StoredResult.ofJson(Json.stored().valueToTree(Map.of("text", text)))));
    }

    @Test
    void theLeastRecentlyUsedLayersGoFirstWhenTheBudgetIsFull() {
        StoredLayer a = layer("a", 10, "");
        long w = a.weight();
        assertThat(w).isBetween(256L * 11, 256L * 11 + 200);
        LayerResultMemory memory = new LayerResultMemory(4 * w + w / 2);
        memory.put("a", a);
        memory.put("b", layer("b", 10, ""));
        memory.put("c", layer("c", 10, ""));
        memory.put("d", layer("d", 10, ""));
        assertThat(memory.get("a")).isSameAs(a); // now the most recently used
        memory.put("e", layer("e", 10, ""));
        assertThat(memory.has("b")).isFalse();
        assertThat(memory.has("a")).isTrue();
        assertThat(memory.has("e")).isTrue();
        assertThat(memory.used()).isEqualTo(4 * w);
        // one layer over a quarter of the budget is not kept at all
        memory.put("big", layer("big", 10, "x".repeat((int) (2 * w))));
        assertThat(memory.has("big")).isFalse();
        assertThat(memory.used()).isEqualTo(4 * w);
        // the same key again replaces, and counts once
        memory.put("a", layer("a", 10, ""));
        assertThat(memory.used()).isEqualTo(4 * w);
    }

    @Test
    void resultsAreReadFromTheirJsonOnceAndThenShared() throws Exception {
        byte[] content = "secret".getBytes(StandardCharsets.UTF_8);
        StoredResult exported = StoredResult.of(new Found("etc/x", content));
        // a fresh export is its own value; its JSON is what a record keeps
        assertThat(exported.as(Found.class).content()).isSameAs(content);
        StoredResult read =
                StoredResult.ofJson(Json.stored().readTree(exported.json().toString()));
        assertThat(read).isEqualTo(exported);
        long weight = read.weight();
        Found first = read.as(Found.class);
        assertThat(first.content()).isEqualTo(content);
        assertThat(read.as(Found.class)).isSameAs(first);
        assertThat(read.weight()).isEqualTo(weight);
        // its JSON can still be written (a record of it), and says the same
        assertThat(read.json()).isEqualTo(exported.json());
    }
}
