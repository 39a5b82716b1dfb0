package dev.vouch.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.error.RegistryException;
import dev.vouch.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Answers a registry's {@code WWW-Authenticate} challenge: sends credentials as Basic, or runs the <a
 * href="https://distribution.github.io/distribution/spec/auth/token/">token flow</a> (GET the realm with service
 * and scope, Basic credentials if there are any, anonymous otherwise; an identity token is exchanged with the
 * <a href="https://distribution.github.io/distribution/spec/auth/oauth/">OAuth2 refresh-token grant</a>). Tokens
 * are kept per scope until shortly before they expire and fetched again after a 401. Thread-safe: parallel
 * downloads share one instance.
 */
final class Authenticator {
    private static final int MAX_TOKEN_RESPONSE = 1 << 20;
    private static final long DEFAULT_EXPIRY_SECONDS = 60;
    private static final long EXPIRY_MARGIN_SECONDS = 10;

    private record Token(String value, Instant expires) {}

    private final RegistryHost host;
    private final Transport transport;
    private final Supplier<Optional<Credentials>> credentials;
    private final Map<String, Token> tokens = new HashMap<>();
    private AuthChallenge challenge;
    private Optional<Credentials> resolved;
    private boolean reachedOverTls;

    Authenticator(RegistryHost host, Transport transport, Supplier<Optional<Credentials>> credentials) {
        this.host = host;
        this.transport = transport;
        this.credentials = credentials;
    }

    /** Remembers the challenge a 401 (or the ping) carried. */
    synchronized void challenged(String header) {
        AuthChallenge c = AuthChallenge.parse(header);
        if (c != null) {
            challenge = c;
        }
    }

    /** Remembers that the registry answered over TLS: its credentials then never travel without it. */
    synchronized void reachedOver(String scheme) {
        reachedOverTls = "https".equalsIgnoreCase(scheme);
    }

    synchronized boolean knowsChallenge() {
        return challenge != null;
    }

    /** The Authorization header for a request in the given scope, or null when none is known to be needed. */
    synchronized String authorization(String scope) {
        if (challenge == null) {
            return null;
        }
        if (challenge.isBasic()) {
            return creds().map(Credentials::basicHeader).orElse(null);
        }
        if (challenge.isBearer()) {
            Token t = tokens.get(scope);
            if (t == null || Instant.now().isAfter(t.expires())) {
                t = fetchToken(scope);
                tokens.put(scope, t);
            }
            return "Bearer " + t.value();
        }
        throw new RegistryException(
                host + " asks for " + challenge.scheme() + " authentication, which vouch does not speak");
    }

    /** Forgets the token of a scope after the registry refused it. */
    synchronized void refused(String scope) {
        tokens.remove(scope);
    }

    /** What vouch can say about credentials in a 401 message, without revealing them. */
    synchronized String note() {
        Optional<Credentials> c = creds();
        return c.map(value -> "the credentials from " + value.origin() + " were not accepted")
                .orElse("no credentials found for " + host
                        + " (docker login, $REGISTRY_AUTH_FILE, or --username with --password-stdin)");
    }

    private Optional<Credentials> creds() {
        if (resolved == null) {
            resolved = credentials.get();
        }
        return resolved;
    }

    private Token fetchToken(String scope) {
        String realm = challenge.param("realm");
        if (realm == null || realm.isBlank()) {
            throw new RegistryException(host + " asks for a bearer token but names no realm to get it from");
        }
        URI realmUri;
        try {
            realmUri = URI.create(realm);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(host + ": the token realm is not a valid URL");
        }
        String scheme = realmUri.getScheme() == null ? "" : realmUri.getScheme();
        if (realmUri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new RegistryException(host + ": the token realm is not an http(s) URL");
        }
        Optional<Credentials> c = creds();
        if (scheme.equals("http") && reachedOverTls) {
            // a registry that speaks TLS sending its users' credentials to a plain-http realm is a downgrade
            throw new RegistryException(host + ": refusing to fetch a token over plain http from " + realmUri.getHost()
                    + " for a registry reached over https");
        }
        if (scheme.equals("http") && !host.httpAllowed() && !RegistryHost.isLoopback(realmUri.getHost())) {
            throw new RegistryException(
                    host + ": refusing to fetch a token over plain http from " + realmUri.getHost());
        }
        String service = challenge.param("service");
        StringBuilder query = new StringBuilder();
        if (service != null) {
            query.append("service=").append(enc(service));
        }
        if (scope != null) {
            query.append(query.length() > 0 ? "&" : "").append("scope=").append(enc(scope));
        }
        Transport.Request request;
        if (c.isPresent() && c.get().hasIdentityToken()) {
            String form = "grant_type=refresh_token&client_id=vouch&refresh_token="
                    + enc(c.get().identityToken()) + (query.length() > 0 ? "&" + query : "");
            request = Transport.Request.form(realmUri, Map.of("Accept", "application/json"), form);
        } else {
            String sep = realm.contains("?") ? "&" : "?";
            URI uri = URI.create(realm + (query.length() > 0 ? sep + query : ""));
            request = new Transport.Request(
                    "GET",
                    uri,
                    Map.of("Accept", "application/json"),
                    c.map(Credentials::basicHeader).orElse(null));
        }
        try (Transport.Response r = transport.send(request)) {
            if (r.status() == 401 || r.status() == 403) {
                throw new RegistryException(host + ": the token service at " + realmUri.getHost() + " refused "
                        + (c.isPresent() ? "the credentials from " + c.get().origin() : "anonymous access")
                        + " for " + scope + " (" + r.status() + ")");
            }
            if (r.status() != 200) {
                throw new RegistryException(
                        host + ": the token service at " + realmUri.getHost() + " answered " + r.status());
            }
            return parseToken(r.body(), realmUri.getHost());
        } catch (IOException e) {
            throw new RegistryException(host + ": reading the token from " + realmUri.getHost() + " failed", e);
        }
    }

    private Token parseToken(InputStream body, String realmHost) throws IOException {
        byte[] bytes = body.readNBytes(MAX_TOKEN_RESPONSE + 1);
        if (bytes.length > MAX_TOKEN_RESPONSE) {
            throw new RegistryException(host + ": the token response from " + realmHost + " is too large");
        }
        JsonNode tree;
        try {
            tree = Json.tree(bytes, "token response");
        } catch (RuntimeException e) {
            throw new RegistryException(host + ": the token response from " + realmHost + " is not valid JSON");
        }
        String token = tree == null ? "" : tree.path("token").asText("");
        if (token.isEmpty()) {
            token = tree == null ? "" : tree.path("access_token").asText("");
        }
        if (token.isEmpty() || token.length() > 64 * 1024 || !token.matches("[\\x21-\\x7e]+")) {
            throw new RegistryException(host + ": the token response from " + realmHost + " holds no usable token");
        }
        long expiresIn = tree.path("expires_in").asLong(DEFAULT_EXPIRY_SECONDS);
        if (expiresIn < DEFAULT_EXPIRY_SECONDS) {
            expiresIn = DEFAULT_EXPIRY_SECONDS;
        }
        Instant issued = Instant.now();
        String issuedAt = tree.path("issued_at").asText("");
        if (!issuedAt.isEmpty()) {
            try {
                Instant i = Instant.parse(issuedAt);
                if (i.isBefore(issued)) {
                    issued = i;
                }
            } catch (java.time.format.DateTimeParseException ignored) {
                // a bad issued_at: count from now
            }
        }
        return new Token(token, issued.plusSeconds(expiresIn - EXPIRY_MARGIN_SECONDS));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
