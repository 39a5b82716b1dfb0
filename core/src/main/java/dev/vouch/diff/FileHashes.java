package dev.vouch.diff;

import dev.vouch.layer.Analyzer;
import dev.vouch.layer.LayerEntry;
import dev.vouch.layer.LayerRef;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SHA-256 of each regular file written by the given layers, as the single layer pass streams it (layers two
 * images share need no hashing: the same diff_id is the same bytes). Keyed by layer index and path.
 */
final class FileHashes implements Analyzer {
    private final Set<Integer> layers;
    private final Map<String, String> hashes = new ConcurrentHashMap<>();

    FileHashes(Set<Integer> layers) {
        this.layers = Set.copyOf(layers);
    }

    @Override
    public boolean wants(LayerEntry entry) {
        return !layers.isEmpty();
    }

    @Override
    public void accept(LayerRef layer, LayerEntry entry, InputStream content) throws IOException {
        if (!layers.contains(layer.index())) {
            return;
        }
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[64 << 10];
        for (int n; (n = content.read(buf)) > 0; ) {
            md.update(buf, 0, n);
        }
        hashes.put(layer.index() + "\u0000" + entry.path(), HexFormat.of().formatHex(md.digest()));
    }

    /** The hash of {@code path} as layer {@code layer} wrote it, or null when not hashed. */
    String hash(int layer, String path) {
        return hashes.get(layer + "\u0000" + path);
    }
}
