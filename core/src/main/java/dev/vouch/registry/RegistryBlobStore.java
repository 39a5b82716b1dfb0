package dev.vouch.registry;

import dev.vouch.cache.BlobCache;
import dev.vouch.error.VouchException;
import dev.vouch.image.BlobStore;
import dev.vouch.image.Descriptor;
import dev.vouch.image.Digest;
import dev.vouch.image.DownloadListener;
import dev.vouch.image.MediaTypes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The blobs of one repository on a registry, as a {@link BlobStore}: manifests and indexes from
 * {@code /manifests/}, everything else from {@code /blobs/}, through the {@link BlobCache} when there is one
 * (a blob is downloaded whole into the cache, verified, then read from there) or streamed with resumption when
 * there is none. {@link #prefetch} downloads the layers in parallel, a bounded number at a time.
 */
public final class RegistryBlobStore implements BlobStore {
    private final RegistryClient client;
    private final String repo;
    private final BlobCache cache;
    private final int parallel;
    private final int maxResumes;
    private final Map<Digest, byte[]> documents = new ConcurrentHashMap<>();

    public RegistryBlobStore(RegistryClient client, String repo, BlobCache cache, RegistryOptions options) {
        this.client = client;
        this.repo = repo;
        this.cache = cache;
        this.parallel = options.parallelDownloads();
        this.maxResumes = options.maxAttempts();
    }

    /** Keeps a manifest already fetched (by tag) so that loading it by digest costs no second request. */
    public void remember(Digest digest, byte[] bytes) throws IOException {
        documents.put(digest, bytes);
        if (cache != null) {
            cache.put(digest, bytes);
        }
    }

    @Override
    public String description() {
        return client.host() + "/" + repo;
    }

    /** Every blob but a foreign layer, which lives at its URLs, never on the registry, and is not fetched. */
    @Override
    public boolean has(Descriptor descriptor) {
        return !MediaTypes.isForeignLayer(descriptor.mediaType());
    }

    @Override
    public InputStream open(Descriptor d) throws IOException {
        byte[] doc = documents.get(d.digest());
        if (doc != null) {
            return new ByteArrayInputStream(doc);
        }
        if (cache != null) {
            InputStream cached = cache.open(d.digest(), d.size(), name(d));
            if (cached != null) {
                return cached;
            }
        }
        if (isManifest(d)) {
            RegistryClient.ManifestBody body =
                    client.getManifest(repo, d.digest().toString());
            remember(body.digest(), body.bytes());
            return new ByteArrayInputStream(body.bytes());
        }
        if (cache != null) {
            download(d, DownloadListener.NONE);
            InputStream cached = cache.open(d.digest(), d.size(), name(d));
            if (cached != null) {
                return cached;
            }
        }
        return new ResumingBlobStream(client, repo, d.digest(), maxResumes);
    }

    @Override
    public void prefetch(List<Descriptor> blobs, DownloadListener listener) throws IOException {
        if (cache == null) {
            return;
        }
        List<Descriptor> missing = new ArrayList<>();
        for (Descriptor d : blobs) {
            if (cache.has(d.digest())) {
                listener.started(d, true);
            } else if (!missing.contains(d)) {
                missing.add(d);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        client.ping();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, missing.size()), r -> {
            Thread t = new Thread(r, "vouch-download");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Descriptor d : missing) {
                futures.add(pool.submit(() -> {
                    try {
                        download(d, listener);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                await(f);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(Future<?> f) throws IOException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while downloading");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof VouchException v) {
                throw v;
            }
            if (c instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (c instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(c);
        }
    }

    private void download(Descriptor d, DownloadListener listener) throws IOException {
        listener.started(d, false);
        try (ResumingBlobStream in = new ResumingBlobStream(client, repo, d.digest(), maxResumes)) {
            cache.store(d.digest(), d.size(), in, name(d), n -> listener.progressed(d, n));
        }
        listener.finished(d);
    }

    private String name(Descriptor d) {
        return "blob " + d.digest() + " from " + description();
    }

    private static boolean isManifest(Descriptor d) {
        String t = d.mediaType();
        return t == null
                || MediaTypes.isManifest(t)
                || MediaTypes.isIndex(t)
                || MediaTypes.isSchema1(t)
                || MediaTypes.OCI_DESCRIPTOR.equals(t);
    }

    @Override
    public void close() {
        documents.clear();
    }
}
