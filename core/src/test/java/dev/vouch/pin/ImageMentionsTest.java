package dev.vouch.pin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vouch.error.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageMentionsTest {
    private static final String D = "sha256:" + "a".repeat(64);

    @Test
    void dockerfileFromAndCopyFromButNotStagesScratchOrVariables() {
        String text = "ARG BASE=debian:12\r\nFROM --platform=$BUILDPLATFORM golang:1.23 AS build\r\n"
                + "FROM build AS test\r\nFROM $BASE\r\nFROM scratch\r\nFROM nginx@" + D + "\r\n"
                + "COPY --from=build /a /a\r\nCOPY --from=busybox:1.36 /bin/sh /sh\r\nFROM alpine:3.20\r\n";
        List<ImageMention> ms = ImageMentions.find("Dockerfile", text);
        assertThat(ms)
                .extracting(ImageMention::reference, ImageMention::line)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("golang:1.23", 2),
                        org.assertj.core.groups.Tuple.tuple("nginx@" + D, 6),
                        org.assertj.core.groups.Tuple.tuple("busybox:1.36", 8),
                        org.assertj.core.groups.Tuple.tuple("alpine:3.20", 9));
        String out = ImageMentions.rewrite(
                text, ms, Map.of("golang:1.23", "golang:1.23@" + D, "busybox:1.36", "busybox:1.36@" + D));
        assertThat(out)
                .isEqualTo(text.replace("golang:1.23 AS", "golang:1.23@" + D + " AS")
                        .replace("--from=busybox:1.36", "--from=busybox:1.36@" + D));
    }

    @Test
    void yamlImagesInEveryDocumentKeepingQuotesCommentsAndEverythingElse() {
        String text = "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n"
                + "        - name: a\n          image: \"nginx:1.27\"  # web\n      initContainers:\n        - image: busybox\n"
                + "---\nkind: CronJob\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n"
                + "          - image: ghcr.io/o/job:2\n            args: [\"image: not-this\"]\n          - image: ${TEMPLATED}\n";
        List<ImageMention> ms = ImageMentions.find("deploy.yaml", text);
        assertThat(ms).extracting(ImageMention::reference).containsExactly("nginx:1.27", "busybox", "ghcr.io/o/job:2");
        String out = ImageMentions.rewrite(text, ms, Map.of("nginx:1.27", "nginx:1.27@" + D));
        assertThat(out).contains("image: \"nginx:1.27@" + D + "\"  # web").contains("- image: busybox\n");
        assertThat(out.replace("@" + D, "")).isEqualTo(text);
    }

    @Test
    void filesThatDoNotParseAreRefused() {
        assertThatThrownBy(() -> ImageMentions.find("k8s.yaml", "a: [unclosed\nimage: nginx\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("k8s.yaml: not valid YAML, left untouched: ");
        assertThatThrownBy(() -> ImageMentions.find("Dockerfile", "FROM a\nRUN <<EOF\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Dockerfile:2: does not parse: unterminated heredoc EOF");
    }
}
