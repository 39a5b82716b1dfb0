package dev.vouch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code vouch serve} as its own process (the tests' class path, a fresh user's HOME), so that it can be killed with
 * SIGKILL like a replica that dies; its output goes to a log file the test prints on failure.
 */
final class ServeProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (\\S+)(?: and (\\S+))?;");

    private final Process process;
    private final Path log;
    final List<URI> addresses = new ArrayList<>();

    private ServeProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code vouch serve} and returns at once. */
    static ServeProcess launch(Path home, Path log, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.vouch.cli.Main",
                "serve"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.clear();
        env.putAll(Cli.freshUser(home));
        return new ServeProcess(pb.start(), log);
    }

    /**
     * Starts {@code vouch serve} on plain HTTP whose one admission rule, for namespace {@code signed}, judges with a
     * policy that never fails and requires {@code trust} (dct or notation), so a test sees the signature alone decide.
     */
    static ServeProcess requiringTrust(Path home, Path dir, String trust, String... extraArgs) throws Exception {
        Path allowAll = dir.resolve("allow-all.yaml");
        Files.writeString(
                allowAll,
                "name: allow-all\nrules:\n  - id: anything\n    severity: warn\n    message: never fails\n"
                        + "    expr: 'true'\n");
        Path rules = dir.resolve("admission.yaml");
        Files.writeString(
                rules,
                "rules:\n  - namespaces: [signed]\n    policy: " + allowAll + "\n    podChecks: off\n    trust: "
                        + trust + "\n");
        List<String> args = new ArrayList<>(List.of(
                "--http",
                "127.0.0.1:" + TestRegistry.freePort(),
                "--db",
                dir.resolve("server.sqlite").toString(),
                "--vuln-db",
                dir.resolve("osv.sqlite").toString(),
                "--admission-config",
                rules.toString(),
                "--timeout",
                "30s"));
        args.addAll(List.of(extraArgs));
        return start(home, dir.resolve("serve.log"), args.toArray(String[]::new));
    }

    /** The response of an admission endpoint ({@code /validate}, {@code /mutate}) to a Pod of {@code image}. */
    JsonNode admit(String path, String uid, String namespace, String image) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        return ServeCommandTest.json(ServeCommandTest.post(
                                http,
                                addresses.get(0),
                                path,
                                ServeCommandTest.review(uid, namespace, ServeCommandTest.pod(image)),
                                null)
                        .body())
                .path("response");
    }

    /** Starts {@code vouch serve} and waits until it listens. */
    static ServeProcess start(Path home, Path log, String... args) throws Exception {
        return launch(home, log, args).awaitListening();
    }

    /** Waits (up to a minute) for the line that says where it listens. */
    ServeProcess awaitListening() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String out = Files.exists(log) ? Files.readString(log) : "";
            Matcher m = LISTENING.matcher(out);
            if (m.find()) {
                addresses.add(URI.create(m.group(1)));
                if (m.group(2) != null) {
                    addresses.add(URI.create(m.group(2)));
                }
                return this;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("vouch serve exited " + process.exitValue() + ": " + out);
            }
            Thread.sleep(100);
        }
        close();
        throw new IllegalStateException("vouch serve did not start: " + Files.readString(log));
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    /** SIGKILL: no shutdown hook, no goodbye, leases left behind. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as Kubernetes stops a pod; returns the exit code (the JVM's 143), or fails after {@code seconds}. */
    int terminate(int seconds) throws Exception {
        process.destroy();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("vouch serve still runs " + seconds + " s after SIGTERM: " + log());
        }
        return process.exitValue();
    }

    /** SIGSTOP (or SIGCONT): a frozen replica neither finishes nor takes jobs while the test looks at the queue. */
    void freeze(boolean frozen) throws Exception {
        Process kill = new ProcessBuilder("kill", frozen ? "-STOP" : "-CONT", Long.toString(process.pid()))
                .inheritIO()
                .start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill " + (frozen ? "-STOP" : "-CONT") + " failed");
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
