package dev.vouch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The part of a token-auth deployment that a real one gets from its auth service: an HTTP endpoint that answers
 * the distribution token flow with RS256 JWTs whose {@code x5c} header carries a certificate the registry's
 * {@code rootcertbundle} trusts. Authenticated users get what they ask for; anonymous users may pull
 * {@code public/*}. It also answers the OAuth2 refresh-token grant for one identity token.
 */
final class TokenIssuer implements AutoCloseable {
    static final String SERVICE = "test-registry";
    static final String ISSUER = "test-issuer";
    static final String IDENTITY_TOKEN = "refresh-token-for-tester";

    private final HttpServer server;
    private final TestPki.Issued signing;
    private final KeyPair wrongKey;
    private final Path bundle;
    final AtomicInteger requests = new AtomicInteger();
    /** How many of the next tokens to sign with a key the registry does not trust. */
    final AtomicInteger badTokens = new AtomicInteger();

    TokenIssuer(Path dir) throws Exception {
        java.nio.file.Files.createDirectories(dir);
        signing = TestPki.ca("token-signer");
        wrongKey = TestPki.rsa();
        bundle = dir.resolve("token-bundle.pem");
        TestPki.writePem(bundle, signing.cert());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/token", this::handle);
        server.start();
    }

    String realm() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    Path bundle() {
        return bundle;
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        try (ex) {
            Map<String, List<String>> params = new LinkedHashMap<>();
            parse(ex.getRequestURI().getRawQuery(), params);
            boolean authenticated = false;
            if (ex.getRequestMethod().equals("POST")) {
                parse(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), params);
                if (!IDENTITY_TOKEN.equals(first(params, "refresh_token"))) {
                    ex.sendResponseHeaders(401, -1);
                    return;
                }
                authenticated = true;
            }
            String header = ex.getRequestHeaders().getFirst("Authorization");
            if (header != null) {
                String pair = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
                if (!pair.equals(TestRegistry.USER + ":" + TestRegistry.PASSWORD)) {
                    ex.sendResponseHeaders(401, -1);
                    return;
                }
                authenticated = true;
            }
            List<Map<String, Object>> access = new ArrayList<>();
            for (String scope : params.getOrDefault("scope", List.of())) {
                String[] parts = scope.split(":");
                if (parts.length != 3 || !parts[0].equals("repository")) {
                    continue;
                }
                List<String> actions = new ArrayList<>();
                for (String a : parts[2].split(",")) {
                    if (authenticated || (a.equals("pull") && parts[1].startsWith("public/"))) {
                        actions.add(a);
                    }
                }
                access.add(Map.of("type", "repository", "name", parts[1], "actions", actions));
            }
            String jwt = jwt(authenticated ? TestRegistry.USER : "", access);
            byte[] body = new ObjectMapper()
                    .writeValueAsBytes(Map.of(
                            "token",
                            jwt,
                            "access_token",
                            jwt,
                            "expires_in",
                            300,
                            "issued_at",
                            Instant.now().toString()));
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
        } catch (Exception e) {
            ex.sendResponseHeaders(500, -1);
        }
    }

    private String jwt(String subject, List<Map<String, Object>> access) throws Exception {
        ObjectMapper m = new ObjectMapper();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        Map<String, Object> header = Map.of(
                "typ",
                "JWT",
                "alg",
                "RS256",
                "x5c",
                List.of(Base64.getEncoder().encodeToString(signing.cert().getEncoded())));
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", subject);
        claims.put("aud", SERVICE);
        claims.put("exp", now + 300);
        claims.put("nbf", now - 10);
        claims.put("iat", now);
        claims.put("jti", Long.toString(System.nanoTime()));
        claims.put("access", access);
        String input =
                b64.encodeToString(m.writeValueAsBytes(header)) + "." + b64.encodeToString(m.writeValueAsBytes(claims));
        Signature sig = Signature.getInstance("SHA256withRSA");
        boolean bad = badTokens.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        sig.initSign(bad ? wrongKey.getPrivate() : signing.keys().getPrivate());
        sig.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64.encodeToString(sig.sign());
    }

    private static void parse(String query, Map<String, List<String>> into) {
        if (query == null || query.isEmpty()) {
            return;
        }
        for (String kv : query.split("&")) {
            int eq = kv.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
            into.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
    }

    private static String first(Map<String, List<String>> params, String key) {
        List<String> v = params.get(key);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
