package dev.vouch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway PostgreSQL cluster on 127.0.0.1 (Debian's {@code postgresql} binaries: initdb, pg_ctl), trust
 * authentication, no fsync; run as the {@code postgres} user when the tests run as root (initdb refuses root).
 */
final class TestPostgres implements AutoCloseable {
    private final Path dir;
    private final Path bin;
    private final int port;
    private final boolean asPostgres;

    private TestPostgres(Path dir, Path bin, int port, boolean asPostgres) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
        this.asPostgres = asPostgres;
    }

    static TestPostgres start() throws Exception {
        Path bin;
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            bin = versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(
                            p -> Integer.parseInt(p.getParent().getFileName().toString())))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL under /usr/lib/postgresql"));
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("vouch-pg-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        TestPostgres pg = new TestPostgres(dir, bin, TestRegistry.freePort(), root);
        if (root) {
            pg.run("chown", "-R", "postgres:postgres", dir.toString());
        }
        pg.run(pg.as(
                bin.resolve("initdb").toString(),
                "-D",
                data.toString(),
                "-U",
                "vouch",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-sync"));
        pg.run(pg.as(
                bin.resolve("pg_ctl").toString(),
                "-D",
                data.toString(),
                "-l",
                dir.resolve("log").toString(),
                "-w",
                "-o",
                "-p " + pg.port + " -k " + data + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60",
                "start"));
        return pg;
    }

    /** {@code postgresql://vouch@127.0.0.1:PORT/postgres}. */
    String url() {
        return "postgresql://vouch@127.0.0.1:" + port + "/postgres";
    }

    String jdbc() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=vouch";
    }

    private String[] as(String... command) {
        List<String> c = new ArrayList<>();
        if (asPostgres) {
            c.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        c.addAll(List.of(command));
        return c.toArray(String[]::new);
    }

    private void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            run(as(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "stop"));
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
