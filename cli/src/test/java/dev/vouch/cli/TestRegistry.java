package dev.vouch.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * A real registry for tests: Debian's {@code docker-registry} (distribution 2.8) on 127.0.0.1, a free port and
 * temporary storage, open, with htpasswd Basic auth, with TLS, or trusting a test token issuer. Images are pushed
 * with {@code skopeo copy}.
 */
final class TestRegistry implements AutoCloseable {
    static final String USER = "tester";
    static final String PASSWORD = "s3cret-Pa55word";

    private final Process process;
    private final int port;
    private final List<String> skopeoAuth;
    private final Path dir;

    private TestRegistry(Process process, int port, List<String> skopeoAuth, Path dir) {
        this.process = process;
        this.port = port;
        this.skopeoAuth = skopeoAuth;
        this.dir = dir;
    }

    static TestRegistry open(Path dir) throws Exception {
        return start(dir, "", List.of("--dest-tls-verify=false"), List.of("--tls-verify=false"));
    }

    /** An open registry that sends its notifications to each URL with {@code Authorization: Bearer SECRET}. */
    static TestRegistry notifying(Path dir, String secret, List<String> urls) throws Exception {
        StringBuilder n = new StringBuilder("notifications:\n  endpoints:\n");
        int i = 0;
        for (String url : urls) {
            n.append("    - name: ep")
                    .append(i++)
                    .append("\n      url: ")
                    .append(url)
                    .append("\n      headers: {Authorization: [\"Bearer ")
                    .append(secret)
                    .append("\"]}")
                    .append("\n      timeout: 2s\n      threshold: 3\n      backoff: 500ms\n");
        }
        return start(dir, n.toString(), List.of("--dest-tls-verify=false"), List.of("--tls-verify=false"));
    }

    static TestRegistry basic(Path dir) throws Exception {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        Path htpasswd = dir.resolve("htpasswd");
        Files.createDirectories(dir);
        Files.writeString(htpasswd, USER + ":" + OpenBSDBCrypt.generate("2y", PASSWORD.toCharArray(), salt, 5) + "\n");
        return start(
                dir,
                "auth: {htpasswd: {realm: test, path: " + htpasswd + "}}\n",
                List.of("--dest-tls-verify=false", "--dest-creds", USER + ":" + PASSWORD),
                List.of("--tls-verify=false", "--creds", USER + ":" + PASSWORD));
    }

    /** TLS with a server certificate the CA in {@code ca.crt} signed. */
    static TestRegistry tls(Path dir, TestPki.Issued ca) throws Exception {
        TestPki.Issued server = TestPki.server(ca);
        Files.createDirectories(dir.resolve("certs"));
        TestPki.writePem(dir.resolve("tls.crt"), server.cert());
        TestPki.writePem(dir.resolve("tls.key"), server.keys().getPrivate());
        TestPki.writePem(dir.resolve("certs/ca.crt"), ca.cert());
        String certs = "--cert-dir=" + dir.resolve("certs");
        return start(
                dir,
                "",
                "  tls: {certificate: " + dir.resolve("tls.crt") + ", key: " + dir.resolve("tls.key") + "}\n",
                List.of("--dest-cert-dir=" + dir.resolve("certs")),
                List.of(certs));
    }

    /** A TLS registry whose token realm is the issuer's, on plain http: a downgrade no credential may follow. */
    static TestRegistry tlsWithPlainHttpRealm(Path dir, TestPki.Issued ca, TokenIssuer issuer) throws Exception {
        TestPki.Issued server = TestPki.server(ca);
        Files.createDirectories(dir);
        TestPki.writePem(dir.resolve("tls.crt"), server.cert());
        TestPki.writePem(dir.resolve("tls.key"), server.keys().getPrivate());
        String auth = "auth: {token: {realm: \"" + issuer.realm() + "\", service: " + TokenIssuer.SERVICE + ", issuer: "
                + TokenIssuer.ISSUER + ", rootcertbundle: " + issuer.bundle() + "}}\n";
        return start(
                dir,
                auth,
                "  tls: {certificate: " + dir.resolve("tls.crt") + ", key: " + dir.resolve("tls.key") + "}\n",
                List.of(),
                List.of());
    }

    static TestRegistry token(Path dir, TokenIssuer issuer) throws Exception {
        String auth = "auth: {token: {realm: \"" + issuer.realm() + "\", service: " + TokenIssuer.SERVICE + ", issuer: "
                + TokenIssuer.ISSUER + ", rootcertbundle: " + issuer.bundle() + "}}\n";
        return start(
                dir,
                auth,
                List.of("--dest-tls-verify=false", "--dest-creds", USER + ":" + PASSWORD),
                List.of("--tls-verify=false", "--creds", USER + ":" + PASSWORD));
    }

    private static TestRegistry start(Path dir, String extra, List<String> pushArgs, List<String> inspectArgs)
            throws Exception {
        return start(dir, extra, "", pushArgs, inspectArgs);
    }

    private static TestRegistry start(
            Path dir, String extra, String httpExtra, List<String> pushArgs, List<String> inspectArgs)
            throws Exception {
        Files.createDirectories(dir);
        int port = freePort();
        Path config = dir.resolve("reg.yml");
        Files.writeString(
                config,
                "version: 0.1\n"
                        + "log: {level: error, accesslog: {disabled: true}}\n"
                        + "storage: {filesystem: {rootdirectory: " + dir.resolve("storage")
                        + "}, delete: {enabled: true}}\n"
                        + "http:\n  addr: 127.0.0.1:" + port + "\n  secret: test-secret\n" + httpExtra
                        + extra);
        Process p = new ProcessBuilder("docker-registry", "serve", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("registry.log").toFile())
                .start();
        TestRegistry r = new TestRegistry(p, port, new ArrayList<>(inspectArgs), dir);
        r.pushArgs = pushArgs;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            if (!p.isAlive()) {
                throw new IllegalStateException(
                        "docker-registry exited: " + Files.readString(dir.resolve("registry.log")));
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                return r;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    r.close();
                    throw new IllegalStateException("docker-registry did not listen on " + port);
                }
                Thread.sleep(50);
            }
        }
    }

    private List<String> pushArgs;

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    /** {@code 127.0.0.1:PORT}. */
    String host() {
        return "127.0.0.1:" + port;
    }

    /** Pushes a local image ({@code oci:DIR:TAG}…) to {@code host()/repoAndTag}; {@code all} copies every platform. */
    void push(String source, String repoAndTag, boolean all) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("skopeo", "copy", "-q"));
        if (all) {
            cmd.add("--all");
        }
        cmd.addAll(pushArgs);
        cmd.add(source);
        cmd.add("docker://" + host() + "/" + repoAndTag);
        run(cmd);
    }

    /** The digest of the manifest (or index) a reference names, by skopeo: sha256 of the raw bytes. */
    String skopeoDigest(String repoAndRef) throws Exception {
        byte[] raw = skopeoRaw(repoAndRef);
        return "sha256:"
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
    }

    /** Uploads a blob to the (open) registry in one POST + PUT; returns its digest. */
    String putBlob(String repo, byte[] data) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        String digest = "sha256:"
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        var post = http.send(
                java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://" + host() + "/v2/" + repo + "/blobs/uploads/"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        String location = post.headers().firstValue("Location").orElseThrow();
        java.net.URI put = java.net.URI.create("http://" + host() + "/").resolve(location);
        var r = http.send(
                java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create(put + (location.contains("?") ? "&" : "?") + "digest=" + digest))
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(data))
                        .header("Content-Type", "application/octet-stream")
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("blob upload answered " + r.statusCode());
        }
        return digest;
    }

    /** Mounts a blob of another repository into this one (POST blobs/uploads/?mount=&from=), as a push of a derived
     * image does. */
    void mount(String repo, String digest, String from) throws Exception {
        var r = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://" + host() + "/v2/" + repo
                                        + "/blobs/uploads/?mount=" + digest + "&from=" + from))
                                .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("blob mount answered " + r.statusCode());
        }
    }

    /** Puts a manifest under a tag of the (open) registry. */
    void putManifest(String repo, String tag, String mediaType, byte[] body) throws Exception {
        var r = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create("http://" + host() + "/v2/" + repo + "/manifests/" + tag))
                                .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
                                .header("Content-Type", mediaType)
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("manifest upload answered " + r.statusCode());
        }
    }

    /** Whether the (open) registry has this tag, by a HEAD on the manifest. */
    boolean tagExists(String repo, String tag) throws Exception {
        var response = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create("http://" + host() + "/v2/" + repo + "/manifests/" + tag))
                                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody())
                                .header("Accept", "application/vnd.oci.image.manifest.v1+json")
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding());
        return response.statusCode() == 200;
    }

    /** The raw manifest or index a reference names, as skopeo reads it. */
    byte[] skopeoRaw(String repoAndRef) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("skopeo", "inspect", "--raw"));
        cmd.addAll(skopeoAuth);
        cmd.add("docker://" + host() + "/" + repoAndRef);
        return runBytes(cmd);
    }

    private static void run(List<String> cmd) throws Exception {
        runBytes(cmd);
    }

    private static byte[] runBytes(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + err);
        }
        return out;
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
    }
}
