package dev.vouch.cli;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real Notary server (Debian's {@code notary-server}) on loopback over TLS, its trust data in memory and its
 * timestamp and snapshot keys held by itself ({@code trust_service: local}), as Docker Content Trust's tests need it.
 * Restarting it forgets every repository.
 */
final class TestNotary implements AutoCloseable {
    private final Path dir;
    private final int port;
    private Process process;

    private TestNotary(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Starts a server whose certificate the CA issued; its address is https://127.0.0.1:PORT. */
    static TestNotary start(Path dir, TestPki.Issued ca) throws Exception {
        Files.createDirectories(dir);
        TestPki.Issued cert = TestPki.server(ca);
        TestPki.writePem(dir.resolve("server.crt"), cert.cert());
        TestPki.writePem(dir.resolve("server.key"), cert.keys().getPrivate());
        TestNotary n = new TestNotary(dir, TestRegistry.freePort());
        n.run();
        return n;
    }

    private void run() throws Exception {
        Files.writeString(
                dir.resolve("server.json"),
                "{\"server\": {\"http_addr\": \"127.0.0.1:" + port + "\", \"tls_cert_file\": \""
                        + dir.resolve("server.crt") + "\", \"tls_key_file\": \"" + dir.resolve("server.key") + "\"},"
                        + " \"trust_service\": {\"type\": \"local\"}, \"storage\": {\"backend\": \"memory\"},"
                        + " \"logging\": {\"level\": \"warn\"}}");
        process = new ProcessBuilder(
                        "notary-server", "-config", dir.resolve("server.json").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("server.log").toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (java.io.IOException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "notary-server did not start: " + Files.readString(dir.resolve("server.log")));
                }
                Thread.sleep(100);
            }
        }
    }

    /** Stops and starts it again on the same port: every repository's trust data is gone. */
    void restart() throws Exception {
        stop();
        run();
    }

    String url() {
        return "https://127.0.0.1:" + port;
    }

    /** host:port, as docker names the directory of the server's CA ({@code ~/.docker/tls/HOST:PORT/root.crt}). */
    String hostPort() {
        return "127.0.0.1:" + port;
    }

    private void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
