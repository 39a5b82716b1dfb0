package dev.vouch.check.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vouch.check.TrustReport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Text that wraps instead of cutting: at 60, 80 and 120 columns the demo's report says the same words. */
class WrapTest {
    @Test
    void wordsBreakAtSpacesAndALongWordStandsWhole() {
        assertThat(Wrap.hanging("  ! ", "one two three four", "      ", 16))
                .isEqualTo("  ! one two\n      three four\n");
        assertThat(Wrap.hanging("  ! ", "one two three four", "      ", 15))
                .isEqualTo("  ! one two\n      three\n      four\n");
        assertThat(Wrap.hanging("  ", "sha256:0123456789abcdef tail", "    ", 10))
                .isEqualTo("  sha256:0123456789abcdef\n    tail\n");
        assertThat(Wrap.hanging("x ", "", "  ", 10)).isEqualTo("x \n");
    }

    @ParameterizedTest
    @ValueSource(ints = {60, 80, 120})
    void theDemoReportWrapsToTheWidthAndKeepsEveryWord(int width) throws Exception {
        Path golden = Path.of(System.getProperty("vouch.root", ".."))
                .resolve("cli/src/test/resources/golden/demo-policy-baseline.json");
        TrustReport report = new ObjectMapper().readValue(Files.readString(golden), TrustReport.class);
        String text = TextReport.render(report, true, false, width);
        for (String line : text.split("\n")) {
            // a line is at most the width, unless its last word alone is longer than a line
            String last = line.substring(line.lastIndexOf(' ') + 1);
            assertThat(line.length() <= width || last.length() > width - 10)
                    .as(line)
                    .isTrue();
        }
        String words = text.replaceAll("\\s+", " ");
        String wide = TextReport.render(report, true, false, 100_000).replaceAll("\\s+", " ");
        assertThat(words).isEqualTo(wide);
        assertThat(text).contains("verdict: fail (3 of 5 policy rules failed)");
        assertThat(words).contains("fix: add USER with a non-root uid (for example USER 65532) to the Dockerfile");
    }
}
