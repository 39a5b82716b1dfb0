package dev.vouch.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Every official-image Dockerfile in {@code ../shared/corpora/official-images} parses without an error. */
class OfficialImagesParseTest {
    @Test
    void everyOfficialImageDockerfileParses() throws IOException {
        Path root = Path.of(System.getProperty("vouch.root", "."))
                .resolve("../shared/corpora/official-images/dockerfiles")
                .normalize();
        Assumptions.assumeTrue(Files.isDirectory(root), "corpus not beside the repository: " + root);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(p -> p.getFileName().toString().equals("Dockerfile"))
                    .sorted()
                    .forEach(files::add);
        }
        assertThat(files).hasSizeGreaterThan(100);
        List<String> failures = new ArrayList<>();
        int instructions = 0;
        for (Path f : files) {
            Dockerfile d = DockerfileParser.parse(Files.readString(f, StandardCharsets.UTF_8), f.toString());
            if (!d.ok()) {
                failures.add(root.relativize(f) + ": " + d.errors());
            }
            instructions += d.instructions().size();
        }
        assertThat(failures).isEmpty();
        assertThat(instructions).isGreaterThan(files.size() * 3);
    }
}
