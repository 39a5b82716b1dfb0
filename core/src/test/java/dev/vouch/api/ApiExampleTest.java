package dev.vouch.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The complete example of docs/api.md, compiled from the page as it is and run in a JVM of its own against the demo
 * image: it must print the verdict and the failed rules, write its SARIF and HTML, and exit 1 (the demo fails the
 * baseline policy on purpose).
 */
class ApiExampleTest {
    private static final Path ROOT = Path.of(System.getProperty("vouch.root", ".."));

    @TempDir
    Path tmp;

    @Test
    void theDocumentedExampleCompilesAndChecksTheDemo() throws Exception {
        String page = Files.readString(ROOT.resolve("docs/api.md"), StandardCharsets.UTF_8);
        int start = page.indexOf("```java\n") + "```java\n".length();
        String source = page.substring(start, page.indexOf("```", start));
        Path src = tmp.resolve("src/CheckDemo.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        String classpath = System.getProperty("java.class.path");
        int compiled = ToolProvider.getSystemJavaCompiler()
                .run(null, null, null, "-d", classes.toString(), "-cp", classpath, src.toString());
        assertThat(compiled).as("the example compiles").isZero();

        Path out = tmp.resolve("out");
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        classes + java.io.File.pathSeparator + classpath,
                        "CheckDemo",
                        ROOT.toString(),
                        out.toString())
                .redirectErrorStream(true)
                .start();
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(printed).isEqualTo(1);
        List<String> lines = printed.lines().filter(l -> !l.startsWith("SLF4J")).toList();
        assertThat(lines)
                .containsExactly(
                        "verdict: fail",
                        "  deny no-fixable-critical-vulnerabilities: a critical vulnerability that has a fix ships in"
                                + " the image",
                        "  deny no-secrets: a secret ships in the image, its config, or a layer that a later layer"
                                + " deleted it from",
                        "  deny not-root: the image runs as root");
        assertThat(Files.readString(out.resolve("report.sarif"))).contains("\"version\" : \"2.1.0\"");
        assertThat(Files.readString(out.resolve("report.html"))).startsWith("<!DOCTYPE html>");
    }

    @Test
    void aRequestWithoutAnImageIsOneLineOfBadInput() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.vouch.error.InvalidInputException.class,
                () -> CheckRequest.builder(null).build());
        assertThat(e.getMessage()).isEqualTo("missing IMAGE (see --help)");
    }
}
