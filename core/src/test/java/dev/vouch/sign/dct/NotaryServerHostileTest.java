package dev.vouch.sign.dct;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vouch.cache.TrustCache;
import dev.vouch.image.Descriptor;
import dev.vouch.image.Digest;
import dev.vouch.image.ImageRef;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Notary server that misbehaves: redirects, token realms that would take a credential elsewhere, a body that never
 * ends. Each is refused with its reason, and nothing is remembered.
 */
class NotaryServerHostileTest {
    @TempDir
    Path cache;

    HttpServer server;
    final byte[] manifest = "{}".getBytes(StandardCharsets.UTF_8);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private DctResult verify() throws IOException {
        NotaryEndpoint ep = NotaryEndpoint.of(ImageRef.parse("127.0.0.1:5000/team/app:1"), url(), null, Map.of());
        return new DctVerifier(ep, new TrustCache(cache), DctVerifier.Pins.none(), Instant.now())
                .verify("1", Descriptor.of("application/vnd.oci.image.manifest.v1+json", Digest.sha256(manifest), 2));
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        server.createContext("/", ex -> {
            ex.getResponseHeaders().add("Location", "http://example.invalid/root.json");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        DctResult r = verify();
        assertThat(r.status()).isEqualTo(DctResult.Status.INVALID);
        assertThat(r.reason()).isEqualTo("the notary server " + url() + " answered HTTP 302 for root.json");
        assertThat(cache).isEmptyDirectory();
    }

    @Test
    void aTokenRealmOnPlainHttpElsewhereIsRefusedAndALoopbackOneIsAskedAnonymously() throws Exception {
        server.createContext("/v2/", ex -> {
            ex.getResponseHeaders()
                    .add("WWW-Authenticate", "Bearer realm=\"http://example.invalid/token\",service=\"notary\"");
            ex.sendResponseHeaders(401, -1);
            ex.close();
        });
        assertThat(verify().reason())
                .isEqualTo("the notary server's token realm http://example.invalid/token is not" + " https");
        // a realm on loopback is asked without credentials, and its token is sent back to the server
        server.removeContext("/v2/");
        String[] seen = new String[2];
        server.createContext("/token", ex -> {
            seen[0] = ex.getRequestURI().getQuery() + " auth="
                    + ex.getRequestHeaders().getFirst("Authorization");
            byte[] body = "{\"token\":\"t0k3n\"}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.createContext("/v2/", ex -> {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth == null) {
                ex.getResponseHeaders()
                        .add(
                                "WWW-Authenticate",
                                "Bearer realm=\"" + url() + "/token\",service=\"notary\",scope=\"repository:x:pull\"");
                ex.sendResponseHeaders(401, -1);
            } else {
                seen[1] = auth;
                ex.sendResponseHeaders(404, -1);
            }
            ex.close();
        });
        DctResult r = verify();
        assertThat(r.status()).isEqualTo(DctResult.Status.NOT_SIGNED);
        assertThat(seen[0]).isEqualTo("service=notary&scope=repository:x:pull auth=null");
        assertThat(seen[1]).isEqualTo("Bearer t0k3n");
    }

    @Test
    void aBodyThatNeverEndsIsCutAtTheBound() throws Exception {
        server.createContext("/", ex -> {
            ex.sendResponseHeaders(200, 0); // chunked, no length
            byte[] chunk = new byte[64 << 10];
            try (OutputStream out = ex.getResponseBody()) {
                while (true) {
                    out.write(chunk);
                }
            } catch (IOException e) {
                // the client went away: what a bounded reader does
            }
        });
        DctResult r = verify();
        assertThat(r.reason()).isEqualTo("root.json from " + url() + " is larger than 2097152 bytes");
        assertThat(cache).isEmptyDirectory();
    }
}
