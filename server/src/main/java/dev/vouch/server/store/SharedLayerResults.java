package dev.vouch.server.store;

import dev.vouch.image.Digest;
import dev.vouch.layer.LayerResultCache;
import dev.vouch.layer.LayerResultCodec;
import dev.vouch.layer.LayerResultMemory;
import dev.vouch.layer.LayerResultStore;
import dev.vouch.layer.StoredLayer;
import dev.vouch.server.Metrics;
import dev.vouch.server.work.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-layer results in the server's database, so that on PostgreSQL every replica uses what any replica read: a
 * layer is read by one replica while the others wait on its claim, then restored from its results. A record that
 * is not intact is dropped and the layer read again; a replica that dies mid-layer leaves only a claim, taken over
 * when its lease runs out. The layers this replica read or restored recently are kept in memory too
 * ({@link LayerResultMemory}): the images of one base restore its layers without reading their records again. A
 * record's last use is refreshed while memory serves it (at most hourly, and four times within its time to live), so
 * {@link #prune} removes only the records no replica used for that long.
 */
public final class SharedLayerResults implements LayerResultStore {
    private static final long WAIT_MILLIS = 200;
    private static final int MAX_TOUCHED = 100_000;

    private final ServerStore store;
    private final String owner;
    private final Duration lease;
    private final Clock clock;
    private final Metrics metrics;
    private final String build = LayerResultCache.build();
    private final LayerResultMemory memory;
    private final Duration ttl;
    private final long touchMillis;
    /** When this replica last refreshed each record's last use, by key. */
    private final ConcurrentHashMap<String, Long> touched = new ConcurrentHashMap<>();

    /**
     * @param lease how long a claim holds before another replica may take the layer over (longer than reading the
     *     largest layer takes)
     */
    public SharedLayerResults(
            ServerStore store, String owner, Duration lease, Duration ttl, Clock clock, Metrics metrics) {
        this(store, owner, lease, ttl, clock, metrics, LayerResultMemory.sizedToHeap());
    }

    /** @param ttl how long a record is kept after its last use by any replica */
    public SharedLayerResults(
            ServerStore store,
            String owner,
            Duration lease,
            Duration ttl,
            Clock clock,
            Metrics metrics,
            LayerResultMemory memory) {
        this.memory = memory;
        this.ttl = ttl;
        this.touchMillis = Math.min(Duration.ofHours(1).toMillis(), ttl.toMillis() / 4);
        this.store = store;
        this.owner = owner;
        this.lease = lease;
        this.clock = clock;
        this.metrics = metrics;
    }

    private String key(Digest blob, Digest diffId, String analyzers) {
        return LayerResultCodec.key(build, blob, diffId, analyzers);
    }

    @Override
    public boolean has(Digest blob, Digest diffId, String analyzers) {
        String key = key(blob, diffId, analyzers);
        return memory.has(key) || store.hasLayerResult(key);
    }

    @Override
    public StoredLayer find(Digest blob, Digest diffId, String analyzers) {
        String key = key(blob, diffId, analyzers);
        StoredLayer kept = memory.get(key);
        long now = clock.millis();
        if (kept == null) {
            Optional<byte[]> body = store.layerResult(key, now);
            if (body.isEmpty()) {
                return null;
            }
            kept = LayerResultCodec.decode(body.get(), blob, diffId, analyzers);
            if (kept == null) {
                store.dropLayerResult(key);
                return null;
            }
            memory.put(key, kept);
            used(key, now);
        } else {
            Long last = touched.get(key);
            if (last == null || now - last >= touchMillis) {
                used(key, now);
                try {
                    store.touchLayerResult(key, now);
                } catch (RuntimeException notRefreshed) {
                    // the record is only older than it should be: the next hour's use refreshes it
                }
            }
        }
        metrics.count(
                "vouch_layers_total", "Layers checks needed, by whether they were read or stored", "from=\"stored\"");
        return kept;
    }

    private void used(String key, long now) {
        if (touched.size() >= MAX_TOUCHED) {
            touched.clear(); // bounded: the next use of each refreshes it once more
        }
        touched.put(key, now);
    }

    /**
     * Removes the records no replica used for their time to live: layers of images gone from the registry's traffic,
     * and every record of an older build of vouch. Returns how many went.
     */
    public int prune() {
        int removed = store.pruneLayerResults(clock.millis() - ttl.toMillis());
        metrics.count(
                "vouch_layer_results_pruned_total",
                "Stored layer results removed, not used for their time to live",
                "",
                removed);
        return removed;
    }

    @Override
    public StoredLayer claim(Digest blob, Digest diffId, String analyzers) {
        String key = key(blob, diffId, analyzers);
        long deadline = clock.millis() + lease.toMillis();
        while (true) {
            StoredLayer done = find(blob, diffId, analyzers);
            if (done != null) {
                return done;
            }
            long now = clock.millis();
            if (store.claimLayer(key, claimant(), now + lease.toMillis(), now)) {
                // the claim may have been free because its last owner had just stored the results: look once more
                StoredLayer justStored = find(blob, diffId, analyzers);
                if (justStored != null) {
                    store.releaseLayer(key, claimant());
                    return justStored;
                }
                return read();
            }
            if (now > deadline) {
                return read(); // the owner of the claim is slower than a lease: read it here too
            }
            try {
                Thread.sleep(WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return read();
            }
        }
    }

    /** This replica's check thread: two checks of one replica that need the same layer wait for each other too. */
    private String claimant() {
        return owner + "#" + Thread.currentThread().getId();
    }

    private StoredLayer read() {
        metrics.count(
                "vouch_layers_total", "Layers checks needed, by whether they were read or stored", "from=\"read\"");
        return null;
    }

    @Override
    public void release(Digest blob, Digest diffId, String analyzers) {
        store.releaseLayer(key(blob, diffId, analyzers), claimant());
    }

    @Override
    public void put(StoredLayer layer) {
        String key = key(layer.blob(), layer.diffId(), layer.analyzers());
        try {
            store.putLayerResult(
                    key,
                    layer.blob().toString(),
                    layer.diffId().toString(),
                    LayerResultCodec.encode(layer),
                    clock.millis());
            memory.put(key, layer);
            used(key, clock.millis());
        } catch (java.io.IOException | RuntimeException notKept) {
            // the next check reads the layer again; the claim's lease ends on its own
        }
    }
}
