package dev.vouch.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vouch.SharedCorpora;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * BuildKit's own parser test cases, read from {@code ../shared/corpora/buildkit-dockerfile-parser}: every positive
 * case's AST dump must equal its {@code result} byte for byte, every negative case must fail, and the line-number
 * case must give BuildKit's ranges.
 */
class BuildkitParserCorpusTest {
    static Path corpus() {
        return SharedCorpora.path("buildkit-dockerfile-parser/frontend/dockerfile/parser");
    }

    private static List<Path> cases(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(Files::isDirectory).sorted().forEach(out::add);
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> positiveCasesDumpExactlyAsBuildkit() throws IOException {
        List<Path> cases = cases(corpus().resolve("testfiles"));
        assertThat(cases).hasSize(33);
        return cases.stream()
                .map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> {
                    String text = Files.readString(c.resolve("Dockerfile"), StandardCharsets.UTF_8);
                    Dockerfile d = DockerfileParser.parse(text, c.getFileName().toString());
                    assertThat(d.errors()).isEmpty();
                    assertThat(d.dump()).isEqualTo(Files.readString(c.resolve("result"), StandardCharsets.UTF_8));
                }));
    }

    @TestFactory
    Stream<DynamicTest> negativeCasesFail() throws IOException {
        List<Path> cases = cases(corpus().resolve("testfiles-negative"));
        assertThat(cases).hasSize(4);
        return cases.stream()
                .map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> {
                    String text = Files.readString(c.resolve("Dockerfile"), StandardCharsets.UTF_8);
                    assertThat(DockerfileParser.parse(text, "Dockerfile").errors())
                            .hasSize(1);
                }));
    }

    @Test
    void lineRangesAreBuildkits() throws IOException {
        String text = Files.readString(corpus().resolve("testfile-line/Dockerfile"), StandardCharsets.UTF_8);
        Dockerfile d = DockerfileParser.parse(text, "Dockerfile");
        assertThat(d.instructions())
                .extracting(i -> i.startLine() + "-" + i.endLine())
                .containsExactly("5-5", "11-12", "17-31");
    }
}
