package dev.vouch.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.error.EngineException;
import dev.vouch.error.InvalidInputException;
import dev.vouch.io.BoundedReads;
import dev.vouch.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Finds where an engine listens, the way its own client does. Docker: {@code $DOCKER_HOST} (with
 * {@code DOCKER_TLS_VERIFY}/{@code DOCKER_CERT_PATH}), else the current <a
 * href="https://docs.docker.com/engine/manage-resources/contexts/">docker context</a> ({@code $DOCKER_CONTEXT} or
 * {@code currentContext} in {@code config.json}, its endpoint in {@code contexts/meta/SHA256(name)/meta.json}), else
 * {@code /var/run/docker.sock} and the rootless {@code $XDG_RUNTIME_DIR/docker.sock}. Podman: {@code $CONTAINER_HOST},
 * else {@code $XDG_RUNTIME_DIR/podman/podman.sock} and {@code /run/podman/podman.sock}.
 */
public final class EngineEndpoints {
    private static final int MAX_CONFIG = 1 << 20;

    private EngineEndpoints() {}

    /** Where to look for this engine, in order; an address the environment names explicitly comes alone. */
    public static List<EngineEndpoint> candidates(EngineKind kind, Map<String, String> env) {
        return kind == EngineKind.DOCKER ? docker(env) : podman(env);
    }

    private static List<EngineEndpoint> docker(Map<String, String> env) {
        String host = env.get("DOCKER_HOST");
        if (host != null && !host.isBlank()) {
            boolean verify = notEmpty(env.get("DOCKER_TLS_VERIFY"));
            boolean tls = verify || notEmpty(env.get("DOCKER_TLS"));
            Path certs = notEmpty(env.get("DOCKER_CERT_PATH")) ? Path.of(env.get("DOCKER_CERT_PATH")) : configDir(env);
            return List.of(parse(EngineKind.DOCKER, host.strip(), tls ? certs : null, verify, "$DOCKER_HOST"));
        }
        String context = env.get("DOCKER_CONTEXT");
        String from = "$DOCKER_CONTEXT";
        Path config = configDir(env);
        if (!notEmpty(context) && config != null) {
            context = currentContext(config.resolve("config.json"));
            from = "currentContext in " + config.resolve("config.json");
        }
        if (notEmpty(context) && !context.equals("default")) {
            if (config == null) {
                throw new EngineException("docker context " + context + " (" + from + "): no docker configuration"
                        + " directory (set HOME or DOCKER_CONFIG)");
            }
            return List.of(fromContext(config, context, from));
        }
        List<EngineEndpoint> out = new ArrayList<>();
        out.add(EngineEndpoint.unix(EngineKind.DOCKER, Path.of("/var/run/docker.sock"), "the default socket"));
        if (notEmpty(env.get("XDG_RUNTIME_DIR"))) {
            out.add(EngineEndpoint.unix(
                    EngineKind.DOCKER, Path.of(env.get("XDG_RUNTIME_DIR"), "docker.sock"), "the rootless socket"));
        }
        return out;
    }

    private static List<EngineEndpoint> podman(Map<String, String> env) {
        String host = env.get("CONTAINER_HOST");
        if (host != null && !host.isBlank()) {
            return List.of(parse(EngineKind.PODMAN, host.strip(), null, false, "$CONTAINER_HOST"));
        }
        List<EngineEndpoint> out = new ArrayList<>();
        if (notEmpty(env.get("XDG_RUNTIME_DIR"))) {
            out.add(EngineEndpoint.unix(
                    EngineKind.PODMAN,
                    Path.of(env.get("XDG_RUNTIME_DIR"), "podman", "podman.sock"),
                    "the rootless Podman socket"));
        }
        out.add(EngineEndpoint.unix(EngineKind.PODMAN, Path.of("/run/podman/podman.sock"), "the Podman socket"));
        return out;
    }

    /** Parses {@code unix:///path} or {@code tcp://host[:port]}; other schemes (ssh, npipe) are refused in one line. */
    static EngineEndpoint parse(EngineKind kind, String url, Path tlsDir, boolean verify, String foundBy) {
        if (url.startsWith("unix://")) {
            String path = url.substring("unix://".length());
            if (!path.startsWith("/")) {
                throw new InvalidInputException(foundBy + "=" + url + ": a unix:// address needs an absolute path");
            }
            return EngineEndpoint.unix(kind, Path.of(path), foundBy);
        }
        if (url.startsWith("tcp://")) {
            String rest = url.substring("tcp://".length()).replaceFirst("/+$", "");
            if (rest.isEmpty() || rest.contains("/") || rest.contains("@")) {
                throw new InvalidInputException(foundBy + "=" + url + ": expected tcp://HOST[:PORT]");
            }
            boolean hasPort = rest.startsWith("[") ? rest.contains("]:") : rest.contains(":");
            String address = hasPort ? rest : rest + (tlsDir != null ? ":2376" : ":2375");
            return new EngineEndpoint(kind, address, true, tlsDir, verify, foundBy);
        }
        String scheme = url.contains("://") ? url.substring(0, url.indexOf("://")) : url;
        throw new InvalidInputException(foundBy + "=" + url + ": the " + scheme
                + " scheme is not supported (vouch speaks to unix:// and tcp:// addresses)");
    }

    private static Path configDir(Map<String, String> env) {
        if (notEmpty(env.get("DOCKER_CONFIG"))) {
            return Path.of(env.get("DOCKER_CONFIG"));
        }
        return notEmpty(env.get("HOME")) ? Path.of(env.get("HOME"), ".docker") : null;
    }

    private static String currentContext(Path configJson) {
        if (!Files.isRegularFile(configJson)) {
            return null;
        }
        try {
            JsonNode config = Json.tree(BoundedReads.readFile(configJson, MAX_CONFIG), configJson.toString());
            return config.path("currentContext").asText(null);
        } catch (IOException e) {
            throw new InvalidInputException(configJson + ": " + e.getMessage(), e);
        }
    }

    private static EngineEndpoint fromContext(Path config, String name, String from) {
        String id = sha256(name);
        Path meta = config.resolve("contexts").resolve("meta").resolve(id).resolve("meta.json");
        if (!Files.isRegularFile(meta)) {
            throw new EngineException("docker context " + name + " (" + from + "): " + meta + " is missing");
        }
        JsonNode endpoint;
        try {
            endpoint = Json.tree(BoundedReads.readFile(meta, MAX_CONFIG), meta.toString())
                    .path("Endpoints")
                    .path("docker");
        } catch (IOException e) {
            throw new InvalidInputException(meta + ": " + e.getMessage(), e);
        }
        String host = endpoint.path("Host").asText("");
        if (host.isEmpty()) {
            throw new InvalidInputException(meta + ": field Endpoints.docker.Host is missing");
        }
        Path tls = config.resolve("contexts").resolve("tls").resolve(id).resolve("docker");
        boolean hasTls = Files.isRegularFile(tls.resolve("ca.pem")) || Files.isRegularFile(tls.resolve("cert.pem"));
        boolean verify = !endpoint.path("SkipTLSVerify").asBoolean(false);
        return parse(EngineKind.DOCKER, host, hasTls ? tls : null, hasTls && verify, "docker context " + name);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }
}
