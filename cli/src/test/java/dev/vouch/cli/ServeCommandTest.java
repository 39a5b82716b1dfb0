package dev.vouch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vouch serve} end to end: its own process, a real registry (docker-registry) sending real notifications, real
 * checks of real images, HTTPS admission with AdmissionReview JSON shaped as the API server sends it, SQLite and a real
 * PostgreSQL shared by two replicas, one of them killed with SIGKILL.
 */
class ServeCommandTest {
    static final String SECRET = "notify-6f1c2e";

    @TempDir
    Path dir;

    static JsonNode json(String s) {
        return dev.vouch.io.Json.tree(s.getBytes(StandardCharsets.UTF_8), "response");
    }

    static HttpResponse<String> get(HttpClient c, URI base, String path) throws Exception {
        return c.send(
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(HttpClient c, URI base, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return c.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits for a stored result; returns the seconds it took. */
    static double awaitReport(HttpClient c, URI base, String digest, int seconds) throws Exception {
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < seconds * 1_000_000_000L) {
            if (get(c, base, "/api/images/" + digest).statusCode() == 200) {
                return (System.nanoTime() - t0) / 1e9;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no report for " + digest + " after " + seconds + " s: "
                + get(c, base, "/api/images/" + digest).body());
    }

    /** An AdmissionReview as the API server sends it: the request's kind and resource are the object's. */
    static String review(String uid, String namespace, String object) {
        JsonNode o = json(object);
        String[] gv = o.path("apiVersion").asText().split("/");
        String group = gv.length == 2 ? gv[0] : "";
        String version = gv[gv.length - 1];
        String kind = o.path("kind").asText();
        String gvk = "{\"group\":\"" + group + "\",\"version\":\"" + version + "\"";
        return "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"" + uid
                + "\",\"kind\":" + gvk + ",\"kind\":\"" + kind + "\"},\"resource\":" + gvk + ",\"resource\":\""
                + kind.toLowerCase(java.util.Locale.ROOT) + "s\"},\"namespace\":\"" + namespace
                + "\",\"operation\":\"CREATE\","
                + "\"userInfo\":{\"username\":\"system:serviceaccount:kube-system:replicaset-controller\"},"
                + "\"object\":" + object + ",\"oldObject\":null,\"dryRun\":false}}";
    }

    static final String HARDENED = "\"securityContext\":{\"runAsNonRoot\":true,\"allowPrivilegeEscalation\":false,"
            + "\"readOnlyRootFilesystem\":true,\"capabilities\":{\"drop\":[\"ALL\"]}},\"resources\":{\"limits\":"
            + "{\"cpu\":\"500m\",\"memory\":\"128Mi\"}}";

    static String pod(String image) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"web-7d4b9\",\"namespace\":\"prod\","
                + "\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"" + image
                + "\",\"ports\":[{\"containerPort\":8080}]," + HARDENED + "}],\"restartPolicy\":\"Always\"}}";
    }

    static String deployment(String image) {
        return "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"api\"},\"spec\":"
                + "{\"replicas\":3,\"selector\":{\"matchLabels\":{\"app\":\"api\"}},\"template\":{\"metadata\":"
                + "{\"labels\":{\"app\":\"api\"}},\"spec\":{\"initContainers\":[{\"name\":\"init\",\"image\":\"" + image
                + "\"," + HARDENED + "}],\"containers\":[{\"name\":\"api\",\"image\":\"" + image + "\"," + HARDENED
                + "}]}}}}";
    }

    static String cronJob(String image) {
        return "{\"apiVersion\":\"batch/v1\",\"kind\":\"CronJob\",\"metadata\":{\"name\":\"nightly\"},\"spec\":"
                + "{\"schedule\":\"0 3 * * *\",\"jobTemplate\":{\"spec\":{\"template\":{\"spec\":{\"restartPolicy\":"
                + "\"OnFailure\",\"containers\":[{\"name\":\"job\",\"image\":\"" + image + "\"," + HARDENED
                + "}]}}}}}}";
    }

    /** A small non-root image without secrets: baseline passes it (with a vulnerability database). */
    Path goodImage(String name, int n) throws Exception {
        byte[] tar = new Crafted.Tar()
                .dir("app")
                .file("app/hello.txt", "hello " + n + "\n")
                .bytes();
        Path layout = dir.resolve(name);
        Crafted.layout(layout, List.of(Crafted.LayerBlob.gzipped(tar)), 0, c -> {
            ((ObjectNode) c.path("config")).put("User", "10001");
            ((ObjectNode) c.path("config")).putObject("Labels").put("n", String.valueOf(n));
        });
        return layout;
    }

    HttpClient trusting(TestPki.Issued ca) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("ca", ca.cert());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder()
                .sslContext(ssl)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    static X509Certificate served(SSLContext ssl, int port) throws Exception {
        try (SSLSocket s = (SSLSocket) ssl.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.startHandshake();
            return (X509Certificate) s.getSession().getPeerCertificates()[0];
        }
    }

    @Test
    void admissionOverHttpsJudgesRegistryImagesPushedAndNot() throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home);
        TestPki.Issued ca = TestPki.ca("vouch test CA");
        TestPki.Issued cert = TestPki.server(ca);
        TestPki.writePem(dir.resolve("tls.crt"), cert.cert());
        TestPki.writePem(dir.resolve("tls.key"), cert.keys().getPrivate());
        Files.writeString(dir.resolve("notify.token"), SECRET + "\n");
        Files.writeString(
                dir.resolve("admission.yaml"),
                "rules:\n  - namespaces: [kube-system]\n    policy: allow\n  - namespaces: [\"dev-*\"]\n    mode: warn\n");
        assertThat(Cli.run("db", "import", "--db", dir.resolve("osv.sqlite").toString(), "../examples/demo-src/osv")
                        .code())
                .isZero();
        int httpPort = TestRegistry.freePort();
        int httpsPort = TestRegistry.freePort();
        try (TestRegistry reg = TestRegistry.notifying(
                        dir.resolve("reg"), SECRET, List.of("http://127.0.0.1:" + httpPort + "/events"));
                ServeProcess serve = ServeProcess.start(
                        home,
                        dir.resolve("serve.log"),
                        "--https",
                        "127.0.0.1:" + httpsPort,
                        "--tls-cert",
                        dir.resolve("tls.crt").toString(),
                        "--tls-key",
                        dir.resolve("tls.key").toString(),
                        "--tls-reload",
                        "200ms",
                        "--http",
                        "127.0.0.1:" + httpPort,
                        "--db",
                        dir.resolve("server.sqlite").toString(),
                        "--vuln-db",
                        dir.resolve("osv.sqlite").toString(),
                        "--notify-token-file",
                        dir.resolve("notify.token").toString(),
                        "--admission-config",
                        dir.resolve("admission.yaml").toString(),
                        "--timeout",
                        "30s",
                        "--poll",
                        "100ms")) {
            URI https = serve.addresses.get(0);
            URI http = serve.addresses.get(1);
            assertThat(https.toString()).isEqualTo("https://127.0.0.1:" + httpsPort);
            HttpClient c = trusting(ca);
            HttpClient plain = HttpClient.newHttpClient();

            // pushed: the registry's notification queues a check; the report is there within seconds
            reg.push("oci:../examples/demo", "demo:1", false);
            String demo = reg.skopeoDigest("demo:1");
            double seconds = awaitReport(plain, http, demo, 60);
            System.out.printf("serve: report of a pushed image via the API after %.1f s%n", seconds);
            JsonNode report = json(get(plain, http, "/api/images/" + demo).body());
            assertThat(report.path("digest").asText()).isEqualTo(demo);
            assertThat(report.path("verdict").asText()).isEqualTo("fail");
            assertThat(get(plain, http, "/api/images/" + demo + "/sbom").body()).contains("busybox-static");
            assertThat(get(plain, http, "/api/images/" + demo + "/report.html").body())
                    .contains("<!DOCTYPE html>");
            JsonNode list = json(get(plain, http, "/api/images?repository=" + reg.host() + "/demo")
                    .body());
            assertThat(list.path("images").get(0).path("digest").asText()).isEqualTo(demo);
            assertThat(json(get(plain, http, "/api/images?repository=" + reg.host() + "/other")
                                    .body())
                            .path("images"))
                    .isEmpty();
            assertThat(get(plain, http, "/").body())
                    .contains(demo.substring(0, 19))
                    .contains(">fail<");
            // the notification endpoint wants the registry's secret
            assertThat(post(plain, http, "/events", "{\"events\":[]}", "wrong").statusCode())
                    .isEqualTo(401);

            // a Deployment of the pushed image: denied, naming the image and the failed rules
            JsonNode denied = json(post(
                                    c,
                                    https,
                                    "/validate",
                                    review("d-1", "prod", deployment(reg.host() + "/demo:1")),
                                    null)
                            .body())
                    .path("response");
            assertThat(denied.path("uid").asText()).isEqualTo("d-1");
            assertThat(denied.path("allowed").asBoolean()).isFalse();
            assertThat(denied.at("/status/message").asText())
                    .contains("image " + reg.host() + "/demo:1 (" + demo.substring(0, 19) + ") in container init")
                    .contains("in container api")
                    .contains("policy baseline denies: no-fixable-critical-vulnerabilities")
                    .contains("no-secrets")
                    .contains("not-root");

            // a Pod of an image never pushed through notifications (pushed before vouch listened: checked now)
            Path good = goodImage("good", 1);
            reg.push("oci:" + good, "good:1.0", false);
            String goodDigest = reg.skopeoDigest("good:1.0");
            String podJson = pod(reg.host() + "/good:1.0");
            JsonNode admitted = json(post(c, https, "/mutate", review("p-1", "prod", podJson), null)
                            .body())
                    .path("response");
            assertThat(admitted.path("allowed").asBoolean()).isTrue();
            assertThat(admitted.has("warnings")).isFalse();
            JsonNode ops = json(
                    new String(Base64.getDecoder().decode(admitted.path("patch").asText()), StandardCharsets.UTF_8));
            assertThat(ops.toString())
                    .isEqualTo("[{\"op\":\"replace\",\"path\":\"/spec/containers/0/image\",\"value\":\"" + reg.host()
                            + "/good@" + goodDigest + "\"}]");
            // applied by Kubernetes' own JSON Patch code: only the image changed, pinned to what skopeo pushed
            JsonNode patched = json(Kubectl.patch(dir, podJson, ops.toString()));
            assertThat(patched.at("/spec/containers/0/image").asText()).isEqualTo(reg.host() + "/good@" + goodDigest);
            ((ObjectNode) patched.at("/spec/containers/0")).put("image", reg.host() + "/good:1.0");
            assertThat(patched).isEqualTo(json(podJson));
            ((ObjectNode) patched.at("/spec/containers/0")).put("image", reg.host() + "/good@" + goodDigest);
            // the pinned Pod comes back to the validating webhook: allowed from the cache
            assertThat(json(post(c, https, "/validate", review("p-2", "prod", patched.toString()), null)
                                    .body())
                            .at("/response/allowed")
                            .asBoolean())
                    .isTrue();

            // a CronJob of the failing image in a warn namespace: admitted, with what would have been denied
            JsonNode warned = json(post(
                                    c,
                                    https,
                                    "/mutate",
                                    review("c-1", "dev-team", cronJob(reg.host() + "/demo:1")),
                                    null)
                            .body())
                    .path("response");
            assertThat(warned.path("allowed").asBoolean()).isTrue();
            assertThat(warned.path("warnings").get(0).asText())
                    .startsWith("would deny image " + reg.host() + "/demo:1 (" + demo.substring(0, 19)
                            + ") in container job");
            JsonNode cronOps = json(
                    new String(Base64.getDecoder().decode(warned.path("patch").asText()), StandardCharsets.UTF_8));
            assertThat(cronOps.get(0).path("path").asText())
                    .isEqualTo("/spec/jobTemplate/spec/template/spec/containers/0/image");
            assertThat(json(Kubectl.patch(dir, cronJob(reg.host() + "/demo:1"), cronOps.toString()))
                            .at("/spec/jobTemplate/spec/template/spec/containers/0/image")
                            .asText())
                    .isEqualTo(reg.host() + "/demo@" + demo);
            // kube-system is not judged; an unreachable registry is denied (fail closed)
            assertThat(json(post(c, https, "/validate", review("k-1", "kube-system", pod("127.0.0.1:1/x:1")), null)
                                    .body())
                            .at("/response/allowed")
                            .asBoolean())
                    .isTrue();
            JsonNode unreachable = json(post(c, https, "/validate", review("u-1", "prod", pod("127.0.0.1:1/x:1")), null)
                            .body())
                    .path("response");
            assertThat(unreachable.path("allowed").asBoolean()).isFalse();
            assertThat(unreachable.at("/status/message").asText())
                    .startsWith(
                            "vouch: image 127.0.0.1:1/x:1 in container web could not be judged: could not resolve its digest")
                    .endsWith("(failure policy: closed)");
            // not a review: a one-line error
            HttpResponse<String> bad = post(c, https, "/validate", "{\"kind\":\"Pod\"}", null);
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("not an admission.k8s.io/v1 AdmissionReview");

            String metrics = get(plain, http, "/metrics").body();
            assertThat(metrics)
                    .contains("vouch_admission_requests_total{decision=\"denied\"} 2")
                    .contains("vouch_admission_cache_total{result=\"hit\"}")
                    .containsPattern(
                            "vouch_checks_total\\{result=\"ok\"\\} [23]\n") // good: by admission, maybe by its push too
                    .contains("vouch_queue_jobs{state=\"failed\"} 0");
            assertThat(json(get(plain, http, "/api/healthz").body())
                            .path("status")
                            .asText())
                    .isEqualTo("ok");

            // the certificate is replaced on disk: new connections get the new one, no restart
            SSLContext ssl = SSLContext.getInstance("TLS");
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("ca", ca.cert());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            ssl.init(null, tmf.getTrustManagers(), null);
            assertThat(served(ssl, httpsPort).getSerialNumber())
                    .isEqualTo(cert.cert().getSerialNumber());
            TestPki.Issued next = TestPki.server(ca);
            TestPki.writePem(dir.resolve("tls.key.new"), next.keys().getPrivate());
            TestPki.writePem(dir.resolve("tls.crt.new"), next.cert());
            Files.move(
                    dir.resolve("tls.key.new"),
                    dir.resolve("tls.key"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.move(
                    dir.resolve("tls.crt.new"),
                    dir.resolve("tls.crt"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!served(ssl, httpsPort).getSerialNumber().equals(next.cert().getSerialNumber())) {
                assertThat(System.nanoTime()).as("new certificate served").isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }

    @Test
    void newAdvisoriesChangeStoredVerdictsWithoutReadingTheImageAgain() throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home);
        Files.writeString(dir.resolve("api.token"), "api-token-1\n");
        Files.writeString(
                dir.resolve("vulns.yaml"),
                "name: vulns only\nrules:\n  - id: no-fixable-critical\n    severity: deny\n    message: a fixable critical vulnerability ships\n"
                        + "    expr: report.vulnerabilities.all(v, v.severity != \"critical\" || !v.fixAvailable)\n");
        List<String> told = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", x -> {
            told.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        receiver.start();
        Path osv = dir.resolve("osv.sqlite");
        try (TestRegistry reg = TestRegistry.open(dir.resolve("reg"));
                ServeProcess serve = ServeProcess.start(
                        home,
                        dir.resolve("serve.log"),
                        "--http",
                        "127.0.0.1:0",
                        "--db",
                        dir.resolve("server.sqlite").toString(),
                        "--vuln-db",
                        osv.toString(),
                        "--policy",
                        dir.resolve("vulns.yaml").toString(),
                        "--api-token-file",
                        dir.resolve("api.token").toString(),
                        "--verdict-webhook",
                        "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                        "--rematch-interval",
                        "300ms",
                        "--poll",
                        "100ms")) {
            URI http = serve.addresses.get(0);
            HttpClient c = HttpClient.newHttpClient();
            reg.push("oci:../examples/demo", "demo:1", false);
            String demo = reg.skopeoDigest("demo:1");
            assertThat(post(c, http, "/api/check", "{\"image\":\"" + reg.host() + "/demo:1\"}", null)
                            .statusCode())
                    .isEqualTo(401);
            HttpResponse<String> queued =
                    post(c, http, "/api/check", "{\"image\":\"" + reg.host() + "/demo:1\"}", "api-token-1");
            assertThat(queued.statusCode()).isEqualTo(202);
            assertThat(json(queued.body()).path("digest").asText()).isEqualTo(demo);
            awaitReport(c, http, demo, 60);
            JsonNode before = json(get(c, http, "/api/images/" + demo).body());
            assertThat(before.path("verdict").asText()).isEqualTo("pass");
            assertThat(before.path("facts").path("vulnerabilitiesChecked").asBoolean())
                    .isFalse();
            String pageBefore =
                    get(c, http, "/api/images/" + demo + "/report.html").body();
            assertThat(pageBefore).contains("Verdict: pass (").doesNotContain("DEMO-2026-0001");

            // vouch db import into the server's database: the stored SBOM is matched again, the verdict changes
            Cli.Result imported = Cli.run("db", "import", "--db", osv.toString(), "../examples/demo-src/osv");
            assertThat(imported.code()).as(imported.err()).isZero();
            long deadline = System.nanoTime() + 30_000_000_000L;
            JsonNode after = before;
            while (after.path("verdict").asText().equals("pass") && System.nanoTime() < deadline) {
                Thread.sleep(200);
                after = json(get(c, http, "/api/images/" + demo).body());
            }
            assertThat(after.path("verdict").asText()).isEqualTo("fail");
            assertThat(after.path("facts")
                            .path("vulnerabilities")
                            .get(0)
                            .path("id")
                            .asText())
                    .isEqualTo("DEMO-2026-0001");
            assertThat(after.path("contents").path("findings").toString())
                    .contains(
                            "busybox-static 1:1.35.0-4+deb12u1+b1 is affected; fixed in 1:1.35.0-4+deb12u2 (layer 0)");
            // the HTML report is rendered again: new verdict, the new vulnerability, the layers and packages kept
            String pageAfter =
                    get(c, http, "/api/images/" + demo + "/report.html").body();
            assertThat(pageAfter)
                    .contains("Verdict: fail (")
                    .contains("DEMO-2026-0001")
                    .contains("busybox-static");
            assertThat(layerRows(pageAfter)).isEqualTo(layerRows(pageBefore)).isNotEmpty();
            JsonNode changes = json(get(c, http, "/api/images/" + demo + "/changes")
                            .body())
                    .path("changes");
            assertThat(changes).hasSize(1);
            assertThat(changes.get(0).path("oldVerdict").asText()).isEqualTo("pass");
            assertThat(changes.get(0).path("newVerdict").asText()).isEqualTo("fail");
            while (told.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            JsonNode message = json(told.get(0));
            assertThat(message.path("digest").asText()).isEqualTo(demo);
            assertThat(message.path("oldVerdict").asText() + "->"
                            + message.path("newVerdict").asText())
                    .isEqualTo("pass->fail");
            // the image was read once: one check, one rematch
            String metrics = get(c, http, "/metrics").body();
            assertThat(metrics)
                    .contains("vouch_checks_total{result=\"ok\"} 1")
                    .contains("vouch_verdict_changes_total{to=\"fail\"} 1");
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void twoReplicasOnPostgresShareFiftyPushesAndSurviveASigkill() throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home);
        Files.writeString(dir.resolve("notify.token"), SECRET + "\n");
        int portA = TestRegistry.freePort();
        int portB = TestRegistry.freePort();
        try (TestPostgres pg = TestPostgres.start();
                TestRegistry reg = TestRegistry.notifying(
                        dir.resolve("reg"),
                        SECRET,
                        List.of("http://127.0.0.1:" + portA + "/events", "http://127.0.0.1:" + portB + "/events"))) {
            // 50 different images (one shared layer, configs that differ), pushed straight to the registry while
            // no replica listens: the registry keeps each notification and delivers it when the replicas are up, so
            // a queue of 50 is there at once and both replicas are busy when A is killed
            byte[] tar = new Crafted.Tar()
                    .dir("app")
                    .file("app/hello.txt", "hello\n")
                    .bytes();
            byte[] layer = Crafted.gzip(tar);
            String layerDigest = reg.putBlob("load/app", layer);
            Set<String> pushed = new HashSet<>();
            for (int i = 0; i < 50; i++) {
                String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"User\":\"10001\","
                        + "\"Labels\":{\"n\":\"" + i + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                        + Crafted.sha256(tar) + "\"]}}";
                byte[] cfg = config.getBytes(StandardCharsets.UTF_8);
                String cfgDigest = reg.putBlob("load/app", cfg);
                byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                                + cfgDigest + "\",\"size\":" + cfg.length + "},\"layers\":[{\"mediaType\":"
                                + "\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + layerDigest
                                + "\",\"size\":" + layer.length + "}]}")
                        .getBytes(StandardCharsets.UTF_8);
                reg.putManifest("load/app", "v" + i, "application/vnd.oci.image.manifest.v1+json", manifest);
                pushed.add(Crafted.sha256(manifest));
            }
            // both replicas start together (their migrations of the empty database race), then share the queue
            try (ServeProcess replicaA = replica(home, "a", portA, pg, "--lease", "3s");
                    ServeProcess replicaB = replica(home, "b", portB, pg, "--lease", "3s");
                    Connection db = DriverManager.getConnection(pg.jdbc())) {
                replicaA.awaitListening();
                replicaB.awaitListening();
                // once both have stored results, freeze A; if it holds jobs, kill it with SIGKILL (else thaw and look
                // again)
                long deadline = System.nanoTime() + 120_000_000_000L;
                List<String> orphaned = List.of();
                int storedAtKill = 0;
                while (orphaned.isEmpty()) {
                    String queue = strings(
                                    db,
                                    "SELECT state || ' ' || COALESCE(owner, '-') || ' ' || COUNT(*) FROM jobs"
                                            + " GROUP BY state, owner ORDER BY 1")
                            .toString();
                    assertThat(System.nanoTime())
                            .as("replica A busy; queue " + queue + "\nA: " + replicaA.log() + "\nB: " + replicaB.log())
                            .isLessThan(deadline);
                    assertThat(count(db, "SELECT COUNT(*) FROM jobs WHERE state = 'done'"))
                            .as("A was never seen holding a job before the queue ran dry; queue " + queue)
                            .isLessThan(50);
                    if (count(db, "SELECT COUNT(*) FROM images") >= 10
                            && count(db, "SELECT COUNT(*) FROM images WHERE checked_by = 'replica-a'") >= 2
                            && count(db, "SELECT COUNT(*) FROM images WHERE checked_by = 'replica-b'") >= 2) {
                        replicaA.freeze(true);
                        orphaned =
                                strings(db, "SELECT subject FROM jobs WHERE state = 'running' AND owner = 'replica-a'");
                        if (orphaned.isEmpty()) {
                            replicaA.freeze(false);
                        } else {
                            replicaA.kill();
                            // a commit A sent just before it froze may land after the look: once PostgreSQL has
                            // seen A's connections close (well within the lease), what A still holds is orphaned
                            Thread.sleep(500);
                            orphaned = strings(
                                    db, "SELECT subject FROM jobs WHERE state = 'running' AND owner = 'replica-a'");
                            storedAtKill = count(db, "SELECT COUNT(*) FROM images");
                            assertThat(orphaned)
                                    .as("jobs replica A held when it was killed")
                                    .isNotEmpty();
                        }
                    }
                    Thread.sleep(20);
                }
                while (count(db, "SELECT COUNT(*) FROM jobs WHERE state = 'done'") < 50) {
                    assertThat(System.nanoTime())
                            .as("all 50 done: " + replicaB.log())
                            .isLessThan(deadline);
                    Thread.sleep(100);
                }
                assertThat(replicaB.alive()).isTrue();
                assertThat(new HashSet<>(strings(db, "SELECT digest FROM images")))
                        .isEqualTo(pushed);
                assertThat(count(db, "SELECT COUNT(*) FROM images")).isEqualTo(50);
                assertThat(count(db, "SELECT COUNT(*) FROM jobs")).isEqualTo(50);
                assertThat(strings(db, "SELECT DISTINCT state FROM jobs")).containsExactly("done");
                for (String d : orphaned) {
                    assertThat(strings(
                                    db,
                                    "SELECT checked_by || ' ' || attempts FROM images JOIN jobs ON subject = digest"
                                            + " WHERE digest = '" + d + "'"))
                            .containsExactly("replica-b 2");
                }
                int byA = count(db, "SELECT COUNT(*) FROM images WHERE checked_by = 'replica-a'");
                System.out.printf(
                        "serve: 50 pushes, replica A killed after %d results holding %d job(s); A stored %d, B %d%n",
                        storedAtKill, orphaned.size(), byA, 50 - byA);
                assertThat(byA).isPositive().isLessThan(50);
            }
        }
    }

    @Test
    void twoReplicasReadEachSharedLayerOnceAndStoreItsResultsInPostgres() throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home);
        Files.writeString(dir.resolve("notify.token"), SECRET + "\n");
        int portA = TestRegistry.freePort();
        int portB = TestRegistry.freePort();
        try (TestPostgres pg = TestPostgres.start();
                TestRegistry reg = TestRegistry.notifying(
                        dir.resolve("reg"),
                        SECRET,
                        List.of("http://127.0.0.1:" + portA + "/events", "http://127.0.0.1:" + portB + "/events"))) {
            // ten images on the fixtures' Debian base (one 63 MB layer), each adding a small layer of its own
            JsonNode base = Fleet.baseLayer(Fixtures.dir().resolve("debian"));
            reg.push("oci:" + Fixtures.dir().resolve("debian") + ":bookworm", "fleet/base:1", false);
            Set<String> pushed = Fleet.pushImages(reg, "fleet/app", base, 10);
            try (ServeProcess replicaA = replica(home, "a", portA, pg);
                    ServeProcess replicaB = replica(home, "b", portB, pg);
                    Connection db = DriverManager.getConnection(pg.jdbc())) {
                replicaA.awaitListening();
                replicaB.awaitListening();
                long deadline = System.nanoTime() + 180_000_000_000L;
                while (count(db, "SELECT COUNT(*) FROM images") < pushed.size() + 1) {
                    assertThat(System.nanoTime())
                            .as("all checked:\nA: " + replicaA.log() + "\nB: " + replicaB.log())
                            .isLessThan(deadline);
                    Thread.sleep(200);
                }
                // eleven distinct layers (the base and ten of their own) among twenty-one needed: each read once
                assertThat(count(db, "SELECT COUNT(*) FROM layer_results")).isEqualTo(11);
                assertThat(strings(db, "SELECT COUNT(*) FROM layer_claims")).containsExactly("0");
                HttpClient c = HttpClient.newHttpClient();
                long read = 0;
                long stored = 0;
                StringBuilder all = new StringBuilder();
                for (ServeProcess r : List.of(replicaA, replicaB)) {
                    String metrics = get(c, r.addresses.get(0), "/metrics").body();
                    all.append(metrics);
                    read += Fleet.metric(metrics, "vouch_layers_total{from=\"read\"}");
                    stored += Fleet.metric(metrics, "vouch_layers_total{from=\"stored\"}");
                }
                assertThat(read).as("layers read").isEqualTo(11);
                assertThat(stored).as("layers restored " + all).isEqualTo(10);
                // the check that won the claim on the Debian layer read it (the base's or an application's, whichever
                // came first); each of the ten others says it did not read that layer again
                List<String> reports = strings(db, "SELECT report FROM images");
                assertThat(reports).hasSize(11);
                assertThat(reports.stream()
                                .map(r -> json(r).path("identity").path("facts").toString())
                                .filter(f -> f.contains("layer(s) 0 not read again")))
                        .hasSize(10);
            }
        }
    }

    @Test
    void aStoppedReplicaGivesItsUnfinishedCheckBackForTheNextReplicaAtOnce() throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home);
        Files.writeString(dir.resolve("notify.token"), SECRET + "\n");
        String db = dir.resolve("server.sqlite").toString();
        // a registry that accepts connections and never answers: a check of an image there runs until stopped
        try (java.net.ServerSocket tarpit =
                new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            List<java.net.Socket> held = java.util.Collections.synchronizedList(new ArrayList<>());
            Thread accept = new Thread(() -> {
                try {
                    while (true) {
                        held.add(tarpit.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            accept.setDaemon(true);
            accept.start();
            String host = "127.0.0.1:" + tarpit.getLocalPort();
            String first = "sha256:" + "1".repeat(64);
            String second = "sha256:" + "2".repeat(64);
            List<String> common = List.of(
                    "--http",
                    "127.0.0.1:0",
                    "--db",
                    db,
                    "--notify-token-file",
                    dir.resolve("notify.token").toString(),
                    "--workers",
                    "1",
                    "--lease",
                    "10m",
                    "--poll",
                    "100ms",
                    "--shutdown-grace",
                    "1s");
            List<String> a = new ArrayList<>(common);
            a.addAll(List.of("--replica-name", "replica-a"));
            ServeProcess replicaA = ServeProcess.start(home, dir.resolve("a.log"), a.toArray(String[]::new));
            URI http = replicaA.addresses.get(0);
            HttpClient c = HttpClient.newHttpClient();
            String envelope = "{\"events\":[" + pushEvent(host, "slow/app", first) + ","
                    + pushEvent(host, "slow/app", second) + "]}";
            HttpResponse<String> sent = c.send(
                    HttpRequest.newBuilder(http.resolve("/events"))
                            .header("Authorization", "Bearer " + SECRET)
                            .header("Content-Type", "application/vnd.docker.distribution.events.v1+json")
                            .POST(HttpRequest.BodyPublishers.ofString(envelope))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
            try (Connection q = DriverManager.getConnection("jdbc:sqlite:" + db)) {
                String running = "SELECT COUNT(*) FROM jobs WHERE subject = '" + first
                        + "' AND state = 'running' AND owner = '%s' AND attempts = 1";
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (count(q, running.formatted("replica-a")) == 0) {
                    assertThat(System.nanoTime())
                            .as("replica A checks " + first)
                            .isLessThan(deadline);
                    Thread.sleep(50);
                }

                // SIGTERM: the check cannot finish within the grace, so it goes back to the queue, uncounted
                long t0 = System.nanoTime();
                assertThat(replicaA.terminate(30)).isEqualTo(143);
                double stopSeconds = (System.nanoTime() - t0) / 1e9;
                assertThat(stopSeconds).isLessThan(10);
                assertThat(strings(q, "SELECT subject || ' ' || state || ' ' || attempts FROM jobs ORDER BY subject"))
                        .containsExactly(first + " queued 0", second + " queued 0");
                assertThat(replicaA.log()).contains("vouch serve: stopped; gave back 1 unfinished job(s) to the queue");

                // the next replica takes it at once, as its first attempt, not when the ten-minute lease would end
                List<String> b = new ArrayList<>(common);
                b.addAll(List.of("--replica-name", "replica-b"));
                t0 = System.nanoTime();
                try (ServeProcess replicaB = ServeProcess.start(home, dir.resolve("b.log"), b.toArray(String[]::new))) {
                    while (count(q, running.formatted("replica-b")) == 0) {
                        assertThat(System.nanoTime())
                                .as("replica B takes " + first)
                                .isLessThan(deadline);
                        Thread.sleep(50);
                    }
                    System.out.printf(
                            "serve: SIGTERM to exit %.1f s; the check given back was taken by the next replica %.1f s"
                                    + " after it started%n",
                            stopSeconds, (System.nanoTime() - t0) / 1e9);
                }
            } finally {
                replicaA.close();
                synchronized (held) {
                    for (java.net.Socket s : held) {
                        s.close();
                    }
                }
            }
        }
    }

    /** A manifest push as distribution's notification describes it. */
    static String pushEvent(String host, String repository, String digest) {
        return "{\"id\":\"" + digest.substring(7, 15) + "\",\"timestamp\":\"2026-11-23T10:00:00Z\",\"action\":\"push\","
                + "\"target\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"size\":528,\"digest\":\""
                + digest + "\",\"length\":528,\"repository\":\"" + repository + "\",\"url\":\"http://" + host + "/v2/"
                + repository + "/manifests/" + digest + "\",\"tag\":\"1\"},\"request\":{\"id\":\"r1\",\"addr\":"
                + "\"127.0.0.1:40000\",\"host\":\"" + host + "\",\"method\":\"PUT\",\"useragent\":\"skopeo\"}}";
    }

    @Test
    void badSettingsAreOneLineErrorsBeforeAnythingStarts() throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), "rules:\n  - namespace: [x]\n");
        Files.writeString(dir.resolve("not.pem"), "not a certificate");
        String db = dir.resolve("s.sqlite").toString();
        record Case(String error, String... args) {}
        for (Case c : List.of(
                new Case(
                        "vouch: give --https HOST:PORT (with --tls-cert and --tls-key), --http HOST:PORT, or both",
                        "--db",
                        db),
                new Case(
                        "vouch: --https needs --tls-cert FILE and --tls-key FILE",
                        "--https",
                        "127.0.0.1:0",
                        "--db",
                        db),
                new Case(
                        "vouch: " + dir.resolve("bad.yaml") + ": rules[0]: unknown key namespace (known: ",
                        "--http",
                        "127.0.0.1:0",
                        "--db",
                        db,
                        "--admission-config",
                        dir.resolve("bad.yaml").toString()),
                new Case(
                        "vouch: " + dir.resolve("not.pem") + ", " + dir.resolve("not.pem")
                                + ": not a readable certificate",
                        "--https",
                        "127.0.0.1:0",
                        "--tls-cert",
                        dir.resolve("not.pem").toString(),
                        "--tls-key",
                        dir.resolve("not.pem").toString(),
                        "--db",
                        db),
                new Case(
                        "vouch: --db: give postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE",
                        "--http",
                        "127.0.0.1:0",
                        "--db",
                        "postgresql://x"),
                new Case(
                        "vouch: --layer-ttl: give a duration of at least 1s",
                        "--http",
                        "127.0.0.1:0",
                        "--layer-ttl",
                        "0s"),
                new Case(
                        "vouch: --failure-policy: maybe is not one of [closed, open]",
                        "--http",
                        "127.0.0.1:0",
                        "--failure-policy",
                        "maybe"),
                new Case(
                        "vouch: nope: no such file (built-in policies: baseline, strict)",
                        "--http",
                        "127.0.0.1:0",
                        "--db",
                        db,
                        "--policy",
                        "nope"))) {
            List<String> args = new ArrayList<>(List.of("serve"));
            args.addAll(List.of(c.args()));
            Cli.Result r = Cli.runIn(Cli.freshUser(dir), "", args.toArray(String[]::new));
            assertThat(r.code()).as(r.err()).isEqualTo(2);
            assertThat(r.err()).startsWith(c.error()).doesNotContain("\tat ");
            assertThat(r.err().strip().lines()).hasSize(1);
        }
    }

    /** The HTML report's rows of its layers table. */
    static List<String> layerRows(String html) {
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("<tr data-layer=.*?</tr>").matcher(html);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** A replica of vouch serve on this PostgreSQL, listening for the registry's notifications on this port. */
    ServeProcess replica(Path home, String name, int port, TestPostgres pg, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--http",
                "127.0.0.1:" + port,
                "--replica-name",
                "replica-" + name,
                "--db",
                pg.url(),
                "--vuln-db",
                dir.resolve("none.sqlite").toString(),
                "--notify-token-file",
                dir.resolve("notify.token").toString(),
                "--workers",
                "2",
                "--poll",
                "100ms"));
        args.addAll(List.of(more));
        return ServeProcess.launch(home, dir.resolve(name + ".log"), args.toArray(String[]::new));
    }

    static int count(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static List<String> strings(Connection db, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
