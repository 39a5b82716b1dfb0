package dev.vouch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.vouch.image.Digest;
import dev.vouch.image.DigestingInputStream;
import dev.vouch.image.Image;
import dev.vouch.image.ImageIndex;
import dev.vouch.image.Platform;
import dev.vouch.registry.RegistryClient;
import dev.vouch.registry.RegistryHost;
import dev.vouch.registry.RegistryOptions;
import dev.vouch.source.ImageSources;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pulls through the CLI from a real registry (distribution 2.8 on 127.0.0.1) fed by skopeo. */
class RegistryTest {
    @TempDir
    static Path work;

    static TestRegistry registry;
    static String debianLayer;
    static String debianConfig;

    @TempDir
    Path home;

    @BeforeAll
    static void startRegistry() throws Exception {
        Path f = Fixtures.dir();
        registry = TestRegistry.open(work.resolve("open"));
        registry.push("oci:" + f.resolve("debian") + ":bookworm", "t/debian:bookworm", false);
        registry.push("oci:" + f.resolve("multi") + ":1", "t/multi:1", true);
        registry.push("oci:" + f.resolve("app") + ":1", "t/app:1", false);
        JsonNode manifest = new ObjectMapper().readTree(registry.skopeoRaw("t/debian:bookworm"));
        debianLayer = manifest.path("layers").path(0).path("digest").asText();
        debianConfig = manifest.path("config").path("digest").asText();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    Map<String, String> env() {
        return Cli.freshUser(home);
    }

    Cli.Result vouch(String... args) {
        return Cli.runIn(env(), "", args);
    }

    @Test
    void aRegistryImageReadsLikeTheLocalOne() throws Exception {
        String ref = registry.host() + "/t/debian:bookworm";
        Cli.Result inspect = vouch("inspect", "--format", "json", ref);
        assertThat(inspect.code()).as(inspect.err()).isZero();
        assertThat(inspect.json().path("image").path("digest").asText())
                .isEqualTo(registry.skopeoDigest("t/debian:bookworm"));

        Cli.Result remote = vouch("layers", "--format", "json", ref);
        // every layer read, as the remote run did (its layers were not stored yet)
        Cli.Result local = vouch(
                "layers",
                "--format",
                "json",
                "--no-cache",
                "oci:" + Fixtures.dir().resolve("debian") + ":bookworm");
        assertThat(remote.code()).as(remote.err()).isZero();
        assertThat(remote.json().path("layers")).isEqualTo(local.json().path("layers"));
        assertThat(remote.json().path("totals")).isEqualTo(local.json().path("totals"));
        assertThat(home.resolve(".cache/vouch/blobs/sha256").resolve(debianLayer.substring(7)))
                .exists();
    }

    @Test
    void aMultiPlatformIndexSelectsThePlatformAndResolvesToTheIndex() throws Exception {
        String ref = registry.host() + "/t/multi:1";
        JsonNode index = new ObjectMapper().readTree(registry.skopeoRaw("t/multi:1"));
        String arm64 = null;
        for (JsonNode m : index.path("manifests")) {
            if (m.path("platform").path("architecture").asText().equals("arm64")) {
                arm64 = m.path("digest").asText();
            }
        }
        Cli.Result r = vouch("inspect", "--format", "json", "--platform", "linux/arm64", ref);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.json().path("image").path("digest").asText()).isEqualTo(arm64);
        assertThat(r.json().path("image").path("platform").asText()).isEqualTo("linux/arm64");

        Cli.Result resolved = vouch("resolve", ref, registry.host() + "/t/debian:bookworm");
        assertThat(resolved.code()).as(resolved.err()).isZero();
        assertThat(resolved.out().lines().toList())
                .containsExactly(
                        ref + "@" + registry.skopeoDigest("t/multi:1"),
                        registry.host() + "/t/debian:bookworm@" + registry.skopeoDigest("t/debian:bookworm"));
        Cli.Result json = vouch("resolve", "--format", "json", ref);
        assertThat(json.json().path(0).path("mediaType").asText()).isEqualTo("application/vnd.oci.image.index.v1+json");
    }

    @Test
    void aSecondRunAsksOnlyForTheTagAndADigestRunAsksNothing() throws Exception {
        try (FaultProxy proxy = new FaultProxy(registry.port())) {
            String ref = proxy.host() + "/t/debian:bookworm";
            Path cache = home.resolve("c");
            Cli.Result first = vouch("layers", "--cache-dir", cache.toString(), ref);
            assertThat(first.code()).as(first.err()).isZero();
            assertThat(proxy.requests()).contains("GET /v2/t/debian/blobs/" + debianLayer + " HTTP/1.1");
            proxy.requests.clear();

            Cli.Result second = vouch("inspect", "--cache-dir", cache.toString(), ref);
            assertThat(second.code()).as(second.err()).isZero();
            assertThat(proxy.requests())
                    .containsExactly("GET /v2/ HTTP/1.1", "HEAD /v2/t/debian/manifests/bookworm HTTP/1.1");
            proxy.requests.clear();

            String byDigest = proxy.host() + "/t/debian@" + registry.skopeoDigest("t/debian:bookworm");
            Cli.Result third = vouch("layers", "--cache-dir", cache.toString(), byDigest);
            assertThat(third.code()).as(third.err()).isZero();
            assertThat(proxy.requests()).isEmpty();

            Cli.Result prune = vouch("cache", "--cache-dir", cache.toString(), "prune", "--max-size", "0");
            // the blobs, and the one layer record the layers run kept beside them
            assertThat(prune.out()).startsWith("removed 3 blobs and 1 layer results");
            assertThat(vouch("cache", "--cache-dir", cache.toString()).out()).contains(": 0 blobs");
        }
    }

    @Test
    void noCacheWritesNothing() {
        Cli.Result r = vouch("layers", "--no-cache", registry.host() + "/t/app:1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(home.resolve(".cache")).doesNotExist();
    }

    @Test
    void aConnectionResetHalfwayThroughALayerResumesWithARange() throws Exception {
        try (FaultProxy proxy = new FaultProxy(registry.port())) {
            String blob = "GET /v2/t/debian/blobs/" + debianLayer;
            proxy.inject(l -> l.startsWith(blob), new FaultProxy.Reset(), 1);
            Cli.Result r = vouch("layers", "--format", "json", proxy.host() + "/t/debian:bookworm");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.json().path("layers").path(0).path("digest").asText()).isEqualTo(debianLayer);
            assertThat(proxy.requests().stream().filter(l -> l.startsWith(blob)))
                    .hasSize(2);
        }
    }

    @Test
    void aSilentRegistryTimesOutAndTheDownloadResumes() throws Exception {
        try (FaultProxy proxy = new FaultProxy(registry.port())) {
            String blob = "GET /v2/t/debian/blobs/" + debianLayer;
            proxy.inject(l -> l.startsWith(blob), new FaultProxy.Stall(20_000), 1);
            RegistryOptions options =
                    RegistryOptions.defaults(env()).withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(1));
            try (Image image = ImageSources.open(proxy.host() + "/t/debian:bookworm", Platform.LINUX_AMD64, options);
                    DigestingInputStream layer = image.openLayer(image.layers().get(0))) {
                assertThat(layer.drain())
                        .isEqualTo(image.layers().get(0).descriptor().size());
                assertThat(layer.actual().toString()).isEqualTo(debianLayer);
            }
            assertThat(proxy.requests().stream().filter(l -> l.startsWith(blob)))
                    .hasSize(2);
        }
    }

    @Test
    void serviceUnavailableAndRateLimitsAreWaitedOut() throws Exception {
        try (FaultProxy proxy = new FaultProxy(registry.port())) {
            String blob = "GET /v2/t/debian/blobs/" + debianLayer;
            proxy.inject(l -> l.startsWith(blob), new FaultProxy.Status(503, ""), 2);
            proxy.inject(
                    l -> l.startsWith("HEAD /v2/t/debian/manifests/"),
                    new FaultProxy.Status(429, "Retry-After: 1\r\n"),
                    1);
            Cli.Result r = vouch("layers", "--format", "json", proxy.host() + "/t/debian:bookworm");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.json().path("digest").asText()).isEqualTo(registry.skopeoDigest("t/debian:bookworm"));
            assertThat(proxy.requests().stream().filter(l -> l.startsWith(blob)))
                    .hasSize(3);
            assertThat(proxy.requests().stream().filter(l -> l.startsWith("HEAD ")))
                    .hasSize(2);
        }
    }

    @Test
    void aRateLimitLongerThanVouchWaitsSaysWhenItEnds() throws Exception {
        try (FaultProxy proxy = new FaultProxy(registry.port())) {
            proxy.inject(l -> l.startsWith("HEAD "), new FaultProxy.Status(429, "Retry-After: 3600\r\n"), 1);
            proxy.inject(
                    l -> l.startsWith("GET /v2/t/debian/manifests/"),
                    new FaultProxy.Status(429, "Retry-After: 3600\r\n"),
                    1);
            Cli.Result r = vouch("inspect", proxy.host() + "/t/debian:bookworm");
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.errorLine()).contains("rate limited (429)").contains("resets in 3600 s (at ");
        }
    }

    @Test
    void aFlippedByteInALayerIsAnIntegrityFailureThatNamesTheBlob() throws Exception {
        try (FaultProxy proxy = new FaultProxy(registry.port())) {
            proxy.inject(l -> l.startsWith("GET /v2/t/debian/blobs/" + debianLayer), new FaultProxy.Flip(), 5);
            Path cache = home.resolve("c");
            Cli.Result r = vouch("layers", "--cache-dir", cache.toString(), proxy.host() + "/t/debian:bookworm");
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.errorLine()).startsWith("vouch: blob " + debianLayer).contains("digest mismatch");
            assertThat(cache.resolve("blobs/sha256").resolve(debianLayer.substring(7)))
                    .doesNotExist();
            assertThat(proxy.requests().stream().filter(l -> l.contains(debianLayer)))
                    .hasSize(1);
        }
    }

    @Test
    void aFlippedByteInAManifestIsAnIntegrityFailure() throws Exception {
        try (FaultProxy proxy = new FaultProxy(registry.port())) {
            proxy.inject(l -> l.startsWith("GET /v2/t/debian/manifests/"), new FaultProxy.Flip(), 1);
            Cli.Result r = vouch("inspect", "--no-cache", proxy.host() + "/t/debian:bookworm");
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.errorLine())
                    .contains("manifest " + registry.skopeoDigest("t/debian:bookworm"))
                    .contains("served content with digest");
        }
    }

    @Test
    void schemaOneManifestsAreRefusedSayingWhy() throws Exception {
        try (FaultProxy proxy = new FaultProxy(registry.port())) {
            String digest = "sha256:" + "ab".repeat(32);
            proxy.inject(
                    l -> l.startsWith("HEAD /v2/t/old/manifests/1"),
                    new FaultProxy.Status(
                            200,
                            "Content-Type: application/vnd.docker.distribution.manifest.v1+prettyjws\r\n"
                                    + "Docker-Content-Digest: " + digest + "\r\n"),
                    1);
            Cli.Result r = vouch("inspect", proxy.host() + "/t/old:1");
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.errorLine())
                    .startsWith(
                            "vouch: manifest " + digest + " is Docker image manifest v2 schema 1, which vouch refuses")
                    .contains("deprecated");
        }
    }

    @Test
    void failuresSayWhatIsMissingOrUnreachable() throws Exception {
        Cli.Result tag = vouch("inspect", registry.host() + "/t/debian:nope");
        assertThat(tag.code()).isEqualTo(2);
        assertThat(tag.errorLine())
                .isEqualTo("vouch: tag nope not found in " + registry.host()
                        + "/t/debian (MANIFEST_UNKNOWN: manifest unknown)");
        int closed = TestRegistry.freePort();
        Cli.Result refused = vouch("inspect", "127.0.0.1:" + closed + "/t/debian:1");
        assertThat(refused.errorLine())
                .isEqualTo("vouch: connection to 127.0.0.1:" + closed + " refused (after 4 attempts)");
        Cli.Result dns = vouch("inspect", "no-such-host.invalid/t/debian:1");
        assertThat(dns.errorLine()).isEqualTo("vouch: cannot resolve registry host no-such-host.invalid (DNS)");
    }

    @Test
    void tagsAndCatalogFollowEveryPage() throws Exception {
        for (String t : List.of("a", "b", "c", "d", "e")) {
            registry.push("oci:" + Fixtures.dir().resolve("app") + ":1", "t/paged:" + t, false);
        }
        Cli.Result tags = vouch("tags", registry.host() + "/t/paged");
        assertThat(tags.out().lines().toList()).containsExactly("a", "b", "c", "d", "e");
        try (FaultProxy proxy = new FaultProxy(registry.port())) {
            RegistryOptions options = RegistryOptions.defaults(env());
            RegistryClient client = new RegistryClient(RegistryHost.of(proxy.host(), Set.of()), options, null);
            assertThat(client.tags("t/paged", 2)).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
            // distribution 2.8 pages the catalog (its tag list comes whole): Link headers followed to the end
            List<String> repos = client.catalog(1);
            assertThat(repos).contains("t/debian", "t/multi", "t/paged", "t/app");
            assertThat(proxy.requests().stream().filter(l -> l.contains("/_catalog")))
                    .hasSize(repos.size());
        }
        Cli.Result catalog = vouch("catalog", "--format", "json", registry.host());
        assertThat(catalog.json().toString()).contains("\"t/debian\"", "\"t/multi\"", "\"t/paged\"");
    }

    @Test
    void pinRewritesOnlyTheReferencesInDockerfilesManifestsAndComposeFiles() throws Exception {
        String debian = registry.host() + "/t/debian:bookworm";
        String multi = registry.host() + "/t/multi:1";
        Path dir = Files.createDirectories(home.resolve("repo"));
        Path dockerfile = dir.resolve("Dockerfile");
        String df = "# base\r\nFROM " + debian + " AS build\r\nFROM " + multi + "\r\nCOPY --from=build /x /x\r\n";
        Files.writeString(dockerfile, df);
        Path k8s = dir.resolve("deploy.yaml");
        String yaml = "kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n"
                + "          image: \"" + multi + "\" # pinned soon\n---\nkind: Job\nspec:\n  template:\n    spec:\n"
                + "      containers:\n      - image: " + debian + "\n";
        Files.writeString(k8s, yaml);
        Path compose = dir.resolve("compose.yml");
        String comp = "services:\n  web:\n    image: " + debian + "\n    ports: [\"80:80\"]\n";
        Files.writeString(compose, comp);

        Cli.Result before = vouch("pin", "--check", dockerfile.toString(), k8s.toString(), compose.toString());
        assertThat(before.code()).isEqualTo(1);
        assertThat(before.out().lines().toList())
                .containsExactly(
                        dockerfile + ":2: " + debian + " is not pinned by digest",
                        dockerfile + ":3: " + multi + " is not pinned by digest",
                        k8s + ":7: " + multi + " is not pinned by digest",
                        k8s + ":14: " + debian + " is not pinned by digest",
                        compose + ":3: " + debian + " is not pinned by digest");

        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "a: [unclosed\nimage: " + debian + "\n");
        Cli.Result refused = vouch("pin", dockerfile.toString(), broken.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.errorLine()).startsWith("vouch: " + broken + ": not valid YAML, left untouched: ");
        assertThat(Files.readString(dockerfile)).isEqualTo(df);

        Cli.Result pinned = vouch("pin", "--no-cache", dockerfile.toString(), k8s.toString(), compose.toString());
        assertThat(pinned.code()).as(pinned.err()).isZero();
        String debianPinned = debian + "@" + registry.skopeoDigest("t/debian:bookworm");
        String multiPinned = multi + "@" + registry.skopeoDigest("t/multi:1");
        assertThat(Files.readString(dockerfile))
                .isEqualTo(df.replace(debian, debianPinned).replace(multi, multiPinned));
        assertThat(Files.readString(k8s))
                .isEqualTo(yaml.replace(debian, debianPinned).replace(multi, multiPinned));
        assertThat(Files.readString(compose)).isEqualTo(comp.replace(debian, debianPinned));
        assertThat(vouch("pin", "--check", dockerfile.toString(), k8s.toString(), compose.toString())
                        .code())
                .isZero();
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("Dockerfile", "deploy.yaml", "compose.yml", "broken.yaml");
        }
    }

    @Test
    void referrersFallBackToTheTagSchemaOnARegistryWithoutTheApi() throws Exception {
        String subject = registry.skopeoDigest("t/app:1");
        Digest subjectDigest = Digest.parse(subject);
        String emptyConfig = "{}";
        HttpClient http = HttpClient.newHttpClient();
        // an artifact manifest that refers to the image, and the fallback index tagged sha256-HEX that lists it
        Digest configDigest = Digest.sha256(emptyConfig.getBytes());
        HttpResponse<Void> started = http.send(
                HttpRequest.newBuilder(URI.create("http://" + registry.host() + "/v2/t/app/blobs/uploads/"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        URI upload = URI.create("http://" + registry.host())
                .resolve(started.headers().firstValue("Location").orElseThrow());
        String sep = upload.getQuery() == null ? "?" : "&";
        HttpResponse<String> done = http.send(
                HttpRequest.newBuilder(URI.create(upload + sep + "digest=" + configDigest))
                        .PUT(HttpRequest.BodyPublishers.ofString(emptyConfig))
                        .header("Content-Type", "application/octet-stream")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(done.statusCode()).as(done.body()).isEqualTo(201);
        String artifact = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.example.sig.v1+json\",\"digest\":\"" + configDigest
                + "\",\"size\":2},\"layers\":[]}";
        Digest artifactDigest = Digest.sha256(artifact.getBytes());
        put(http, "t/app", artifactDigest.toString(), "application/vnd.oci.image.manifest.v1+json", artifact);
        String index = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{"
                + "\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + artifactDigest
                + "\",\"size\":" + artifact.length() + ",\"artifactType\":\"application/vnd.example.sig.v1+json\"}]}";
        put(http, "t/app", "sha256-" + subjectDigest.hex(), "application/vnd.oci.image.index.v1+json", index);

        RegistryClient client =
                new RegistryClient(RegistryHost.of(registry.host(), Set.of()), RegistryOptions.defaults(env()), null);
        ImageIndex found = client.referrers("t/app", subjectDigest);
        assertThat(found.manifests()).hasSize(1);
        assertThat(found.manifests().get(0).digest()).isEqualTo(artifactDigest);
        assertThat(found.manifests().get(0).artifactType()).isEqualTo("application/vnd.example.sig.v1+json");
        assertThat(client.referrers("t/debian", Digest.parse(registry.skopeoDigest("t/debian:bookworm")))
                        .manifests())
                .isEmpty();
    }

    private void put(HttpClient http, String repo, String ref, String type, String body) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create("http://" + registry.host() + "/v2/" + repo + "/manifests/" + ref))
                        .PUT(HttpRequest.BodyPublishers.ofString(body))
                        .header("Content-Type", type)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    @Test
    void aRedirectToStorageCarriesNoCredentials() throws Exception {
        try (TestRegistry basic = TestRegistry.basic(work.resolve("redirect"));
                FaultProxy proxy = new FaultProxy(basic.port())) {
            basic.push("oci:" + Fixtures.dir().resolve("debian") + ":bookworm", "t/debian:bookworm", false);
            Path blobs = Fixtures.dir().resolve("debian/blobs/sha256");
            HttpServer storage = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            AtomicReference<String> authSeen = new AtomicReference<>("(no request)");
            AtomicInteger served = new AtomicInteger();
            storage.createContext("/", ex -> {
                authSeen.set(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
                String path = ex.getRequestURI().getPath();
                String hex = path.substring(path.lastIndexOf(':') + 1);
                byte[] bytes = Files.readAllBytes(blobs.resolve(hex));
                ex.sendResponseHeaders(200, bytes.length);
                ex.getResponseBody().write(bytes);
                served.incrementAndGet();
                ex.close();
            });
            storage.start();
            try {
                proxy.inject(
                        l -> l.startsWith("GET /v2/t/debian/blobs/" + debianLayer),
                        new FaultProxy.Redirect(
                                "http://127.0.0.1:" + storage.getAddress().getPort()),
                        1);
                Cli.Result r = Cli.runIn(
                        env(),
                        TestRegistry.PASSWORD + "\n",
                        "layers",
                        "--username",
                        TestRegistry.USER,
                        "--password-stdin",
                        proxy.host() + "/t/debian:bookworm");
                assertThat(r.code()).as(r.err()).isZero();
                assertThat(served.get()).isEqualTo(1);
                assertThat(authSeen.get()).isEqualTo("null");
            } finally {
                storage.stop(0);
            }
        }
    }
}
