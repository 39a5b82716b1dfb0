package dev.vouch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract: verbs, exit codes, one-line errors, and the shipped demo image. */
class CommandLineTest {
    @TempDir
    Path tmp;

    @Test
    void theDockerTransportPrefixNamesARegistryImage() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Cli.Result r = Cli.run("layers", "--no-cache", "docker://localhost:" + closed + "/a/b:1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errorLine()).isEqualTo("vouch: connection to localhost:" + closed + " refused (after 4 attempts)");
    }

    @Test
    void invalidNamesThatAreNotFilesAreExplained() {
        Cli.Result r = Cli.run("inspect", "Not/A/Valid:Ref");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errorLine())
                .contains("is neither an existing path nor a valid image reference")
                .contains("lowercase");
    }

    @Test
    void missingPathsAndUnknownFilesAreErrors() throws Exception {
        assertThat(Cli.run("inspect", "oci:" + tmp.resolve("none")).errorLine()).endsWith("no such file or directory");
        Path junk = tmp.resolve("junk.bin");
        Files.write(junk, new byte[] {1, 2, 3});
        Cli.Result r = Cli.run("inspect", junk.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errorLine()).contains(junk.toString());
        Path notLayout = Files.createDirectories(tmp.resolve("dir"));
        assertThat(Cli.run("inspect", "oci:" + notLayout).errorLine()).contains("oci-layout is missing");
    }

    @Test
    void usageErrorsExitTwo() {
        Cli.Result r = Cli.run("inspect", "--format", "yaml", "x");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--format");
        assertThat(Cli.run("frobnicate").code()).isEqualTo(2);
        assertThat(Cli.run("--version").out()).startsWith("vouch ");
        assertThat(Cli.run("--help").out()).contains("inspect").contains("layers");
    }

    @Test
    void everyVerbAnswersHelpWithItsOwnUsage() {
        picocli.CommandLine root = new picocli.CommandLine(new Main(new Main.Context(java.util.Map.of(), System.in)));
        String rootDescription =
                String.join(" ", root.getCommandSpec().usageMessage().description());
        java.util.List<String> verbs = new java.util.ArrayList<>();
        root.getSubcommands().forEach((name, sub) -> {
            verbs.add(name);
            sub.getSubcommands().keySet().forEach(leaf -> verbs.add(name + " " + leaf));
        });
        assertThat(verbs).contains("check", "serve", "db import");
        for (String verb : verbs) {
            if (verb.equals("help")) {
                continue;
            }
            String[] args = (verb + " --help").split(" ");
            Cli.Result r = Cli.run(args);
            assertThat(r.code()).as(verb).isZero();
            assertThat(r.out()).as(verb).startsWith("Usage: vouch " + verb + " ");
            assertThat(r.out().replace("\n", " "))
                    .as(verb + ": its own description")
                    .doesNotContain(rootDescription);
        }
        assertThat(Cli.run("check", "--version").out()).startsWith("vouch ");
    }

    @Test
    void theDemoImageShipsARemnantSecretAndASetuidHelper() throws Exception {
        String demo = "oci:" + Fixtures.root().resolve("examples/demo");
        Cli.Result text = Cli.run("layers", demo);
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("60 B  layer 3, deleted by layer 4  /app/config.env");
        assertThat(text.out()).contains("4755  file 0:0  layer 2  /usr/local/bin/helper");
        Cli.Result inspect = Cli.run("inspect", demo);
        assertThat(inspect.out())
                .contains("APP_SECRET_TOKEN=<masked, 15 characters>")
                .doesNotContain("demo-token-0000");
        assertThat(inspect.out()).contains("User:          (root: no USER set)");
    }
}
