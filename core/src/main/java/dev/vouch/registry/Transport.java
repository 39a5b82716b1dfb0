package dev.vouch.registry;

import dev.vouch.error.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * HTTP for one registry, on {@link HttpClient}: retries with exponential backoff and jitter on connection
 * failures, 429 and 5xx (honouring {@code Retry-After}), redirects followed by hand so that the Authorization
 * header never follows to another origin and https never turns into plain http, a connect timeout and an idle
 * timeout on every response, and one clear message per kind of failure.
 */
final class Transport {
    private static final Set<Integer> RETRIED = Set.of(429, 500, 502, 503, 504);
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final int MAX_REDIRECTS = 5;

    /**
     * One request; {@code authorization} goes only to the registry's own origin.
     *
     * @param body the request body (null: none), sent with {@code contentType}
     */
    record Request(
            String method,
            URI uri,
            Map<String, String> headers,
            String authorization,
            byte[] body,
            String contentType) {
        Request(String method, URI uri, Map<String, String> headers, String authorization) {
            this(method, uri, headers, authorization, null, null);
        }

        /** A form-encoded POST (the token endpoint's OAuth2 grants). */
        static Request form(URI uri, Map<String, String> headers, String form) {
            return new Request(
                    "POST",
                    uri,
                    headers,
                    null,
                    form.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "application/x-www-form-urlencoded");
        }
    }

    /** A response whose body must be read or closed. */
    record Response(int status, HttpHeaders headers, URI uri, InputStream body) implements AutoCloseable {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    private final RegistryHost host;
    private final RegistryOptions options;
    private final HttpClient http;

    Transport(RegistryHost host, RegistryOptions options) {
        this.host = host;
        this.options = options;
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(options.connectTimeout());
        if (options.caCert() != null) {
            b.sslContext(sslContext(options.caCert()));
        }
        this.http = b.build();
    }

    RegistryHost host() {
        return host;
    }

    /** Sends the request, retrying what is worth retrying; the last response is returned whatever its status. */
    Response send(Request request) {
        int max = options.maxAttempts();
        for (int attempt = 1; ; attempt++) {
            Response r;
            try {
                r = followRedirects(request);
            } catch (IOException e) {
                if (!retriable(e) || attempt >= max) {
                    throw describe(request.uri(), e, attempt);
                }
                pause(backoff(attempt));
                continue;
            }
            if (RETRIED.contains(r.status()) && attempt < max) {
                Duration wait = retryAfter(r.header("Retry-After"));
                if (wait == null) {
                    wait = backoff(attempt);
                }
                if (wait.compareTo(options.maxRetryWait()) <= 0) {
                    closeQuietly(r);
                    pause(wait);
                    continue;
                }
            }
            return r;
        }
    }

    private Response followRedirects(Request request) throws IOException {
        URI uri = request.uri();
        String authorization = request.authorization();
        for (int hop = 0; ; hop++) {
            Response r = exchange(request, uri, authorization);
            if (!REDIRECTS.contains(r.status())) {
                return r;
            }
            String location = r.header("Location");
            closeQuietly(r);
            if (location == null) {
                throw new RegistryException(host + " answered " + r.status() + " without a Location for " + path(uri));
            }
            if (hop >= MAX_REDIRECTS) {
                throw new RegistryException(host + ": more than " + MAX_REDIRECTS + " redirects for " + path(uri));
            }
            URI next;
            try {
                next = uri.resolve(location.strip());
            } catch (IllegalArgumentException e) {
                throw new RegistryException(host + " redirected " + path(uri) + " to an invalid URL");
            }
            String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")) {
                throw new RegistryException(host + " redirected " + path(uri) + " to a non-HTTP URL");
            }
            if (scheme.equals("http")
                    && uri.getScheme().equals("https")
                    && !RegistryHost.isLoopback(next.getHost() == null ? "" : next.getHost())) {
                throw new RegistryException(host + " redirected " + path(uri) + " from https to plain http ("
                        + next.getHost() + "); refused");
            }
            if (!sameOrigin(request.uri(), next)) {
                authorization = null;
            }
            uri = next;
        }
    }

    private Response exchange(Request request, URI uri, String authorization) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(options.readTimeout());
        request.headers().forEach(b::header);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        b.header("User-Agent", "vouch");
        if (request.body() != null) {
            b.header("Content-Type", request.contentType());
            b.method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
        } else {
            b.method(request.method(), HttpRequest.BodyPublishers.noBody());
        }
        IdleTimeoutBody body = new IdleTimeoutBody(options.readTimeout(), host + " " + path(uri));
        HttpResponse<InputStream> response;
        try {
            response = http.send(b.build(), info -> body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        }
        return new Response(response.statusCode(), response.headers(), uri, body);
    }

    private static boolean retriable(IOException e) {
        return !(cause(e, UnknownHostException.class) || cause(e, UnresolvedAddressException.class))
                && !cause(e, SSLException.class);
    }

    RegistryException describe(URI uri, IOException e, int attempts) {
        String tries = attempts > 1 ? " (after " + attempts + " attempts)" : "";
        if (cause(e, UnknownHostException.class) || cause(e, UnresolvedAddressException.class)) {
            return new RegistryException("cannot resolve registry host " + uri.getHost() + " (DNS)", e);
        }
        if (cause(e, SSLException.class)) {
            return new RegistryException(
                    "TLS with " + uri.getHost() + " failed: " + rootMessage(e)
                            + "; for a private CA give --ca-cert FILE",
                    e);
        }
        if (e instanceof HttpConnectTimeoutException) {
            return new RegistryException(
                    "timed out connecting to " + authority(uri) + " after "
                            + options.connectTimeout().toSeconds() + " s" + tries,
                    e);
        }
        if (e instanceof HttpTimeoutException) {
            return new RegistryException(
                    authority(uri) + " did not answer " + path(uri) + " within "
                            + options.readTimeout().toSeconds() + " s" + tries,
                    e);
        }
        if (cause(e, ConnectException.class)) {
            return new RegistryException("connection to " + authority(uri) + " refused" + tries, e);
        }
        return new RegistryException("connection to " + authority(uri) + " failed: " + rootMessage(e) + tries, e);
    }

    /** Same scheme, host and port: where an Authorization header may follow a redirect. */
    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost())
                && RegistryHost.port(a) == RegistryHost.port(b);
    }

    private static String authority(URI uri) {
        return uri.getPort() >= 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
    }

    static String path(URI uri) {
        return uri.getRawPath();
    }

    static boolean cause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }

    Duration backoff(int attempt) {
        long base = options.backoff().toMillis() << Math.min(attempt - 1, 10);
        long jitter = ThreadLocalRandom.current().nextLong(base / 2 + 1);
        return Duration.ofMillis(base / 2 + jitter);
    }

    /** Parses Retry-After: delay-seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while waiting to retry", e);
        }
    }

    static void closeQuietly(Response r) {
        try {
            r.close();
        } catch (IOException ignored) {
            // closing only cancels the exchange
        }
    }

    /** The system's trust anchors plus the CA certificates in a PEM file. */
    static SSLContext sslContext(Path pem) {
        return TlsContexts.withExtraCa(pem, "--ca-cert " + pem);
    }
}
