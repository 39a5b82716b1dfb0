package dev.vouch.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Docker engine for tests: Debian's {@code dockerd} as root on a private socket, data root and exec root
 * ({@code --storage-driver vfs --iptables=false --ip6tables=false --bridge=none}), driven with Debian's own client
 * {@code /usr/bin/docker}. Containers run with {@code --network none}. Closing removes every container and stops the
 * engine. The busybox base it builds from is {@code /bin/busybox} (Debian's busybox-static), imported as
 * {@code localhost/bb:1}.
 */
final class TestEngine implements AutoCloseable {
    static final String CLIENT = "/usr/bin/docker";

    private final Process daemon;
    private final Path dir;
    private final Path socket;

    private TestEngine(Process daemon, Path dir, Path socket) {
        this.daemon = daemon;
        this.dir = dir;
        this.socket = socket;
    }

    static TestEngine start(Path dir, String... extraFlags) throws Exception {
        // a short path: a Unix socket's path is limited to 107 bytes
        Path root = Files.createTempDirectory(Path.of("/tmp"), "ve");
        Path socket = root.resolve("docker.sock");
        List<String> cmd = new ArrayList<>(List.of(
                "dockerd",
                "--data-root",
                root.resolve("data").toString(),
                "--exec-root",
                root.resolve("exec").toString(),
                "--pidfile",
                root.resolve("pid").toString(),
                "-H",
                "unix://" + socket,
                "--storage-driver",
                "vfs",
                "--iptables=false",
                "--ip6tables=false",
                "--bridge=none"));
        cmd.addAll(Arrays.asList(extraFlags));
        Files.createDirectories(dir);
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("dockerd.log").toFile())
                .start();
        TestEngine e = new TestEngine(p, root, socket);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            if (!p.isAlive()) {
                throw new IllegalStateException("dockerd exited: " + Files.readString(dir.resolve("dockerd.log")));
            }
            if (Files.exists(socket) && e.tryDocker("version").code() == 0) {
                return e;
            }
            if (System.nanoTime() > deadline) {
                e.close();
                throw new IllegalStateException("dockerd did not answer on " + socket);
            }
            Thread.sleep(100);
        }
    }

    Path socket() {
        return socket;
    }

    String host() {
        return "unix://" + socket;
    }

    /** The environment of a user whose DOCKER_HOST is this engine. */
    Map<String, String> env(Path home) {
        Map<String, String> env = new HashMap<>(Cli.freshUser(home));
        env.put("DOCKER_HOST", host());
        return env;
    }

    record Run(int code, String out) {}

    Run tryDocker(String... args) throws IOException, InterruptedException {
        return tryDocker(Map.of(), args);
    }

    Run tryDocker(Map<String, String> extraEnv, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(CLIENT));
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("DOCKER_HOST", host());
        pb.environment().put("DOCKER_CONFIG", dir.resolve("client").toString());
        pb.environment().putAll(extraEnv);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("docker " + String.join(" ", args) + " did not finish");
        }
        return new Run(p.exitValue(), out);
    }

    /** Runs the client; fails the test with its output when it fails. */
    String docker(String... args) throws Exception {
        return docker(Map.of(), args);
    }

    String docker(Map<String, String> env, String... args) throws Exception {
        Run r = tryDocker(env, args);
        if (r.code() != 0) {
            throw new IllegalStateException("docker " + String.join(" ", args) + " failed: " + r.out());
        }
        return r.out().strip();
    }

    /** Imports a busybox root file system (Debian's static busybox and its applets) as {@code localhost/bb:1}. */
    void importBusybox(Path work) throws Exception {
        Path rootfs = work.resolve("bbroot");
        Files.createDirectories(rootfs.resolve("bin"));
        Files.createDirectories(rootfs.resolve("etc"));
        Files.createDirectories(rootfs.resolve("tmp"));
        Files.copy(Path.of("/bin/busybox"), rootfs.resolve("bin/busybox"));
        for (String applet : List.of("sh", "mkdir", "echo", "cat", "ls", "id", "rm", "cp", "chmod", "true", "sleep")) {
            Files.createSymbolicLink(rootfs.resolve("bin/" + applet), Path.of("busybox"));
        }
        Files.writeString(
                rootfs.resolve("etc/passwd"),
                "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n");
        Path tar = work.resolve("bbroot.tar");
        Process p = new ProcessBuilder(
                        "tar",
                        "-C",
                        rootfs.toString(),
                        "--sort=name",
                        "--mtime=@1700000000",
                        "--owner=0",
                        "--group=0",
                        "-cf",
                        tar.toString(),
                        ".")
                .inheritIO()
                .start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("tar failed");
        }
        docker("import", tar.toString(), "localhost/bb:1");
    }

    @Override
    public void close() throws Exception {
        try {
            Run ids = tryDocker("ps", "-aq");
            if (ids.code() == 0 && !ids.out().isBlank()) {
                List<String> rm = new ArrayList<>(List.of("rm", "-f"));
                rm.addAll(Arrays.asList(ids.out().strip().split("\\s+")));
                tryDocker(rm.toArray(String[]::new));
            }
        } finally {
            daemon.destroy();
            if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
                daemon.waitFor(10, TimeUnit.SECONDS);
            }
            // vfs leaves one copy of the root file system per layer: remove them all
            new ProcessBuilder("rm", "-rf", dir.toString()).inheritIO().start().waitFor();
        }
    }
}
