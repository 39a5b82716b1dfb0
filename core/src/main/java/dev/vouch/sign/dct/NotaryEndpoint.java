package dev.vouch.sign.dct;

import dev.vouch.error.InvalidInputException;
import dev.vouch.image.ImageRef;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where an image's Docker Content Trust data lives, chosen as the docker CLI chooses it (<a
 * href="https://docs.docker.com/engine/security/trust/">Content trust in Docker</a>): {@code --notary-server}, else
 * {@code $DOCKER_CONTENT_TRUST_SERVER}, else {@code https://notary.docker.io} for Docker Hub and {@code https://HOST}
 * for any other registry; and the certificate authority for that server: {@code --ca-cert}, else
 * {@code $DOCKER_CONFIG/tls/HOST:PORT/root.crt} (docker's own place for it) when present.
 *
 * @param server the Notary server's base URL
 * @param gun the globally unique name the trust data is kept under ({@code docker.io/library/nginx})
 * @param caCert extra certificate authorities for the server, or null for the system's alone
 */
public record NotaryEndpoint(URI server, String gun, Path caCert) {
    static final String DOCKER_HUB_NOTARY = "https://notary.docker.io";

    public static NotaryEndpoint of(ImageRef ref, String serverFlag, Path caCertFlag, Map<String, String> env) {
        String server = serverFlag;
        if (server == null || server.isBlank()) {
            server = env.get("DOCKER_CONTENT_TRUST_SERVER");
        }
        if (server == null || server.isBlank()) {
            server = ref.domain().equals("docker.io") ? DOCKER_HUB_NOTARY : "https://" + ref.domain();
        }
        URI uri;
        try {
            uri = URI.create(server.endsWith("/") ? server.substring(0, server.length() - 1) : server);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("notary server '" + server + "' is not a URL");
        }
        if (uri.getHost() == null
                || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            throw new InvalidInputException("notary server '" + server + "' is not an http(s) URL of a host");
        }
        Path ca = caCertFlag;
        if (ca == null) {
            Path config = dockerConfig(env);
            if (config != null) {
                String hostPort = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
                Path candidate = config.resolve("tls").resolve(hostPort).resolve("root.crt");
                if (Files.isRegularFile(candidate)) {
                    ca = candidate;
                }
            }
        }
        return new NotaryEndpoint(uri, ref.name(), ca);
    }

    private static Path dockerConfig(Map<String, String> env) {
        String dir = env.get("DOCKER_CONFIG");
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        String home = env.get("HOME");
        return home == null || home.isBlank() ? null : Path.of(home, ".docker");
    }

    /** The URL of one role's current metadata: {@code /v2/GUN/_trust/tuf/ROLE.json}. */
    URI role(String role) {
        return URI.create(server + "/v2/" + gun + "/_trust/tuf/" + role + ".json");
    }

    @Override
    public String toString() {
        return server.toString();
    }
}
