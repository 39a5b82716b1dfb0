package dev.vouch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vouch.audit.AuditOptions;
import dev.vouch.audit.DockerfileAudit;
import dev.vouch.dockerfile.DockerfileParser;
import dev.vouch.kube.Manifests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The text of {@code vouch dockerfile} and {@code vouch manifests} wraps to the width it is given: every line fits
 * (unless one word alone is longer than a line, such as a digest) and the words are the same as at any other width.
 */
class TextWidthTest {
    @ParameterizedTest
    @ValueSource(ints = {60, 80, 120})
    void dockerfileFindingsAndReviewQueueWrapWithoutLosingAWord(int width) throws Exception {
        Path file = Fixtures.root().resolve("examples/demo-src/Dockerfile");
        String text = Files.readString(file);
        var result = DockerfileAudit.audit(DockerfileParser.parse(text, file.toString()), AuditOptions.defaults());
        var files = List.of(new DockerfileCommand.FileReport(file.toString(), result.findings(), result.review()));
        assertWraps(width, w -> DockerfileCommand.text(files, w));
        assertThat(DockerfileCommand.text(files, width)).contains("[DF004]").contains("review queue:");
    }

    @ParameterizedTest
    @ValueSource(ints = {60, 80, 120})
    void manifestFindingsWrapWithoutLosingAWord(int width) throws Exception {
        String pod = """
                apiVersion: v1
                kind: Pod
                metadata: {name: risky}
                spec:
                  hostPID: true
                  containers:
                  - name: app
                    image: registry.example.com/team/a-rather-long-repository-name/app:latest
                    securityContext: {privileged: true}
                    volumeMounts: [{name: sock, mountPath: /var/run/docker.sock}]
                  volumes: [{name: sock, hostPath: {path: /var/run/docker.sock}}]
                """;
        var findings = Manifests.check(pod.getBytes(java.nio.charset.StandardCharsets.UTF_8), "pod.yaml");
        assertThat(findings).hasSizeGreaterThan(3);
        var reports = List.of(new ManifestsCommand.FileReport("pod.yaml", findings));
        assertWraps(width, w -> ManifestsCommand.text(reports, w));
    }

    private static void assertWraps(int width, IntFunction<String> render) {
        String text = render.apply(width);
        boolean wrapped = false;
        for (String line : text.split("\n")) {
            String last = line.substring(line.lastIndexOf(' ') + 1);
            assertThat(line.length() <= width || last.length() > width / 2)
                    .as("%d columns: %s", width, line)
                    .isTrue();
            wrapped |= line.startsWith("    ")
                    && !line.startsWith("    base")
                    && !line.strip().startsWith("line ");
        }
        assertThat(wrapped)
                .as("some line was continued at %d columns:%n%s", width, text)
                .isTrue();
        assertThat(text.replaceAll("\\s+", " ")).isEqualTo(render.apply(100_000).replaceAll("\\s+", " "));
    }
}
