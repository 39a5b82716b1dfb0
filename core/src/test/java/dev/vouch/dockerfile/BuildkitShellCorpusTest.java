package dev.vouch.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vouch.SharedCorpora;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** BuildKit's shell-lexer vectors, {@code envVarTest} and {@code wordsTest}, read from ../shared. */
class BuildkitShellCorpusTest {
    private static Path shell() {
        return SharedCorpora.path("buildkit-dockerfile-parser/frontend/dockerfile/shell");
    }

    @Test
    void envVarTestUnixAndAllLines() throws IOException {
        Map<String, String> env = Map.of("PWD", "/home", "SHELL", "bash", "KOREAN", "한국어", "NULL", "");
        WordExpander lex = new WordExpander('\\');
        List<String> failures = new ArrayList<>();
        int run = 0;
        for (String line : Files.readAllLines(shell().resolve("envVarTest"), StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.strip().split("\\|", -1);
            assertThat(f).hasSize(3);
            String platform = f[0].strip();
            if (platform.equals("W")) {
                continue;
            }
            String source = f[1].strip();
            String expected = f[2].strip();
            run++;
            try {
                String got = lex.expand(source, env);
                if (expected.equals("error") || !expected.equals(got)) {
                    failures.add(source + " -> " + got + " (expected " + expected + ")");
                }
            } catch (WordExpander.ExpansionException e) {
                if (!expected.equals("error")) {
                    failures.add(source + " -> error " + e.getMessage() + " (expected " + expected + ")");
                }
            }
        }
        assertThat(run).isGreaterThan(200);
        assertThat(failures).isEmpty();
    }

    @Test
    void wordsTestSplitsAfterExpansion() throws IOException {
        Map<String, String> env = new HashMap<>();
        WordExpander lex = new WordExpander('\\');
        List<String> failures = new ArrayList<>();
        int run = 0;
        for (String line : Files.readAllLines(shell().resolve("wordsTest"), StandardCharsets.UTF_8)) {
            if (line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("ENV ")) {
                String kv = line.substring(3).replaceFirst("^ +", "");
                int eq = kv.indexOf('=');
                env.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
                continue;
            }
            String[] f = line.split("\\|", -1);
            assertThat(f).hasSize(2);
            String test = f[0].strip();
            List<String> expected = List.of(f[1].replaceFirst("^ +", "").split(",", -1));
            run++;
            List<String> got;
            try {
                got = lex.words(test, env);
            } catch (WordExpander.ExpansionException e) {
                got = List.of("error");
            }
            if (!got.equals(expected)) {
                failures.add(test + " -> " + got + " (expected " + expected + ")");
            }
        }
        assertThat(run).isGreaterThan(20);
        assertThat(failures).isEmpty();
    }

    @Test
    void patternOperatorsAndMandatoryVariables() throws Exception {
        WordExpander lex = new WordExpander('\\');
        assertThat(lex.expand("${FOO#*x*y}", Map.of("FOO", "xxyy"))).isEqualTo("y");
        assertThat(lex.expand("${FOO##*x}", Map.of("FOO", "xxyy"))).isEqualTo("yy");
        assertThat(lex.expand("${FOO%%\\**}", Map.of("FOO", "xx**"))).isEqualTo("xx");
        assertThat(lex.expand("${FOO%x}", Map.of("FOO", "xxyy"))).isEqualTo("xxyy");
        assertThat(lex.expand("${FOO/$NEEDLE/$R}", Map.of("FOO", "http://a.de", "NEEDLE", "http://", "R", "https://")))
                .isEqualTo("https://a.de");
        assertThat(lex.expand("${FOO//\\//\\/}", Map.of("FOO", "/tmp/foo.txt"))).isEqualTo("\\/tmp\\/foo.txt");
        assertThatThrownBy(() -> lex.expand("${VAR:?message here$ARG}", Map.of("VAR", "", "ARG", "x")))
                .hasMessageContaining("message herex");
        assertThat(lex.expand("${VAR?m}", Map.of("VAR", ""))).isEmpty();
        WordExpander keep = new WordExpander('\\', true, true);
        assertThat(keep.expand("'a'$UNSET${X:-y}", Map.of())).isEqualTo("'a'$UNSET${X:-y}");
    }
}
