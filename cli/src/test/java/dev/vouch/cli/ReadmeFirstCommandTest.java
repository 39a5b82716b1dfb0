package dev.vouch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, as a new user runs it: taken from the README as written, run from the repository root
 * in a JVM of its own with a fresh HOME (no cache, no database, no keys, no terminal). It must give the verdict with
 * the count of failed rules and what to do, and wrap its text instead of cutting it.
 */
class ReadmeFirstCommandTest {
    @TempDir
    Path home;

    @Test
    void theFirstCommandGivesTheVerdictAndCutsNothing() throws Exception {
        Path root = Fixtures.root();
        String command = Files.readAllLines(root.resolve("README.md"), StandardCharsets.UTF_8).stream()
                .map(String::strip)
                .filter(l -> l.startsWith("./vouch check "))
                .findFirst()
                .orElseThrow();
        List<String> argv = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.vouch.cli.Main"));
        argv.addAll(List.of(command.substring("./vouch ".length()).split(" +")));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(root.toFile());
        pb.environment().clear();
        pb.environment().put("HOME", home.toString());
        pb.environment().put("PATH", System.getenv("PATH"));
        pb.redirectError(home.resolve("err").toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(home.resolve("err"))).isEqualTo(1);
        List<String> lines = out.lines().toList();
        assertThat(lines.get(0)).isEqualTo("oci:examples/demo");
        assertThat(lines.get(1)).isEqualTo("verdict: fail (3 of 5 policy rules failed)");
        assertThat(out)
                .contains("  FAIL  not-root: the image runs as root\n")
                .contains("        fix: add USER with a non-root uid (for example USER 65532) to the Dockerfile\n");
        // 100 columns when not a terminal; only a single word longer than that (an evidence list) goes past it
        for (String line : lines) {
            String last = line.substring(line.lastIndexOf(' ') + 1);
            assertThat(line.length() <= 100 || last.length() > 80).as(line).isTrue();
        }
        // no finding is cut: the one that used to be cut at 80 columns ends as it should
        assertThat(out.replaceAll("\\s+", " "))
                .contains("wget downloads http://example.invalid/helper (saved as /usr/local/bin/helper) and nothing"
                        + " verifies it: compare it with a pinned checksum (sha256sum -c) or verify its signature"
                        + " (gpg --verify)");
    }
}
