package dev.vouch.layer;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stored layers a long-running process keeps in memory, under the key their store names them by, so that the images
 * of one base restore its layers without reading their records again: once an analyzer has read a layer's results,
 * every later walk gets the same values. Bounded by their {@link StoredLayer#weight weight}; the least recently used
 * go first. A layer here was verified when its record was read or when it was stored, and is never changed.
 */
public final class LayerResultMemory {
    private final long budget;
    private final Map<String, Kept> layers = new LinkedHashMap<>(64, 0.75f, true);
    private long used;

    private record Kept(StoredLayer layer, long weight) {}

    /** @param budget about how many bytes the kept layers may hold */
    public LayerResultMemory(long budget) {
        this.budget = budget;
    }

    /** A tenth of the heap the JVM may grow to. */
    public static LayerResultMemory sizedToHeap() {
        return new LayerResultMemory(Runtime.getRuntime().maxMemory() / 10);
    }

    public synchronized StoredLayer get(String key) {
        Kept k = layers.get(key);
        return k == null ? null : k.layer();
    }

    public synchronized boolean has(String key) {
        return layers.containsKey(key);
    }

    /** Keeps a layer, unless it alone would take more than a quarter of the budget. */
    public void put(String key, StoredLayer layer) {
        long weight = layer.weight();
        if (weight > budget / 4) {
            return;
        }
        synchronized (this) {
            Kept old = layers.put(key, new Kept(layer, weight));
            used += weight - (old == null ? 0 : old.weight());
            for (Iterator<Kept> eldest = layers.values().iterator(); used > budget && eldest.hasNext(); ) {
                used -= eldest.next().weight();
                eldest.remove();
            }
        }
    }

    /** About how many bytes the kept layers hold. */
    public synchronized long used() {
        return used;
    }
}
