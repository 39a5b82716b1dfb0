package dev.vouch.sign.dct;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.error.VouchException;
import dev.vouch.io.Json;
import dev.vouch.registry.AuthChallenge;
import dev.vouch.registry.TlsContexts;
import dev.vouch.tuf.TufFailure;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Fetches one role's metadata from a Notary server ({@code GET /v2/GUN/_trust/tuf/ROLE.json}), bounded in size and
 * time, with no redirects. A server that asks for a bearer token (Docker Hub's does) gets an anonymous one from the
 * realm it names, which must be https (or http on loopback); no credential is ever sent.
 */
final class NotaryClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_TOKEN = 64 << 10;

    private final NotaryEndpoint endpoint;
    private final HttpClient http;
    private String token;

    /** One client per set of trusted CAs: a client holds a selector thread and a connection pool worth sharing. */
    private static final java.util.concurrent.ConcurrentHashMap<String, HttpClient> CLIENTS =
            new java.util.concurrent.ConcurrentHashMap<>();

    NotaryClient(NotaryEndpoint endpoint) {
        this.endpoint = endpoint;
        String key = endpoint.caCert() == null
                ? ""
                : endpoint.caCert().toAbsolutePath().toString();
        this.http = CLIENTS.computeIfAbsent(key, k -> {
            HttpClient.Builder b = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(10));
            if (endpoint.caCert() != null) {
                b.sslContext(TlsContexts.withExtraCa(endpoint.caCert(), "the notary server's CA " + endpoint.caCert()));
            }
            return b.build();
        });
    }

    /** The role's bytes, or null when the server has none (404); at most {@code max} bytes. */
    byte[] fetch(String role, long max) throws IOException, TufFailure {
        URI uri = endpoint.role(role);
        HttpResponse<InputStream> r = send(uri);
        if (r.statusCode() == 401 && token == null) {
            close(r);
            token = token(r.headers().firstValue("WWW-Authenticate").orElse(null));
            r = send(uri);
        }
        try (InputStream in = r.body()) {
            if (r.statusCode() == 404) {
                return null;
            }
            if (r.statusCode() != 200) {
                throw new TufFailure("the notary server " + endpoint + " answered HTTP " + r.statusCode() + " for "
                        + role + ".json");
            }
            byte[] bytes = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
            if (bytes.length > max) {
                throw new TufFailure(role + ".json from " + endpoint + " is larger than " + max + " bytes");
            }
            return bytes;
        }
    }

    private HttpResponse<InputStream> send(URI uri) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (javax.net.ssl.SSLException e) {
            throw new IOException("TLS with the notary server " + endpoint + " failed: " + e.getMessage()
                    + " (give its CA with --ca-cert, or put it in ~/.docker/tls/HOST:PORT/root.crt)");
        } catch (java.net.ConnectException e) {
            throw new IOException("the notary server " + endpoint + " refused the connection");
        } catch (java.net.http.HttpTimeoutException e) {
            throw new IOException(
                    "the notary server " + endpoint + " did not answer within " + TIMEOUT.toSeconds() + " s");
        }
    }

    /** An anonymous bearer token from the challenge's realm. */
    private String token(String header) throws IOException, TufFailure {
        if (header == null) {
            throw new TufFailure("the notary server " + endpoint + " asks for credentials without saying how");
        }
        AuthChallenge c;
        try {
            c = AuthChallenge.parse(header);
        } catch (VouchException e) {
            throw new TufFailure("the notary server " + endpoint + " sent an unreadable WWW-Authenticate header");
        }
        String realm = c.param("realm");
        if (!c.isBearer() || realm == null) {
            throw new TufFailure("the notary server " + endpoint + " asks for credentials vouch does not send");
        }
        URI realmUri;
        try {
            realmUri = URI.create(realm);
        } catch (IllegalArgumentException e) {
            throw new TufFailure("the notary server's token realm is not a URL");
        }
        boolean loopback = "http".equals(realmUri.getScheme()) && loopback(realmUri.getHost());
        if (!"https".equals(realmUri.getScheme()) && !("http".equals(realmUri.getScheme()) && loopback)) {
            throw new TufFailure("the notary server's token realm " + realm + " is not https");
        }
        StringBuilder q = new StringBuilder(realm).append(realm.contains("?") ? '&' : '?');
        if (c.param("service") != null) {
            q.append("service=").append(URLEncoder.encode(c.param("service"), StandardCharsets.UTF_8));
        }
        if (c.param("scope") != null) {
            q.append("&scope=").append(URLEncoder.encode(c.param("scope"), StandardCharsets.UTF_8));
        }
        HttpResponse<InputStream> r = send(URI.create(q.toString()));
        try (InputStream in = r.body()) {
            byte[] body = in.readNBytes(MAX_TOKEN + 1);
            if (r.statusCode() != 200 || body.length > MAX_TOKEN) {
                throw new TufFailure("the token realm of the notary server answered HTTP " + r.statusCode());
            }
            JsonNode t;
            try {
                t = Json.tree(body, "the notary token");
            } catch (VouchException e) {
                throw new TufFailure(e.getMessage());
            }
            String token = t.path("token").asText(t.path("access_token").asText(""));
            if (token.isEmpty() || !token.matches("[A-Za-z0-9._~+/=-]+")) {
                throw new TufFailure("the token realm of the notary server gave no usable token");
            }
            return token;
        }
    }

    private static boolean loopback(String host) {
        if (host == null) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static long modified(java.nio.file.Path p) {
        try {
            return java.nio.file.Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0; // unreadable: the TLS context built from it says so
        }
    }

    private static void close(HttpResponse<InputStream> r) {
        try {
            r.body().close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
