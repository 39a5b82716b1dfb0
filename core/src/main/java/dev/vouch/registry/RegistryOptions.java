package dev.vouch.registry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * How vouch talks to registries.
 *
 * @param insecure registries ({@code host} or {@code host:port}) that may be spoken to in plain HTTP
 * @param caCert a PEM file of extra certificate authorities to trust besides the system's, or null
 * @param credentials credentials given on the command line for the image's registry, or null
 * @param cacheDir the blob cache, or null for none
 * @param parallelDownloads how many blobs download at once
 * @param connectTimeout how long a connection may take to open
 * @param readTimeout how long a response may stay silent (headers or body) before it is abandoned
 * @param maxAttempts how many times a request is tried before its failure is reported
 * @param backoff the first retry's delay; each next one doubles, with jitter
 * @param maxRetryWait the longest wait vouch accepts from a {@code Retry-After}
 * @param env the environment credentials are looked up in ({@code DOCKER_CONFIG}, {@code HOME}, {@code PATH}…), and
 *     the engines' addresses ({@code DOCKER_HOST}, {@code CONTAINER_HOST}, {@code XDG_RUNTIME_DIR})
 * @param source where a bare image name is looked for: a local engine first ({@code AUTO}), only there, or only on its
 *     registry (the default of the library and the server, which must not read the host's engine)
 */
public record RegistryOptions(
        Set<String> insecure,
        Path caCert,
        Credentials credentials,
        Path cacheDir,
        int parallelDownloads,
        Duration connectTimeout,
        Duration readTimeout,
        int maxAttempts,
        Duration backoff,
        Duration maxRetryWait,
        Map<String, String> env,
        ImageSourceMode source) {

    public RegistryOptions {
        insecure = Set.copyOf(insecure);
        source = source == null ? ImageSourceMode.REGISTRY : source;
        env = Map.copyOf(env);
        if (parallelDownloads < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("parallelDownloads and maxAttempts must be positive");
        }
    }

    /** The defaults: no cache, system trust, three downloads at once, four attempts, 30 s timeouts. */
    public static RegistryOptions defaults(Map<String, String> env) {
        return new RegistryOptions(
                Set.of(),
                null,
                null,
                null,
                3,
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                4,
                Duration.ofMillis(500),
                Duration.ofSeconds(60),
                env,
                ImageSourceMode.REGISTRY);
    }

    public RegistryOptions withInsecure(Set<String> hosts) {
        return new RegistryOptions(
                hosts,
                caCert,
                credentials,
                cacheDir,
                parallelDownloads,
                connectTimeout,
                readTimeout,
                maxAttempts,
                backoff,
                maxRetryWait,
                env,
                source);
    }

    public RegistryOptions withCaCert(Path file) {
        return new RegistryOptions(
                insecure,
                file,
                credentials,
                cacheDir,
                parallelDownloads,
                connectTimeout,
                readTimeout,
                maxAttempts,
                backoff,
                maxRetryWait,
                env,
                source);
    }

    public RegistryOptions withCredentials(Credentials c) {
        return new RegistryOptions(
                insecure,
                caCert,
                c,
                cacheDir,
                parallelDownloads,
                connectTimeout,
                readTimeout,
                maxAttempts,
                backoff,
                maxRetryWait,
                env,
                source);
    }

    public RegistryOptions withCacheDir(Path dir) {
        return new RegistryOptions(
                insecure,
                caCert,
                credentials,
                dir,
                parallelDownloads,
                connectTimeout,
                readTimeout,
                maxAttempts,
                backoff,
                maxRetryWait,
                env,
                source);
    }

    public RegistryOptions withRetries(int attempts, Duration firstBackoff, Duration maxWait) {
        return new RegistryOptions(
                insecure,
                caCert,
                credentials,
                cacheDir,
                parallelDownloads,
                connectTimeout,
                readTimeout,
                attempts,
                firstBackoff,
                maxWait,
                env,
                source);
    }

    /** Where bare image names are looked for. */
    public RegistryOptions withSource(ImageSourceMode mode) {
        return new RegistryOptions(
                insecure,
                caCert,
                credentials,
                cacheDir,
                parallelDownloads,
                connectTimeout,
                readTimeout,
                maxAttempts,
                backoff,
                maxRetryWait,
                env,
                mode);
    }

    public RegistryOptions withTimeouts(Duration connect, Duration read) {
        return new RegistryOptions(
                insecure,
                caCert,
                credentials,
                cacheDir,
                parallelDownloads,
                connect,
                read,
                maxAttempts,
                backoff,
                maxRetryWait,
                env,
                source);
    }
}
