package dev.vouch.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.error.InvalidInputException;
import dev.vouch.image.ImageRef;
import dev.vouch.io.BoundedReads;
import dev.vouch.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the credentials a user already has for a registry, where Docker and Podman keep them: first the
 * containers {@code auth.json} ({@code $REGISTRY_AUTH_FILE}, {@code $XDG_RUNTIME_DIR/containers/auth.json},
 * {@code ~/.config/containers/auth.json}; keys may name a namespace, the most specific wins), then Docker's
 * {@code config.json} ({@code $DOCKER_CONFIG} or {@code ~/.docker}): the registry's {@code credHelpers} entry, the
 * {@code credsStore}, then {@code auths} ({@code auth} as base64 {@code user:password}, or {@code identitytoken}).
 * See <a href="https://github.com/containers/image/blob/main/docs/containers-auth.json.5.md">containers-auth.json(5)</a>.
 */
public final class CredentialLookup {
    static final String DOCKER_HUB_SERVER_URL = "https://index.docker.io/v1/";

    private final Map<String, String> env;

    public CredentialLookup(Map<String, String> env) {
        this.env = env;
    }

    /** The credentials for a repository on a registry, or empty for anonymous access. */
    public Optional<Credentials> find(RegistryHost host, String repository) {
        List<String> keys = candidateKeys(host.name(), repository);
        for (Path file : authFiles()) {
            JsonNode config = read(file);
            if (config == null) {
                continue;
            }
            Optional<Credentials> c = fromConfig(file, config, host, keys);
            if (c.isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }

    /** The files looked in, in order; those that do not exist are skipped. */
    List<Path> authFiles() {
        List<Path> files = new ArrayList<>();
        String home = env.get("HOME");
        String explicit = env.get("REGISTRY_AUTH_FILE");
        if (explicit != null && !explicit.isEmpty()) {
            files.add(Path.of(explicit));
        } else {
            String runtime = env.get("XDG_RUNTIME_DIR");
            if (runtime != null && !runtime.isEmpty()) {
                files.add(Path.of(runtime, "containers", "auth.json"));
            }
            if (home != null) {
                files.add(Path.of(home, ".config", "containers", "auth.json"));
            }
        }
        String dockerConfig = env.get("DOCKER_CONFIG");
        if (dockerConfig != null && !dockerConfig.isEmpty()) {
            files.add(Path.of(dockerConfig, "config.json"));
        } else if (home != null) {
            files.add(Path.of(home, ".docker", "config.json"));
        }
        return files;
    }

    private Optional<Credentials> fromConfig(Path file, JsonNode config, RegistryHost host, List<String> keys) {
        String where = file.toString();
        JsonNode helpers = config.path("credHelpers");
        String serverUrl = host.name().equals(ImageRef.DOCKER_HUB) ? DOCKER_HUB_SERVER_URL : host.name();
        for (Iterator<Map.Entry<String, JsonNode>> it = helpers.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (normalizeKey(e.getKey()).equals(host.name()) && e.getValue().isTextual()) {
                return new CredentialHelper(e.getValue().asText(), env, where).get(serverUrl);
            }
        }
        JsonNode auths = config.path("auths");
        for (String key : keys) {
            for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (normalizeKey(e.getKey()).equals(key)) {
                    Optional<Credentials> c = decode(where, e.getKey(), e.getValue());
                    if (c.isPresent()) {
                        return c;
                    }
                }
            }
        }
        if (config.path("credsStore").isTextual()
                && !config.get("credsStore").asText().isEmpty()) {
            return new CredentialHelper(config.get("credsStore").asText(), env, where).get(serverUrl);
        }
        return Optional.empty();
    }

    private static Optional<Credentials> decode(String where, String key, JsonNode entry) {
        String origin = where + " (auths." + key + ")";
        String identity = entry.path("identitytoken").asText("");
        if (!identity.isEmpty()) {
            return Optional.of(Credentials.identityToken(identity, origin));
        }
        String auth = entry.path("auth").asText("");
        if (!auth.isEmpty()) {
            String pair;
            try {
                pair = new String(Base64.getDecoder().decode(auth.strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(origin + ": field auth is not valid base64");
            }
            int colon = pair.indexOf(':');
            if (colon < 0) {
                throw new InvalidInputException(origin + ": field auth does not decode to user:password");
            }
            return Optional.of(Credentials.basic(pair.substring(0, colon), pair.substring(colon + 1), origin));
        }
        String user = entry.path("username").asText("");
        String password = entry.path("password").asText("");
        if (!user.isEmpty() && !password.isEmpty()) {
            return Optional.of(Credentials.basic(user, password, origin));
        }
        return Optional.empty();
    }

    /** {@code host/ns/repo}, {@code host/ns}, {@code host}: most specific first. */
    static List<String> candidateKeys(String host, String repository) {
        List<String> keys = new ArrayList<>();
        if (repository != null) {
            String path = repository;
            while (true) {
                keys.add(host + "/" + path);
                int slash = path.lastIndexOf('/');
                if (slash < 0) {
                    break;
                }
                path = path.substring(0, slash);
            }
        }
        keys.add(host);
        return keys;
    }

    /** Normalizes an auths key: no scheme, no {@code /v1/}-style API path, Docker Hub's aliases as docker.io. */
    static String normalizeKey(String key) {
        String k = key.strip();
        String lower = k.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://")) {
            k = k.substring(8);
        } else if (lower.startsWith("http://")) {
            k = k.substring(7);
        }
        while (k.endsWith("/")) {
            k = k.substring(0, k.length() - 1);
        }
        int slash = k.indexOf('/');
        String host = slash < 0 ? k : k.substring(0, slash);
        String path = slash < 0 ? "" : k.substring(slash);
        if (path.equals("/v1") || path.equals("/v2")) {
            path = "";
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.equals("index.docker.io") || host.equals("registry-1.docker.io")) {
            host = ImageRef.DOCKER_HUB;
        }
        return host + path;
    }

    private static JsonNode read(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = BoundedReads.readAll(in, BoundedReads.MAX_METADATA_BYTES, file.toString());
            JsonNode node = Json.tree(bytes, file.toString());
            if (!node.isObject()) {
                throw new InvalidInputException(file + ": expected a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot be read: " + e.getMessage());
        }
    }
}
