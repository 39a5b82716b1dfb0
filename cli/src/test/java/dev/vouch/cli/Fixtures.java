package dev.vouch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real test images of {@code fixtures/build.sh} (Debian minbase by mmdebstrap, the app Dockerfile by buildah,
 * a multi-arch index, docker-archive copies by skopeo), built once and cached under {@code target/fixtures}. Tests
 * that need them are skipped, with the reason, only when the tools are not installed.
 */
final class Fixtures {
    private static Path dir;
    private static Path ecosystems;

    private Fixtures() {}

    static Path root() {
        String r = System.getProperty("vouch.root");
        return Path.of(r == null ? ".." : r).toAbsolutePath().normalize();
    }

    /** A directory of ../shared/corpora beside the repository; the test is skipped when it is absent. */
    static Path corpus(String relative) {
        Path p = root().resolve("../shared/corpora").resolve(relative).normalize();
        Assumptions.assumeTrue(Files.exists(p), "corpus not beside the repository: " + p);
        return p;
    }

    static synchronized Path dir() throws IOException, InterruptedException {
        if (dir == null) {
            dir = build("build.sh", "fixtures", 20);
        }
        return dir;
    }

    /**
     * The root file system of {@code fixtures/ecosystems.sh}: gems, a Composer project and a Rust binary installed
     * offline by their own tools, and what independent readers say of them.
     */
    static synchronized Path ecosystems() throws IOException, InterruptedException {
        if (ecosystems == null) {
            ecosystems = build("ecosystems.sh", "ecosystems", 5);
        }
        return ecosystems;
    }

    private static Path build(String script, String name, int minutes) throws IOException, InterruptedException {
        Path out = root().resolve("target/" + name);
        Path log = root().resolve("target/" + name + "-build.log");
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(
                        "bash", root().resolve("fixtures/" + script).toString(), out.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("fixtures/" + script + " timed out");
        }
        if (p.exitValue() == 3) {
            Assumptions.abort("image tools missing: " + Files.readString(log).strip());
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(
                    "fixtures/" + script + " failed; see " + log + ":\n" + Files.readString(log));
        }
        return out;
    }
}
