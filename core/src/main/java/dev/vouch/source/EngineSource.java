package dev.vouch.source;

import dev.vouch.engine.EngineClient;
import dev.vouch.engine.EngineEndpoint;
import dev.vouch.engine.EngineEndpoints;
import dev.vouch.engine.EngineImage;
import dev.vouch.engine.EngineKind;
import dev.vouch.error.EngineException;
import dev.vouch.error.IntegrityException;
import dev.vouch.error.RegistryException;
import dev.vouch.error.VouchException;
import dev.vouch.image.EngineOrigin;
import dev.vouch.image.Image;
import dev.vouch.image.ImageRef;
import dev.vouch.image.Platform;
import dev.vouch.registry.RegistryClient;
import dev.vouch.registry.RegistryOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An image held by a local engine (Docker, or Podman's Docker-compatible API): described by {@code GET
 * /images/{name}/json}, exported as the {@code docker save} stream into one temporary file, and read by the
 * docker-archive reader with every digest and diff_id checked; the exported config must be the image id the engine
 * described. The temporary file is removed when the image is closed, and when opening fails.
 */
final class EngineSource {
    private static final Duration IDLE = Duration.ofSeconds(60);

    private EngineSource() {}

    /** {@code docker-daemon:NAME} or {@code podman:NAME}: this engine, or a one-line error. */
    static Image openExplicit(EngineKind kind, String name, Platform platform, RegistryOptions registry)
            throws IOException {
        List<EngineEndpoint> candidates = EngineEndpoints.candidates(kind, env(registry));
        List<String> tried = new ArrayList<>();
        for (EngineEndpoint ep : candidates) {
            if (candidates.size() > 1 && !ep.tcp() && !Files.exists(ep.socket())) {
                tried.add(ep + " (no such socket)");
                continue;
            }
            EngineClient client = new EngineClient(ep, IDLE);
            Optional<EngineImage> found;
            try {
                found = client.image(name);
            } catch (EngineException e) {
                if (candidates.size() == 1) {
                    throw e;
                }
                tried.add(e.getMessage());
                continue;
            }
            if (found.isEmpty()) {
                throw new EngineException(name + ": no such image in the " + kind.label() + " engine at " + ep);
            }
            return export(client, name, found.get(), platform, registry);
        }
        throw new EngineException("no " + kind.label() + " engine is reachable; tried " + String.join(", ", tried));
    }

    /**
     * A bare name: the first reachable engine that has it, or null. {@code tried} collects, for the error a later
     * failure gives, the engines asked and what each said.
     */
    static Image lookup(String name, Platform platform, RegistryOptions registry, List<String> tried)
            throws IOException {
        for (EngineKind kind : EngineKind.values()) {
            List<EngineEndpoint> candidates;
            try {
                candidates = EngineEndpoints.candidates(kind, env(registry));
            } catch (VouchException e) {
                tried.add(e.getMessage());
                continue;
            }
            for (EngineEndpoint ep : candidates) {
                if (!ep.tcp() && !Files.exists(ep.socket())) {
                    tried.add(ep + ": no such socket");
                    continue;
                }
                EngineClient client = new EngineClient(ep, IDLE);
                Optional<EngineImage> found;
                try {
                    found = client.image(name);
                } catch (EngineException e) {
                    tried.add(e.getMessage());
                    continue;
                }
                if (found.isPresent()) {
                    return export(client, name, found.get(), platform, registry);
                }
                tried.add(kind.label() + " engine at " + ep + ": no such image");
            }
        }
        return null;
    }

    private static Image export(
            EngineClient client, String name, EngineImage described, Platform platform, RegistryOptions registry)
            throws IOException {
        EngineEndpoint ep = client.endpoint();
        String source = ep.kind().prefix() + ":" + name;
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        Path spool = client.export(name, described, dir);
        spool.toFile().deleteOnExit();
        ArchiveAccess files;
        try {
            files = new SpooledAccess(
                    new TarAccess(spool),
                    spool,
                    "the export of " + name + " from the " + ep.kind().label() + " engine");
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(spool);
            throw e;
        }
        Image image;
        try {
            image = DockerArchiveSource.open(files, source, null, platform);
        } catch (IOException | RuntimeException e) {
            files.close();
            throw e;
        }
        try {
            String config = image.manifest().config().digest().toString();
            if (!config.equals(described.id())) {
                throw new IntegrityException(files.description() + ": the engine described image " + described.id()
                        + " but exported " + config + " (was the name moved meanwhile?)");
            }
            EngineOrigin origin = new EngineOrigin(
                    ep.kind().label(),
                    ep.url(),
                    described.id(),
                    described.repoTags(),
                    described.repoDigests(),
                    compare(name, described, registry));
            return image.withEngine(source, origin);
        } catch (RuntimeException e) {
            image.close();
            throw e;
        }
    }

    /**
     * For an image pulled by tag: does the registry's tag still name one of the engine's registry digests? One HEAD,
     * one attempt, short timeouts; a registry that cannot answer is said so, and changes nothing else.
     */
    static EngineOrigin.RegistryComparison compare(String name, EngineImage image, RegistryOptions registry) {
        if (registry == null || image.repoDigests().isEmpty() || !ImageRef.isReference(name)) {
            return null;
        }
        ImageRef ref = ImageRef.parse(name);
        if (ref.digest() != null) {
            return null;
        }
        List<String> same = new ArrayList<>();
        for (String d : image.repoDigests()) {
            if (ImageRef.isReference(d) && ImageRef.parse(d).name().equals(ref.name())) {
                same.add(ImageRef.parse(d).digest().toString());
            }
        }
        if (same.isEmpty()) {
            return null;
        }
        try {
            RegistryOptions quick = registry.withRetries(1, Duration.ofMillis(100), Duration.ofSeconds(1))
                    .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));
            RegistryClient client = RegistryClient.forRepository(ref, quick);
            String digest =
                    client.resolve(ref.path(), ref.tag()).descriptor().digest().toString();
            return new EngineOrigin.RegistryComparison(ref.normalized(), digest, same.contains(digest), null);
        } catch (RegistryException e) {
            return new EngineOrigin.RegistryComparison(ref.normalized(), null, false, e.getMessage());
        }
    }

    private static Map<String, String> env(RegistryOptions registry) {
        return registry != null ? registry.env() : System.getenv();
    }
}
