package dev.vouch.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vouch.SharedCorpora;
import dev.vouch.shell.Script;
import dev.vouch.shell.ShellParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every official-image Dockerfile in {@code ../shared/corpora/official-images} parses without an error, and so does
 * the shell of every shell-form RUN in them.
 */
class OfficialImagesParseTest {
    @Test
    void everyOfficialImageDockerfileParses() throws IOException {
        Path root = SharedCorpora.path("official-images/dockerfiles");
        List<Path> files = SharedCorpora.officialDockerfiles();
        assertThat(files).hasSizeGreaterThan(100);
        List<String> failures = new ArrayList<>();
        int instructions = 0;
        int commands = 0;
        for (Path f : files) {
            Dockerfile d = DockerfileParser.parse(Files.readString(f, StandardCharsets.UTF_8), f.toString());
            if (!d.ok()) {
                failures.add(root.relativize(f) + ": " + d.errors());
            }
            instructions += d.instructions().size();
            for (int n = 0; n < d.instructions().size(); n++) {
                Instruction i = d.instructions().get(n);
                if (i.command().equals("run") && !i.json() && !i.args().isEmpty() && d.posixShellAt(n)) {
                    Script script = ShellParser.parse(i.args().get(0));
                    if (!script.errors().isEmpty()) {
                        failures.add(root.relativize(f) + ":" + i.startLine() + ": " + script.errors());
                    }
                    commands += script.allCommands().size();
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(instructions).isGreaterThan(files.size() * 3);
        assertThat(commands).isGreaterThan(instructions);
    }
}
