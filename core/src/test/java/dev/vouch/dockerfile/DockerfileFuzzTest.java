package dev.vouch.dockerfile;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vouch.Fuzzing;
import dev.vouch.shell.ShellParser;
import java.util.Map;

/** Fuzz targets for the Dockerfile parser (heredocs, directives, line continuations), the word expander and the shell parser. */
class DockerfileFuzzTest {
    @FuzzTest
    void dockerfile(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        Fuzzing.declared(() -> DockerfileParser.parse(text, "Dockerfile"));
    }

    @FuzzTest
    void wordExpander(FuzzedDataProvider data) {
        char escape = data.consumeBoolean() ? '\\' : '`';
        String word = data.consumeRemainingAsString();
        Fuzzing.declared(() -> new WordExpander(escape).words(word, Map.of("A", "a b", "EMPTY", "")));
    }

    @FuzzTest
    void shell(FuzzedDataProvider data) {
        String script = data.consumeRemainingAsString();
        Fuzzing.declared(() -> ShellParser.parse(script));
    }
}
