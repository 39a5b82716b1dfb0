package dev.vouch.cli;

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

    static ServeProcess start(Path home, Path log, String... args) throws Exception {
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
        ServeProcess s = new ServeProcess(pb.start(), log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String out = Files.exists(log) ? Files.readString(log) : "";
            Matcher m = LISTENING.matcher(out);
            if (m.find()) {
                s.addresses.add(URI.create(m.group(1)));
                if (m.group(2) != null) {
                    s.addresses.add(URI.create(m.group(2)));
                }
                return s;
            }
            if (!s.process.isAlive()) {
                throw new IllegalStateException("vouch serve exited " + s.process.exitValue() + ": " + out);
            }
            Thread.sleep(100);
        }
        s.close();
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
