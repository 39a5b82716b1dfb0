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
    final List<String> requested = new CopyOnWriteArrayList<>();

    static final String PASSWORD = "hostile-planted-password-7731";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        serve(server);
        routes.put("/v2/", ex -> send(ex, 200, "application/json", "{}"));
    }

    /** Answers every request from {@link #routes}, recording what was asked and with which credentials. */
    void serve(HttpServer on) {
        on.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        on.createContext("/", ex -> {
            requested.add(ex.getRequestURI().toString());
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
        on.start();
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
        return vouch("inspect", host() + "/" + repoAndTag);
    }

    /** A vouch command with that user's credentials, in bounded time, never printing the password or a trace. */
    Cli.Result vouch(String command, String... args) {
        long start = System.nanoTime();
        List<String> all = new java.util.ArrayList<>(List.of(command, "--username", "u", "--password-stdin"));
        all.addAll(List.of(args));
        Cli.Result r = Cli.runIn(Cli.freshUser(home), PASSWORD + "\n", all.toArray(String[]::new));
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
        // a redirect whose URL carries credentials: inspect() checks the planted password is never printed
        routes.put("/v2/h/userinfo/manifests/1", ex -> {
            ex.getResponseHeaders().set("Location", "ftp://u:" + PASSWORD + "@" + host() + "/x");
            ex.sendResponseHeaders(307, -1);
        });
        refused(inspect("h/userinfo:1"), "redirected /v2/h/userinfo/manifests/1 to a non-HTTP URL");
        routes.put("/v2/h/userinfo2/manifests/1", ex -> {
            ex.getResponseHeaders()
                    .set("Location", "http://u:" + PASSWORD + "@" + host() + "/v2/h/userinfo2/manifests/1");
            ex.sendResponseHeaders(307, -1);
        });
        refused(inspect("h/userinfo2:1"));
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

    @Test
    void aBlobServedWithAnotherDigestsBytesIsRefused() throws Exception {
        String config =
                "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}";
        String other = config.replace("amd64", "arm64");
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":"
                + config.length() + ",\"digest\":\"" + sha256(config) + "\"},\"layers\":[]}";
        routes.put(
                "/v2/h/swapped/manifests/1",
                ex -> send(ex, 200, "application/vnd.oci.image.manifest.v1+json", manifest));
        // the same size, other bytes: only the digest tells
        routes.put("/v2/h/swapped/blobs/" + sha256(config), ex -> send(ex, 200, "application/octet-stream", other));
        refusedKeeping(
                inspect("h/swapped:1"),
                1,
                "blob " + sha256(config) + " from " + host() + "/h/swapped: digest mismatch: expected " + sha256(config)
                        + ", got " + sha256(other));
    }

    @Test
    void aTagsListOfMillionsOfNamesIsCutAtTheBound() throws Exception {
        // pages of 200,000 names, each page pointing at a next one, forever
        StringBuilder page = new StringBuilder("{\"name\":\"h/tags\",\"tags\":[");
        for (int i = 0; i < 200_000; i++) {
            page.append(i == 0 ? "" : ",").append("\"t").append(i).append('"');
        }
        String body = page.append("]}").toString();
        routes.put("/v2/h/tags/tags/list", ex -> {
            ex.getResponseHeaders()
                    .set("Link", "</v2/h/tags/tags/list?n=1000&last=t" + requested.size() + ">; rel=\"next\"");
            send(ex, 200, "application/json", body);
        });
        Cli.Result r = vouch("tags", host() + "/h/tags");
        assertThat(r.err()).as(requested.toString()).contains("more than 1000000 tags");
        refused(r, "more than 1000000 tags");
        assertThat(requested.stream().filter(u -> u.startsWith("/v2/h/tags/tags/list")))
                .hasSizeLessThanOrEqualTo(7);
    }

    @Test
    void referrersOfAnotherImageOrRepositoryAreNotThisImagesSignatures() throws Exception {
        String config =
                "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}";
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":"
                + config.length() + ",\"digest\":\"" + sha256(config) + "\"},\"layers\":[]}";
        String image = sha256(manifest);
        String elsewhere = "sha256:" + "e".repeat(64);
        String bundle = "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\"}";
        // a bundle manifest whose subject is another image, listed among this image's referrers
        String foreign = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"artifactType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.empty.v1+json\",\"size\":2,\"digest\":\"sha256:"
                + "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\"},\"layers\":[{\"mediaType\":"
                + "\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"size\":" + bundle.length() + ",\"digest\":\""
                + sha256(bundle) + "\"}],\"subject\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"size\":1,\"digest\":\"" + elsewhere + "\"}}";
        String index = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{"
                + "\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"artifactType\":"
                + "\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"size\":" + foreign.length() + ",\"digest\":\""
                + sha256(foreign) + "\",\"urls\":[\"http://" + host() + "/v2/other/manifests/" + sha256(foreign)
                + "\"],\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + host() + "/other:1\"}}]}";
        routes.put("/v2/h/ref/manifests/1", ex -> {
            ex.getResponseHeaders().set("Docker-Content-Digest", image);
            send(ex, 200, "application/vnd.oci.image.manifest.v1+json", manifest);
        });
        routes.put(
                "/v2/h/ref/manifests/" + image,
                ex -> send(ex, 200, "application/vnd.oci.image.manifest.v1+json", manifest));
        routes.put(
                "/v2/h/ref/referrers/" + image, ex -> send(ex, 200, "application/vnd.oci.image.index.v1+json", index));
        routes.put(
                "/v2/h/ref/manifests/" + sha256(foreign),
                ex -> send(ex, 200, "application/vnd.oci.image.manifest.v1+json", foreign));
        routes.put("/v2/h/ref/blobs/" + sha256(bundle), ex -> send(ex, 200, "application/octet-stream", bundle));
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        Path key = home.resolve("cosign.pub");
        TestPki.writePem(key, g.generateKeyPair().getPublic());
        Cli.Result r = vouch("verify", "--key", key.toString(), host() + "/h/ref:1");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out() + r.err()).doesNotContain(sha256(foreign)).doesNotContain("Sigstore bundle");
        assertThat(requested).noneMatch(u -> u.contains("/other/")).noneMatch(u -> u.contains(sha256(bundle)));
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
