package dev.vouch.source;

import dev.vouch.cache.BlobCache;
import dev.vouch.image.Descriptor;
import dev.vouch.image.Image;
import dev.vouch.image.ImageLoader;
import dev.vouch.image.ImageRef;
import dev.vouch.image.Platform;
import dev.vouch.registry.RegistryBlobStore;
import dev.vouch.registry.RegistryClient;
import dev.vouch.registry.RegistryOptions;
import java.io.IOException;
import java.util.List;

/**
 * An image on a registry. A tag is resolved to a digest on every run (by HEAD, so a moved tag is always seen);
 * a digest whose manifest is in the cache needs no request at all. Everything after the manifest is addressed by
 * digest and verified as it arrives.
 */
final class RegistrySource {
    private RegistrySource() {}

    static Image open(ImageRef ref, Platform platform, RegistryOptions options) throws IOException {
        RegistryClient client = RegistryClient.forRepository(ref, options);
        BlobCache cache = options.cacheDir() == null ? null : new BlobCache(options.cacheDir());
        RegistryBlobStore store = new RegistryBlobStore(client, ref.path(), cache, options);
        String source = ref.normalized();
        Descriptor start;
        if (ref.digest() != null) {
            long cached = cache == null ? -1 : cache.size(ref.digest());
            if (cached >= 0) {
                start = Descriptor.of(null, ref.digest(), cached);
            } else {
                RegistryClient.ManifestBody body =
                        client.getManifest(ref.path(), ref.digest().toString());
                store.remember(body.digest(), body.bytes());
                start = body.descriptor();
            }
        } else {
            RegistryClient.Resolved resolved = client.resolve(ref.path(), ref.tag());
            if (resolved.body() != null) {
                store.remember(resolved.body().digest(), resolved.body().bytes());
            }
            start = resolved.descriptor();
        }
        ImageLoader loader = new ImageLoader(store, source, platform);
        return loader.load(start, List.of(source));
    }
}
