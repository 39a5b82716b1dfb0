package dev.vouch.registry;

import dev.vouch.image.ImageRef;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Where a registry's API lives: the name a reference uses ({@code docker.io}, {@code ghcr.io},
 * {@code 127.0.0.1:5000}), the host and port that serve it (Docker Hub's API is at {@code registry-1.docker.io}),
 * and whether plain HTTP may be spoken to it. HTTPS is always tried first; plain HTTP is a fallback only for
 * loopback addresses and for registries the user named as insecure, never for others.
 *
 * @param name the registry as references name it
 * @param apiHost the host[:port] of its API
 * @param httpAllowed whether plain http:// may be used when the registry does not speak TLS
 */
public record RegistryHost(String name, String apiHost, boolean httpAllowed) {
    static final String DOCKER_HUB_API = "registry-1.docker.io";

    /** The registry a reference's domain names, with the user's list of insecure registries. */
    public static RegistryHost of(String domain, Set<String> insecure) {
        String name = domain.equals("index.docker.io") ? ImageRef.DOCKER_HUB : domain;
        String api = name.equals(ImageRef.DOCKER_HUB) ? DOCKER_HUB_API : name;
        boolean plain = isLoopback(name) || insecure.contains(name) || insecure.contains(hostOnly(name));
        return new RegistryHost(name, api, plain);
    }

    /** The base URI of the API, e.g. {@code https://registry-1.docker.io/v2/}. */
    public URI base(boolean tls) {
        return URI.create((tls ? "https" : "http") + "://" + apiHost + "/v2/");
    }

    static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    }

    /** Whether the host part of {@code host[:port]} is a loopback name or address. */
    public static boolean isLoopback(String hostAndPort) {
        String h = hostOnly(hostAndPort).toLowerCase(Locale.ROOT);
        return h.equals("localhost")
                || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")
                || h.equals("[::1]")
                || h.equals("::1");
    }

    static String hostOnly(String hostAndPort) {
        if (hostAndPort.startsWith("[")) {
            int end = hostAndPort.indexOf(']');
            return end < 0 ? hostAndPort : hostAndPort.substring(0, end + 1);
        }
        int colon = hostAndPort.lastIndexOf(':');
        return colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
    }

    @Override
    public String toString() {
        return name;
    }
}
