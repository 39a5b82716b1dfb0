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
        if (dir != null) {
            return dir;
        }
        Path out = root().resolve("target/fixtures");
        Process p = new ProcessBuilder(
                        "bash", root().resolve("fixtures/build.sh").toString(), out.toString())
                .redirectErrorStream(true)
                .redirectOutput(root().resolve("target/fixtures-build.log").toFile())
                .start();
        if (!p.waitFor(20, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("fixtures/build.sh timed out");
        }
        if (p.exitValue() == 3) {
            Assumptions.abort("image tools missing: "
                    + Files.readString(root().resolve("target/fixtures-build.log"))
                            .strip());
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("fixtures/build.sh failed; see target/fixtures-build.log:\n"
                    + Files.readString(root().resolve("target/fixtures-build.log")));
        }
        dir = out;
        return dir;
    }
}
