package dev.vouch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** The real-world test data in {@code ../shared/corpora}, beside the repository; tests skip when it is absent. */
public final class SharedCorpora {
    private SharedCorpora() {}

    /** A path under {@code ../shared/corpora}, which must exist. */
    public static Path path(String relative) {
        Path p = Path.of(System.getProperty("vouch.root", "."))
                .resolve("../shared/corpora")
                .resolve(relative)
                .normalize();
        Assumptions.assumeTrue(Files.exists(p), "corpus not beside the repository: " + p);
        return p;
    }

    /** The official-image Dockerfiles ({@code Dockerfile} and the variants named {@code Dockerfile.NAME}), sorted. */
    public static List<Path> officialDockerfiles() throws IOException {
        try (Stream<Path> s = Files.walk(path("official-images/dockerfiles"))) {
            return s.filter(p -> p.getFileName().toString().equals("Dockerfile")
                            || p.getFileName().toString().startsWith("Dockerfile."))
                    .sorted()
                    .toList();
        }
    }
}
