package dev.vouch.cli;

import dev.vouch.error.InvalidInputException;
import dev.vouch.registry.Credentials;
import dev.vouch.registry.ImageSourceMode;
import dev.vouch.registry.RegistryOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options of every verb that talks to registries: credentials, trust, plain-HTTP hosts and the cache. */
final class RegistryFlags {
    private static final int MAX_PASSWORD = 64 * 1024;

    @Option(
            names = "--username",
            paramLabel = "USER",
            description = "User name for the image's registry (with --password-stdin); otherwise the credentials of"
                    + " docker login / podman login are used.")
    String username;

    @Option(
            names = "--password-stdin",
            description = "Read the password or access token for --username from standard input.")
    boolean passwordStdin;

    @Option(
            names = "--ca-cert",
            paramLabel = "FILE",
            description = "PEM file of certificate authorities to trust besides the system's (private registries).")
    Path caCert;

    @Option(
            names = "--insecure-registry",
            paramLabel = "HOST[:PORT]",
            description = "Speak plain HTTP to this registry (loopback addresses always are). Repeatable.")
    List<String> insecure = new ArrayList<>();

    @Option(
            names = "--cache-dir",
            paramLabel = "DIR",
            description = "Blob cache (default: $XDG_CACHE_HOME/vouch or ~/.cache/vouch).")
    Path cacheDir;

    @Option(names = "--no-cache", description = "Neither read nor fill the blob cache.")
    boolean noCache;

    @Option(
            names = "--source",
            paramLabel = "auto|engine|registry",
            description = "Where a bare name (myapp:dev, nginx:1.27) is looked for: a local Docker or Podman engine"
                    + " first, then its registry (auto, the default); only the engine; or only the registry.")
    String source = "auto";

    RegistryOptions build(Main.Context context) throws IOException {
        RegistryOptions o = RegistryOptions.defaults(context.env())
                .withInsecure(new LinkedHashSet<>(insecure))
                .withCacheDir(noCache ? null : cacheDir(context.env()))
                .withSource(sourceMode());
        if (caCert != null) {
            if (!Files.isRegularFile(caCert)) {
                throw new InvalidInputException("--ca-cert " + caCert + ": no such file");
            }
            o = o.withCaCert(caCert);
        }
        if (passwordStdin && username == null) {
            throw new InvalidInputException("--password-stdin needs --username");
        }
        if (username != null) {
            if (!passwordStdin) {
                throw new InvalidInputException(
                        "--username needs --password-stdin (passwords are never given as arguments)");
            }
            o = o.withCredentials(Credentials.basic(username, readPassword(context.stdin()), "--username"));
        }
        return o;
    }

    private ImageSourceMode sourceMode() {
        return switch (source) {
            case "auto" -> ImageSourceMode.AUTO;
            case "engine" -> ImageSourceMode.ENGINE;
            case "registry" -> ImageSourceMode.REGISTRY;
            default -> throw new InvalidInputException("--source " + source + ": expected auto, engine or registry");
        };
    }

    /** The layer results kept beside the blob cache, or null under --no-cache. */
    dev.vouch.layer.LayerResultStore layerResults(Main.Context context) {
        return noCache ? null : new dev.vouch.layer.LayerResultCache(cacheDir(context.env()));
    }

    private Path cacheDir(Map<String, String> env) {
        if (cacheDir != null) {
            return cacheDir;
        }
        return defaultCacheDir(env);
    }

    static Path defaultCacheDir(Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isEmpty()) {
            return Path.of(xdg, "vouch");
        }
        String home = env.get("HOME");
        return home == null || home.isEmpty() ? null : Path.of(home, ".cache", "vouch");
    }

    private static String readPassword(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_PASSWORD + 1);
        if (bytes.length > MAX_PASSWORD) {
            throw new InvalidInputException("--password-stdin: more than " + MAX_PASSWORD + " bytes on stdin");
        }
        String s = new String(bytes, StandardCharsets.UTF_8);
        s = s.replaceAll("[\\r\\n]+$", "");
        if (s.isEmpty()) {
            throw new InvalidInputException("--password-stdin: nothing on standard input");
        }
        return s;
    }
}
