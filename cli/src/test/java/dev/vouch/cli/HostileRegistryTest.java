package dev.vouch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry written here that misbehaves on purpose. Every case goes through the CLI and is refused with one line
 * naming the cause, in bounded time and memory, with nothing cached and no credential sent where it does not
 * belong.
 */
class HostileRegistryTest {
    interface Handler {
        void handle(HttpExchange ex) throws IOException;
    }

    @TempDir
    Path home;

    HttpServer server;
    final Map<String, Handler> routes = new ConcurrentHashMap<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();

    static final String PASSWORD = "hostile-planted-password-7731";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", ex -> {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth != null) {
                authorizations.add(ex.getRequestURI() + " " + auth);
            }
            Handler h = routes.get(ex.getRequestURI().getPath());
            try {
                if (h == null) {
                    send(ex, 404, "application/json", "{\"errors\":[{\"code\":\"NOT_FOUND\"}]}");
                } else {
                    h.handle(ex);
                }
            } catch (IOException closedByClient) {
                // the client gave up, as it should
            } finally {
                ex.close();
            }
        });
        server.start();
        routes.put("/v2/", ex -> send(ex, 200, "application/json", "{}"));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            ex.getResponseBody().write(b);
        }
    }

    /** vouch inspect of repo:tag here, with a user whose password must never leave for the wrong place. */
    Cli.Result inspect(String repoAndTag) {
        long start = System.nanoTime();
        Cli.Result r = Cli.runIn(
                Cli.freshUser(home),
                PASSWORD + "\n",
                "inspect",
                "--username",
                "u",
                "--password-stdin",
                host() + "/" + repoAndTag);
        assertThat((System.nanoTime() - start) / 1_000_000_000).as("seconds").isLessThan(60);
        assertThat(r.out() + r.err()).doesNotContain(PASSWORD).doesNotContain("\tat ");
        return r;
    }

    /** Refused in one line saying this, with nothing cached. */
    void refused(Cli.Result r, String... said) throws IOException {
        refusedKeeping(r, 0, said);
    }

    /**
     * Refused in one line; at most {@code verified} blobs cached, each one whose bytes are what its digest name says
     * (documents read and verified before the refusal, content-addressed).
     */
    void refusedKeeping(Cli.Result r, int verified, String... said) throws IOException {
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        String line = r.errorLine();
        if (said.length > 0) {
            assertThat(line).contains(said);
        }
        List<Path> cached;
        try (Stream<Path> files = Files.walk(home)) {
            cached = files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().contains("blobs"))
                    .toList();
        }
        assertThat(cached).as("cached").hasSizeLessThanOrEqualTo(verified);
        for (Path p : cached) {
            assertThat(sha256(Files.readString(p))).isEqualTo("sha256:" + p.getFileName());
        }
    }

    @Test
    void aManifestThatNeverEndsIsCut() throws Exception {
        routes.put("/v2/h/endless/manifests/1", ex -> {
            ex.getResponseHeaders().set("Content-Type", "application/vnd.oci.image.manifest.v1+json");
            ex.sendResponseHeaders(200, 0); // chunked
            OutputStream out = ex.getResponseBody();
            byte[] chunk = ("{\"schemaVersion\": 2, \"x\": \"" + "a".repeat(8000)).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 100_000; i++) {
                out.write(chunk);
            }
        });
        refused(inspect("h/endless:1"), "h/endless tag 1 is larger than the 4194304-byte limit");
    }

    @Test
    void aTricklingManifestIsCutByItsDeadline() throws Exception {
        routes.put("/v2/h/trickle/manifests/1", ex -> {
            ex.getResponseHeaders().set("Content-Type", "application/vnd.oci.image.manifest.v1+json");
            ex.sendResponseHeaders(200, 100_000);
            OutputStream out = ex.getResponseBody();
            for (int i = 0; i < 100_000; i++) {
                out.write(' ');
                out.flush();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        // ten bytes a second: below the 1 KiB/s floor over the 30 s read window
        refused(inspect("h/trickle:1"), "slower than 1024 bytes a second");
    }

    @Test
    void aContentLengthFarLargerThanTheManifestIsRefused() throws Exception {
        routes.put("/v2/h/huge/manifests/1", ex -> {
            ex.getResponseHeaders().set("Content-Type", "application/vnd.oci.image.manifest.v1+json");
            ex.sendResponseHeaders(200, 10L << 30);
            ex.getResponseBody().write("{\"schemaVersion\": 2}".getBytes(StandardCharsets.UTF_8));
        });
        refused(inspect("h/huge:1"), "reading tag 1 failed");
    }

    @Test
    void redirectLoopsAndRedirectsToOtherSchemesAreNotFollowed() throws Exception {
        routes.put("/v2/h/loop/manifests/1", ex -> {
            ex.getResponseHeaders().set("Location", "/v2/h/loop/manifests/1");
            ex.sendResponseHeaders(307, -1);
        });
        refused(inspect("h/loop:1"), "more than 5 redirects for /v2/h/loop/manifests/1");
        routes.put("/v2/h/file/manifests/1", ex -> {
            ex.getResponseHeaders().set("Location", "file:///etc/passwd");
            ex.sendResponseHeaders(307, -1);
        });
        Cli.Result r = inspect("h/file:1");
        refused(r, "redirected /v2/h/file/manifests/1 to a non-HTTP URL");
        assertThat(r.err()).doesNotContain("root:x:0:0");
    }

    @Test
    void aTokenRealmOnAnotherSchemeGetsNoCredential() throws Exception {
        routes.put("/v2/h/realm/manifests/1", ex -> {
            ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"ftp://127.0.0.1/token\",service=\"r\"");
            send(ex, 401, "application/json", "{}");
        });
        refused(inspect("h/realm:1"), "the token realm is not an http(s) URL");
        assertThat(authorizations).allMatch(a -> !a.contains("Basic") || a.startsWith("/v2/"));
    }

    @Test
    void aChallengeOfAMegabyteIsRefusedInOneLine() throws Exception {
        routes.put("/v2/h/big-challenge/manifests/1", ex -> {
            ex.getResponseHeaders()
                    .set(
                            "WWW-Authenticate",
                            "Bearer realm=\"http://127.0.0.1/t\",scope=\"" + "x".repeat(1 << 20) + "\"");
            send(ex, 401, "application/json", "{}");
        });
        Cli.Result r = inspect("h/big-challenge:1");
        refused(r, "Header size too big");
        assertThat(r.err().length()).isLessThan(2000);
    }

    @Test
    void aManifestOfAHundredThousandLayersIsRefused() throws Exception {
        StringBuilder layers = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            layers.append(i == 0 ? "" : ",")
                    .append(
                            "{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"size\":1,\"digest\":\"sha256:")
                    .append(String.format("%064x", i))
                    .append("\"}");
        }
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":2,\"digest\":\"sha256:"
                + "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\"},\"layers\":[" + layers + "]}";
        routes.put(
                "/v2/h/many/manifests/1", ex -> send(ex, 200, "application/vnd.oci.image.manifest.v1+json", manifest));
        refused(inspect("h/many:1"), "h/many tag 1 is larger than the 4194304-byte limit");
    }

    @Test
    void anIndexNestedPastTheBoundIsRefused() throws Exception {
        // every index names the next one, by a digest that is its own: 40 levels deep
        String next =
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}";
        for (int depth = 0; depth < 40; depth++) {
            String inner = next;
            String digest = sha256(inner);
            routes.put(
                    "/v2/h/nested/manifests/" + digest,
                    ex -> send(ex, 200, "application/vnd.oci.image.index.v1+json", inner));
            next = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{"
                    + "\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"size\":"
                    + inner.getBytes(StandardCharsets.UTF_8).length + ",\"digest\":\"" + digest
                    + "\",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}}]}";
        }
        String top = next;
        routes.put("/v2/h/nested/manifests/1", ex -> send(ex, 200, "application/vnd.oci.image.index.v1+json", top));
        refusedKeeping(inspect("h/nested:1"), 5, "indexes nest deeper than 4 levels");
    }

    @Test
    void aDockerContentDigestHeaderThatLiesIsRefused() throws Exception {
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":2,\"digest\":\"sha256:"
                + "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\"},\"layers\":[]}";
        routes.put("/v2/h/lies/manifests/1", ex -> {
            ex.getResponseHeaders().set("Docker-Content-Digest", "sha256:" + "0".repeat(64));
            send(ex, 200, "application/vnd.oci.image.manifest.v1+json", manifest);
        });
        refused(inspect("h/lies:1"), "h/lies tag 1: the registry served content with digest sha256:");
    }

    static String sha256(String s) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
