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

/**
 * Per-layer results in the server's database, so that on PostgreSQL every replica uses what any replica read: a
 * layer is read by one replica while the others wait on its claim, then restored from its results. A record that
 * is not intact is dropped and the layer read again; a replica that dies mid-layer leaves only a claim, taken over
 * when its lease runs out. The layers this replica read or restored recently are kept in memory too
 * ({@link LayerResultMemory}): the images of one base restore its layers without reading their records again.
 */
public final class SharedLayerResults implements LayerResultStore {
    private static final long WAIT_MILLIS = 200;

    private final ServerStore store;
    private final String owner;
    private final Duration lease;
    private final Clock clock;
    private final Metrics metrics;
    private final String build = LayerResultCache.build();
    private final LayerResultMemory memory;

    /**
     * @param lease how long a claim holds before another replica may take the layer over (longer than reading the
     *     largest layer takes)
     */
    public SharedLayerResults(ServerStore store, String owner, Duration lease, Clock clock, Metrics metrics) {
        this(store, owner, lease, clock, metrics, LayerResultMemory.sizedToHeap());
    }

    public SharedLayerResults(
            ServerStore store, String owner, Duration lease, Clock clock, Metrics metrics, LayerResultMemory memory) {
        this.memory = memory;
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
        if (kept == null) {
            Optional<byte[]> body = store.layerResult(key, clock.millis());
            if (body.isEmpty()) {
                return null;
            }
            kept = LayerResultCodec.decode(body.get(), blob, diffId, analyzers);
            if (kept == null) {
                store.dropLayerResult(key);
                return null;
            }
            memory.put(key, kept);
        }
        metrics.count(
                "vouch_layers_total", "Layers checks needed, by whether they were read or stored", "from=\"stored\"");
        return kept;
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
        } catch (java.io.IOException | RuntimeException notKept) {
            // the next check reads the layer again; the claim's lease ends on its own
        }
    }
}
